/** Unsent replies are never lost: they are saved here, and the error says where. */
import { join } from "node:path";
import { CliError } from "../../errors.js";
import { writePrivateFile } from "../../deps.js";

export function saveDraft(stateDir: string, profile: string, ticketId: string, body: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");
  const path = join(stateDir, "drafts", `${safe(profile)}-${safe(ticketId)}-${stamp}.txt`);
  writePrivateFile(path, body);
  return path;
}

/** The same error, with where the draft went appended to its message. */
export function withDraftNote(err: CliError, path: string, resend: string): CliError {
  const copy = new CliError(err.code, `${err.message}. The text was saved to ${path}; resend with: ${resend}`, {
    vendor: err.vendor,
    httpStatus: err.httpStatus,
    vendorCode: err.vendorCode,
    hint: err.hint,
    cause: err.cause,
  });
  return copy;
}
