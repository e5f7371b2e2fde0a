/**
 * Behavior on a real terminal, made with tmux: interactive `profile add` prompts for what is
 * missing, and tables get color. Skipped where tmux is not installed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, tempConfigDir } from "../helpers/cli.js";

const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const session = `ticket-tty-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let screen = "";
  while (Date.now() < end) {
    screen = tmux("capture-pane", "-p", "-e", "-t", session);
    if (pattern.test(screen)) return screen;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
}

describe.skipIf(!hasTmux)("on a terminal (tmux)", () => {
  const dir = tempConfigDir();
  const start = (args: string) =>
    tmux("new-session", "-d", "-s", session, "-x", "140", "-y", "40", `env -u CI -u NO_COLOR TERM=xterm-256color TICKET_CONFIG_DIR=${dir} ${process.execPath} ${BIN} ${args}; echo EXIT=$?; sleep 30`);
  afterAll(() => {
    spawnSync("tmux", ["kill-session", "-t", session]);
  });

  it("profile add prompts for vendor, base URL and token, and stores the token with mode 0600", async () => {
    start("profile add typed");
    await waitFor(/Vendor/);
    tmux("send-keys", "-t", session, "Down", "Enter"); // 3Dolphins -> Comm100
    await waitFor(/Base URL/);
    tmux("send-keys", "-t", session, "-l", "https://api15.comm100.io/v4");
    tmux("send-keys", "-t", session, "Enter");
    await waitFor(/token/);
    tmux("send-keys", "-t", session, "-l", "typed-secret-token-42");
    tmux("send-keys", "-t", session, "Enter");
    const screen = await waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen).not.toContain("typed-secret-token-42"); // masked while typed
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(config.profiles.typed).toMatchObject({ vendor: "comm100", baseUrl: "https://api15.comm100.io/v4", secrets: { token: { value: "typed-secret-token-42" } } });
    tmux("kill-session", "-t", session);
  });

  it("a table on a terminal has color; the same command piped has none", async () => {
    start("-p demo list --limit 3");
    const screen = await waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen).toMatch(/\u001b\[[0-9;]*m/);
    expect(existsSync(join(dir, "state", "demo", "comm100.json"))).toBe(true);
    tmux("kill-session", "-t", session);
  });
});
