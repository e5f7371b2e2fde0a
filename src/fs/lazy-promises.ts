/**
 * node:fs/promises, loaded by the first call instead of at start-up (issue 12: about 3 ms; a
 * `list --json` without --checkpoint never writes a file). Same functions, same signatures.
 */
import { builtin } from "../process/builtin.js";

type FsPromises = typeof import("node:fs/promises");
const fsp = (): FsPromises => builtin<FsPromises>("node:fs/promises");
const lazy = <K extends keyof FsPromises>(name: K): FsPromises[K] => ((...args: unknown[]) => (fsp()[name] as (...a: unknown[]) => unknown)(...args)) as FsPromises[K];

export const mkdir = lazy("mkdir");
export const readFile = lazy("readFile");
export const readdir = lazy("readdir");
export const rename = lazy("rename");
export const rm = lazy("rm");
export const writeFile = lazy("writeFile");
