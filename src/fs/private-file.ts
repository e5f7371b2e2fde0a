/**
 * Files only the owner can read (token caches, drafts, demo state): written through a private
 * temp file and a rename, so a reader never sees half a file and a crash never leaves a torn one.
 * Folders are created 0700, files 0600 (DESIGN.md section 6). To change a file other processes may
 * change too, wrap the read and the write in withFileLock (./lock.ts).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "./lazy-promises.js";
import { dirname } from "node:path";
import { builtin } from "../process/builtin.js";

/** node:crypto is loaded by the first write, not by every run that might write (issue 12). */
const randomHex = () => builtin<typeof import("node:crypto")>("node:crypto").randomBytes(6).toString("hex");
const tempNameFor = (path: string) => `${path}.${process.pid}.${randomHex()}.tmp`;

/** Write `text` to `path` via a private temp file and a rename, so a reader never sees half a file. Throws on failure. */
export async function writePrivateFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = tempNameFor(path);
  try {
    await writeFile(tmp, text, { mode: 0o600 });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** The same, synchronously (for cleanup paths that must finish before the process exits). */
export function writePrivateFileAtomicSync(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = tempNameFor(path);
  try {
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The JSON in `path`, or undefined when there is no such file (a torn or foreign file throws). */
export function readJsonFile(path: string): unknown {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8"));
}
