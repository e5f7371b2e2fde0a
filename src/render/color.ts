/**
 * The renderer's colors. One chalk instance per IO, at the level io.ts decided (a TTY, NO_COLOR,
 * FORCE_COLOR, --no-color): at level 0 every function here returns its text unchanged, so the
 * same code draws a colored table on a terminal and a plain one everywhere else.
 *
 * Statuses read from "needs someone" (new: cyan, open: yellow, pending: magenta) to "done"
 * (resolved: green, closed: dim); priorities from quiet (low: dim) to loud (urgent: bold red).
 */
import type { ChalkInstance } from "chalk";
import type { IO } from "../io.js";

/**
 * chalk is loaded only for a run with color (issue 12 item 1: a piped or --json run never pays
 * for it): src/main.ts calls loadColors() before the command when the IO has a color level.
 * Without color, paint() gives chalk's level-0 behavior without chalk (PLAIN below).
 */
let chalk: typeof import("chalk") | undefined;

export async function loadColors(): Promise<void> {
  chalk ??= await import("chalk");
}

export function paint(io: IO): ChalkInstance {
  if (io.colorLevel === 0) return PLAIN;
  if (!chalk) throw new Error("colors were not loaded (src/main.ts calls loadColors() for a run with color)");
  return new chalk.Chalk({ level: io.colorLevel });
}

/** chalk 5's style names (its modifierNames, foregroundColorNames and backgroundColorNames). */
const STYLES = new Set(
  "reset bold dim italic underline overline inverse hidden strikethrough black red green yellow blue magenta cyan white blackBright gray grey redBright greenBright yellowBright blueBright magentaBright cyanBright whiteBright bgBlack bgRed bgGreen bgYellow bgBlue bgMagenta bgCyan bgWhite bgBlackBright bgGray bgGrey bgRedBright bgGreenBright bgYellowBright bgBlueBright bgMagentaBright bgCyanBright bgWhiteBright".split(" "),
);
const MODELS = new Set(["rgb", "hex", "ansi256", "bgRgb", "bgHex", "bgAnsi256"]);

/**
 * A chalk instance at level 0, as chalk makes it: any chain of styles returns its text ("" + a
 * single argument, several joined by spaces), and a chain through `visible` returns "".
 * test/unit/color.test.ts compares it with `new Chalk({ level: 0 })`.
 */
function plainChalk(empty: boolean): ChalkInstance {
  const style = (...args: unknown[]) => (empty ? "" : args.length === 1 ? String(args[0]) : args.join(" "));
  return new Proxy(style, {
    get(target, prop, receiver) {
      if (prop === "level") return 0;
      if (prop === "visible") return PLAIN_EMPTY;
      if (typeof prop === "string" && STYLES.has(prop)) return receiver;
      if (typeof prop === "string" && MODELS.has(prop)) return () => receiver;
      return Reflect.get(target, prop, receiver);
    },
  }) as unknown as ChalkInstance;
}
const PLAIN: ChalkInstance = plainChalk(false);
const PLAIN_EMPTY: ChalkInstance = plainChalk(true);

export function statusColor(c: ChalkInstance, status: string): string {
  switch (status) {
    case "new":
      return c.cyan(status);
    case "open":
      return c.yellow(status);
    case "pending":
      return c.magenta(status);
    case "on_hold":
      return c.gray(status);
    case "resolved":
      return c.green(status);
    case "closed":
      return c.dim(status);
    default:
      return status;
  }
}

export function priorityColor(c: ChalkInstance, p: string): string {
  if (p === "urgent") return c.red.bold(p);
  if (p === "high") return c.red(p);
  if (p === "low") return c.dim(p);
  return p;
}
