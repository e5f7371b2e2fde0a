/**
 * The CI rule (issue 10 item 11): `CI` set to any non-empty value other than "false" or "0" means
 * no prompts. Checked on the function and on a real terminal (tmux), where `profile add` would
 * otherwise prompt for the vendor.
 */
import { afterEach, describe, expect, it } from "vitest";
import { isCI } from "../../src/io.js";
import { BIN, tempConfigDir } from "../helpers/cli.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

describe("isCI", () => {
  it.each(["true", "1", "yes", "TRUE", "woodpecker", " true "])("CI=%j is CI", (value) => {
    expect(isCI({ CI: value })).toBe(true);
  });
  it.each([undefined, "", "false", "0", "FALSE", " 0 "])("CI=%j is not", (value) => {
    expect(isCI(value === undefined ? {} : { CI: value })).toBe(false);
  });
});

describe.skipIf(!hasTmux)("prompts on a terminal (tmux)", () => {
  let tty: TtySession | undefined;
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });

  it.each(["1", "yes", "true"])("CI=%s: profile add asks nothing and names the missing flag (exit 2)", async (ci) => {
    tty = new TtySession();
    tty.start([process.execPath, BIN, "profile", "add", "x"], { TICKET_CONFIG_DIR: tempConfigDir(), CI: ci });
    const screen = await tty.waitFor(/EXIT=\d+/);
    expect(screen).toMatch(/EXIT=2/);
    expect(screen).toMatch(/--vendor is required/);
    expect(screen).not.toMatch(/Vendor/);
  });

  it.each(["false", "0", ""])("CI=%j: profile add prompts as on any terminal", async (ci) => {
    tty = new TtySession();
    tty.start([process.execPath, BIN, "profile", "add", "x"], { TICKET_CONFIG_DIR: tempConfigDir(), CI: ci });
    await tty.waitFor(/Vendor/);
    tty.keys("C-c");
    await tty.waitFor(/EXIT=\d+/);
  });
});
