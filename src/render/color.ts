/**
 * The renderer's colors. One chalk instance per IO, at the level io.ts decided (a TTY, NO_COLOR,
 * FORCE_COLOR, --no-color): at level 0 every function here returns its text unchanged, so the
 * same code draws a colored table on a terminal and a plain one everywhere else.
 *
 * Statuses read from "needs someone" (new: cyan, open: yellow, pending: magenta) to "done"
 * (resolved: green, closed: dim); priorities from quiet (low: dim) to loud (urgent: bold red).
 */
import { Chalk, type ChalkInstance } from "chalk";
import type { IO } from "../io.js";

export function paint(io: IO): ChalkInstance {
  return new Chalk({ level: io.colorLevel });
}

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
