/**
 * Text the user wrote is never lost: a reply or a new ticket's message that did not land (or may
 * not have) is saved here, in the state folder, owner-only (folder 0700, file 0600).
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function saveDraft(stateDir: string, profile: string, ticketId: string, body: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");
  const dir = join(stateDir, "drafts");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  // Unique per process and moment: no two runs ever write the same file, so no lock is needed.
  const path = join(dir, `${safe(profile)}-${safe(ticketId)}-${stamp}-${process.pid}.txt`);
  writeFileSync(path, body, { mode: 0o600, flag: "wx" });
  return path;
}
