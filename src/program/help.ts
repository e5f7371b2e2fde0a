/** Shared pieces of the command tree's declarations (src/program.ts and src/program/*.ts). */

/** Runs the named command module (src/commands/NAME.ts); built in createProgram. */
export type Action = (name: string) => (...params: unknown[]) => Promise<void>;

/** A repeatable option's values, in order. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The "Examples:" block of a command's help. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

