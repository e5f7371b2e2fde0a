/**
 * A real pseudo-terminal for tests, made with tmux on a private socket: every TtySession has its
 * own tmux server (its own socket file in a fresh temp folder), so parallel test files never
 * share or race over a server. `waitFor` polls the screen; nothing waits a fixed time.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shellQuote } from "../../src/commands/shared/shell.js";

export const hasTmux = spawnSync("tmux", ["-V"]).status === 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TtySession {
  private readonly dir = mkdtempSync(join(tmpdir(), "ticket-tmux-"));
  private readonly socket = join(this.dir, "sock");
  private readonly name = "t";
  private started = false;

  constructor(
    private readonly width = 140,
    private readonly height = 40,
  ) {}

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-S", this.socket, "-f", "/dev/null", ...args], { encoding: "utf8" });
  }

  /**
   * Run `argv` (program and arguments, quoted here) with `env` in a new pane. When it exits the pane
   * prints `EXIT=<code>` and stays open, so the last screen can still be read.
   */
  start(argv: string[], env: Record<string, string> = {}): void {
    if (this.started) throw new Error("TtySession already started");
    this.started = true;
    const vars = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`);
    const command = `env -u CI -u NO_COLOR -u FORCE_COLOR TERM=xterm-256color ${vars.join(" ")} ${argv.map(shellQuote).join(" ")}; echo EXIT=$?; exec sleep 600`;
    this.tmux("new-session", "-d", "-s", this.name, "-x", String(this.width), "-y", String(this.height), command);
  }

  screen(): string {
    return this.tmux("capture-pane", "-p", "-e", "-t", this.name);
  }

  keys(...keys: string[]): void {
    this.tmux("send-keys", "-t", this.name, ...keys);
  }

  type(text: string): void {
    this.tmux("send-keys", "-t", this.name, "-l", text);
  }

  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    let screen = "";
    while (Date.now() < end) {
      try {
        screen = this.screen();
      } catch {
        screen = ""; // the server is still starting
      }
      if (pattern.test(screen)) return screen;
      await sleep(50);
    }
    throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
  }

  close(): void {
    spawnSync("tmux", ["-S", this.socket, "kill-server"]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
