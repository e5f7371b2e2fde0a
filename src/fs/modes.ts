/**
 * Owner-only folders and files (DESIGN.md section 6: "The config folder is 0700, its files 0600").
 * `createPrivateDir` creates a folder 0700; `repairPrivateModes`, finding the folder or the regular
 * files directly in it readable or writable by others, tightens them and says so in one warning
 * line (issue 8 item 9). It only touches what the current user owns and never a shared folder with the
 * sticky bit (/tmp), so a TICKET_CONFIG_DIR pointed somewhere odd cannot chmod the system.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, type Stats } from "node:fs";
import { basename, join } from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const GROUP_OR_OTHER = 0o077;
const STICKY = 0o1000;

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

function ownedByMe(st: Stats): boolean {
  return typeof process.getuid !== "function" || st.uid === process.getuid();
}

/** Tighten `path` to `mode` if it is looser and ours. Returns "name (was 0755)" when it changed something. */
function tighten(path: string, st: Stats, mode: number, label: string): string | undefined {
  if ((st.mode & GROUP_OR_OTHER) === 0 || !ownedByMe(st) || (st.mode & STICKY) !== 0) return undefined;
  try {
    chmodSync(path, mode);
    return `${label} (was ${octal(st.mode)})`;
  } catch {
    return undefined; // a file system without modes (some mounts): nothing we can do, nothing to warn about
  }
}

/** Create `dir` (and missing parents) with mode 0700. An existing folder is left as it is. */
export function createPrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Tighten `dir` and the regular files directly in it when they are looser than 0700 / 0600.
 * `warn` gets at most one line naming what was repaired.
 */
export function repairPrivateModes(dir: string, warn: (line: string) => void): void {
  const repaired: string[] = [];
  const dirRepair = tighten(dir, lstatSync(dir), PRIVATE_DIR_MODE, dir);
  if (dirRepair) repaired.push(dirRepair);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(dir, entry.name);
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch {
      continue; // removed meanwhile by another process
    }
    const fileRepair = tighten(path, st, PRIVATE_FILE_MODE, basename(path));
    if (fileRepair) repaired.push(fileRepair);
  }
  if (repaired.length > 0) {
    warn(`warning: ${repaired.join(", ")} could be read by other users; now owner-only (${octal(PRIVATE_DIR_MODE)} folder, ${octal(PRIVATE_FILE_MODE)} files)`);
  }
}
