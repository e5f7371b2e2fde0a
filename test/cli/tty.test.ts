/**
 * Behavior on a real terminal, made with tmux: interactive `profile add` prompts for what is
 * missing, and tables get color. Each test has its own tmux server on a private socket, so the
 * suite cannot race with itself or with anything else using tmux. Skipped (visibly) where tmux is
 * not installed.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, tempConfigDir } from "../helpers/cli.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

if (!hasTmux) console.warn("test/cli/tty.test.ts: tmux is not installed; terminal tests are skipped");

describe.skipIf(!hasTmux)("on a terminal (tmux)", () => {
  let tty: TtySession | undefined;
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });

  it("profile add prompts for vendor, base URL and token, and stores the token with mode 0600", async () => {
    const dir = tempConfigDir();
    tty = new TtySession();
    tty.start([process.execPath, BIN, "profile", "add", "typed"], { TICKET_CONFIG_DIR: dir });
    await tty.waitFor(/Vendor/);
    tty.keys("Down", "Enter"); // 3Dolphins -> Comm100
    await tty.waitFor(/Base URL/);
    tty.type("https://api15.comm100.io/v4");
    tty.keys("Enter");
    await tty.waitFor(/agentId \(Enter to skip\)/);
    tty.keys("Enter");
    await tty.waitFor(/channelId \(Enter to skip\)/);
    tty.keys("Enter");
    await tty.waitFor(/token/);
    tty.type("typed-secret-token-42");
    tty.keys("Enter");
    await tty.waitFor(/Test profile typed now/);
    tty.type("n");
    tty.keys("Enter");
    const screen = await tty.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen).not.toContain("typed-secret-token-42"); // masked while typed
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(config.profiles.typed).toMatchObject({ vendor: "comm100", baseUrl: "https://api15.comm100.io/v4", secrets: { token: { value: "typed-secret-token-42" } } });
  });

  it("a table on a terminal has color; the same command piped has none", async () => {
    const dir = tempConfigDir();
    tty = new TtySession();
    tty.start([process.execPath, BIN, "-p", "demo", "list", "--limit", "3"], { TICKET_CONFIG_DIR: dir });
    const screen = await tty.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen).toMatch(/\u001b\[[0-9;]*m/);
    expect(existsSync(join(dir, "state", "demo", "comm100.json"))).toBe(true);
  });
});
