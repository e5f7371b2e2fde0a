/**
 * Progress on stderr (issue 11 item 4; STYLE.md: "progress spinners write to ErrOut"): one line
 * under the cursor, a spinner and a text, for what takes longer than a moment: a list walk
 * ("reading tickets… 350"), a bulk write ("closing 12 of 50"), an upload, and a request without an
 * answer after ~2 s ("waiting for Sobot… 3 s", from the HTTP client's onSlow).
 *
 * Shown only when stderr is a terminal, never with --json, --ndjson or --csv, never under CI or
 * with TERM=dumb: a script never sees any of it. The spinner is yocto-spinner (sindresorhus),
 * loaded the first time a line is due, so --help and --version never load it. It hooks
 * process.stdout and process.stderr while it spins: every other write first erases the line, so
 * the line never mixes with output, and the line is erased when the last task ends.
 *
 * One status line per run (per IO); tasks stack: the newest task shown is the one on the line, and
 * when it ends the one under it shows again (a slow request inside a list walk).
 */
import type { Deps } from "../deps.js";
import { isCI, type IO } from "../io.js";

/** "Longer than a moment": a task that ends sooner never shows. */
export const MOMENT_MS = 400;
/** Shortest time between two drawings of a changed text. */
const UPDATE_MS = 80;

export interface ProgressTask {
  /** The task's new text (the line changes at once when it is showing). */
  update(text: string): void;
  /** The task is over: its text goes (the one under it shows again, or the line is erased). */
  end(): void;
}

const NO_TASK: ProgressTask = { update() {}, end() {} };

/** The parts of yocto-spinner used here. */
interface Spinner {
  text: string;
  readonly isSpinning: boolean;
  start(text?: string): unknown;
  stop(): unknown;
}
type SpinnerFactory = (options: { stream: NodeJS.WritableStream; handleSignals: boolean; color?: string; text?: string }) => Spinner;

interface Entry {
  text: string;
  showing: boolean;
  timer?: NodeJS.Timeout;
}

/** What decides whether progress may show: the run's IO, environment and output flags. */
export type ProgressDeps = Pick<Deps, "io" | "env" | "globals"> & Partial<Pick<Deps, "cleanup" | "signal">>;

/**
 * Progress may show: stderr is a terminal, a table run (no machine format), not CI, not a dumb
 * terminal. Any CI variable at all turns it off (CI=false too): yocto-spinner takes any CI as "not
 * interactive" and would print a line per update instead of redrawing one.
 */
export function progressAllowed(deps: ProgressDeps): boolean {
  const g = deps.globals;
  if (g.json || g.ndjson || g.csv) return false;
  return deps.io.errIsTTY && !isCI(deps.env) && deps.env["CI"] === undefined && deps.env["TERM"] !== "dumb";
}

export class StatusLine {
  private readonly entries: Entry[] = [];
  private spinner: Spinner | undefined;
  private loading: Promise<void> | undefined;
  private held = 0;
  private closed = false;
  /** Text changes are drawn at most every UPDATE_MS (a walk counts thousands of tickets). */
  private lastDrawn = 0;
  private redraw: NodeJS.Timeout | undefined;
  private readonly restoreOnExit = () => this.spinner?.stop();

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly colored: boolean,
    private readonly load: () => Promise<SpinnerFactory> = loadYocto,
  ) {}

  /** A task whose text shows after `delayMs` (MOMENT_MS), unless it ended before. */
  begin(text: string, delayMs = MOMENT_MS): ProgressTask {
    if (this.closed) return NO_TASK;
    const entry: Entry = { text, showing: delayMs <= 0 };
    this.entries.push(entry);
    if (!entry.showing) {
      entry.timer = setTimeout(() => {
        entry.showing = true;
        this.sync();
      }, delayMs);
      entry.timer.unref();
    } else this.sync();
    return {
      update: (next) => {
        if (entry.text === next) return;
        entry.text = next;
        if (entry.showing) this.soon();
      },
      end: () => {
        clearTimeout(entry.timer);
        const i = this.entries.indexOf(entry);
        if (i < 0) return;
        this.entries.splice(i, 1);
        this.sync();
      },
    };
  }

  /** Nothing shows until the returned function is called (a pager has the screen). */
  hold(): () => void {
    this.held++;
    this.sync();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      this.sync();
    };
  }

  /** The run is over (or interrupted): erase the line; nothing shows after this. */
  close(): void {
    this.closed = true;
    clearTimeout(this.redraw);
    for (const e of this.entries.splice(0)) clearTimeout(e.timer);
    this.sync();
  }

  /** Draw a changed text now, or once UPDATE_MS has passed since the last drawing. */
  private soon(): void {
    const wait = this.lastDrawn + UPDATE_MS - Date.now();
    if (wait <= 0) return this.sync();
    this.redraw ??= setTimeout(() => {
      this.redraw = undefined;
      this.sync();
    }, wait);
    this.redraw.unref();
  }

  private top(): Entry | undefined {
    if (this.held > 0 || this.closed) return undefined;
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]!.showing) return this.entries[i];
    return undefined;
  }

  /** Makes the line show what the entries say. */
  private sync(): void {
    const top = this.top();
    if (!top) {
      if (this.spinner?.isSpinning) {
        this.spinner.stop(); // erases the line, shows the cursor again
        process.off("exit", this.restoreOnExit);
      }
      return;
    }
    if (!this.spinner) {
      this.loading ??= this.load().then(
        (create) => {
          // Colorless where stderr gets no color (NO_COLOR, --no-color, CLICOLOR=0): "reset" is no color.
          this.spinner = create({ stream: this.stream, handleSignals: false, color: this.colored ? "cyan" : "reset" });
          this.sync();
        },
        () => undefined, // no spinner library: no progress, never a failure
      );
      return;
    }
    if (this.spinner.isSpinning) {
      if (this.spinner.text !== top.text) {
        this.spinner.text = top.text;
        this.lastDrawn = Date.now();
      }
      return;
    }
    this.spinner.start(top.text);
    // A run ended by process.exit (a second Ctrl-C) still gets its cursor back and the line erased.
    process.on("exit", this.restoreOnExit);
  }
}

async function loadYocto(): Promise<SpinnerFactory> {
  const mod = await import("yocto-spinner");
  return mod.default as unknown as SpinnerFactory;
}

const lines = new WeakMap<IO, StatusLine>();

/**
 * The run's status line, or undefined where progress may not show (progressAllowed). Closed when
 * the run is interrupted and when it ends (deps.cleanup).
 */
export function statusLine(deps: ProgressDeps): StatusLine | undefined {
  const known = lines.get(deps.io);
  if (known) return known;
  if (!progressAllowed(deps)) return undefined; // asked again later: the flags may not be parsed yet
  const line = new StatusLine(process.stderr, (deps.io.errColorLevel ?? 0) > 0);
  lines.set(deps.io, line);
  deps.cleanup?.push(async () => line.close());
  deps.signal?.addEventListener("abort", () => line.close(), { once: true });
  return line;
}

/** A task on the run's status line; a no-op where progress may not show. */
export function beginProgress(deps: ProgressDeps, text: string, delayMs?: number): ProgressTask {
  return statusLine(deps)?.begin(text, delayMs) ?? NO_TASK;
}

/**
 * The HTTP client's onSlow for one vendor: "waiting for Sobot… 3 s" while a request has had no
 * answer for a while, counting the seconds, gone when the request ends.
 */
export function slowRequestNotice(deps: ProgressDeps, vendorName: string): (waitedMs: number) => (() => void) | undefined {
  return (waitedMs) => {
    if (!progressAllowed(deps)) return undefined;
    const started = Date.now() - waitedMs;
    const text = () => `waiting for ${vendorName}… ${Math.floor((Date.now() - started) / 1000)} s`;
    const task = beginProgress(deps, text(), 0);
    const ticker = setInterval(() => task.update(text()), 1000);
    ticker.unref();
    return () => {
      clearInterval(ticker);
      task.end();
    };
  };
}

/** "1.4 MB", "12 KB", "900 B". */
export function byteSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
