/**
 * The one-line statuses on stderr (issue 11 item 11): `✓ Closed ticket 42` in green and
 * `ticket: no ticket 42` in red, when stderr gets color (io.errColorLevel: a terminal, or
 * CLICOLOR_FORCE / FORCE_COLOR; never with NO_COLOR, --no-color or CLICOLOR=0; see io.ts).
 * Piped, the text is byte for byte what it was without color, so scripts and tests that read
 * stderr see the same lines. The text is the caller's, already made terminal-safe (sanitize).
 *
 * Plain SGR codes, not chalk: these lines are printed by nearly every write verb and by every
 * failure, and need only two colors (green 32, red 31, reset to the default foreground 39).
 */
import type { IO } from "../io.js";

const GREEN = "\u001b[32m";
const RED = "\u001b[31m";
const DEFAULT_FG = "\u001b[39m";

function paint(io: IO, color: string, line: string): string {
  return (io.errColorLevel ?? 0) > 0 ? `${color}${line}${DEFAULT_FG}` : line;
}

/** `✓ TEXT` on stderr, green on a color stderr. TEXT without the mark or the newline. */
export function success(io: IO, text: string): void {
  io.err(`${paint(io, GREEN, `✓ ${text}`)}\n`);
}

/** An error line (`ticket: ...`, given whole, without the newline) on stderr, red on a color stderr. */
export function failureLine(io: IO, line: string): void {
  io.err(`${paint(io, RED, line)}\n`);
}
