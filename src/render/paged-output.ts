/**
 * The stdout of one run while a pager may be wanted (./pager.ts, which loads this module only
 * then): held until taller than the screen, then paged or printed.
 */
import type { ChildProcess } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import stringWidth from "string-width";
import type { PagerDeps } from "./pager.js";
import { statusLine } from "./progress.js";
import { builtin } from "../process/builtin.js";

/** Terminal columns of one line of text: wide (CJK) characters take two, escape sequences none. */
function textWidth(line: string): number {
  return stringWidth(line);
}

/** Screen rows a finished line takes at `columns` wide (a long line wraps). */
function rowsOf(line: string, columns: number): number {
  return Math.max(1, Math.ceil(textWidth(line) / Math.max(1, columns)));
}

/** The program of a simple command ("less -R"), found on PATH; undefined when not found. */
function findProgram(program: string, env: NodeJS.ProcessEnv): string | undefined {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  };
  if (program.includes("/")) return executable(program) ? program : undefined;
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    const path = join(dir || ".", program);
    if (executable(path)) return path;
  }
  return undefined;
}

/** A command with shell syntax (quotes, pipes, variables) runs under `sh -c`; a simple one is split on spaces. */
const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]#~{}\n]/;

interface PagerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when ended by a signal), or "error" when it could not start. */
  exited: Promise<number | null | "error">;
  /** Via `sh -c`: exit 127 means the command was not found. */
  viaShell: boolean;
}

function startPager(command: string, env: NodeJS.ProcessEnv): PagerProcess | undefined {
  const { spawn } = builtin<typeof import("node:child_process")>("node:child_process");
  const pagerEnv = { ...env, LESS: env["LESS"] ?? "FRX", LV: env["LV"] ?? "-c" };
  const viaShell = SHELL_SYNTAX.test(command);
  let child: ChildProcess;
  if (viaShell) {
    child = spawn("sh", ["-c", command], { stdio: ["pipe", "inherit", "inherit"], env: pagerEnv });
  } else {
    const [program, ...args] = command.split(/\s+/).filter(Boolean);
    const path = program === undefined ? undefined : findProgram(program, env);
    if (path === undefined) return undefined;
    child = spawn(path, args, { stdio: ["pipe", "inherit", "inherit"], env: pagerEnv });
  }
  const exited = new Promise<number | null | "error">((resolve) => {
    child.once("error", () => resolve("error"));
    child.once("exit", (code) => resolve(code));
  });
  return { child, exited, viaShell };
}

type State = "holding" | "paging" | "printing";

/** stdout of one run while a pager may be wanted: held, then paged or printed. */
export class PagedOutput {
  private state: State = "holding";
  private held: string[] = [];
  /** Everything the pager was given: printed instead should it turn out not to exist. */
  private given: string[] = [];
  private heldErr: string[] = [];
  private rows = 0;
  private partial = "";
  private pager: PagerProcess | undefined;
  /** The pager closed its input (quit early): the rest is dropped. */
  private gone = false;
  private releaseProgress: (() => void) | undefined;

  constructor(
    private readonly deps: PagerDeps,
    private readonly command: string,
    private readonly out: (text: string) => void,
    private readonly err: (text: string) => void,
    private readonly screenRows: number,
  ) {}

  write = (text: string): void => {
    if (this.state === "printing") return this.out(text);
    if (this.state === "paging") return this.send(text);
    this.held.push(text);
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.rows += rowsOf(line, this.deps.io.columns);
    const partialRows = this.partial ? rowsOf(this.partial, this.deps.io.columns) : 0;
    // Taller than the screen: the shell's prompt needs the last row.
    if (this.rows + partialRows >= this.screenRows) this.page();
  };

  private send(text: string): void {
    this.given.push(text);
    if (this.gone) return;
    const stdin = this.pager?.child.stdin;
    if (!stdin || stdin.destroyed) {
      this.gone = true;
      return;
    }
    stdin.write(text);
  }

  private page(): void {
    const text = this.held.join("");
    this.held = [];
    const pager = startPager(this.command, this.deps.env);
    if (!pager) {
      this.notFound();
      this.state = "printing";
      this.out(text);
      return;
    }
    this.pager = pager;
    this.state = "paging";
    // The pager has the screen: progress waits, stderr lines wait until it closes.
    this.releaseProgress = statusLine(this.deps)?.hold();
    this.deps.io.err = (line) => void this.heldErr.push(line);
    // The pager quitting early closes its input: an ordinary end, not an error.
    pager.child.stdin?.on("error", () => (this.gone = true));
    this.send(text);
  }

  private notFound(): void {
    const program = this.command.split(/\s+/)[0] ?? this.command;
    this.err(`ticket: warning: pager "${program}" not found; printing instead (set TICKET_PAGER or PAGER, or use --no-pager)\n`);
  }

  /** The command is done writing: print what was held, or close the pager's input and wait for it. */
  async finish(): Promise<void> {
    if (this.state === "holding") {
      this.state = "printing";
      if (this.held.length) this.out(this.held.join(""));
      this.held = [];
      return;
    }
    if (this.state !== "paging" || !this.pager) return;
    const { child, exited, viaShell } = this.pager;
    const stop = () => child.kill("SIGTERM");
    this.deps.signal.addEventListener("abort", stop, { once: true });
    try {
      if (!this.gone) child.stdin?.end();
      const code = await exited;
      if (code === "error" || (viaShell && code === 127)) {
        if (code === "error") this.notFound();
        this.out(this.given.join(""));
      }
    } finally {
      this.deps.signal.removeEventListener("abort", stop);
      this.deps.io.err = this.err;
      this.state = "printing";
      this.releaseProgress?.();
      for (const line of this.heldErr.splice(0)) this.err(line);
    }
  }
}

