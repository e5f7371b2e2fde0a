/**
 * A short, one-way fingerprint of a credential, used to key token caches (DESIGN.md section 6):
 * a changed or revoked key never finds the token the old key obtained. Never reversible, never
 * the secret itself, safe in a file name.
 */
import { createHash } from "node:crypto";

export function credentialFingerprint(...parts: string[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(`${p.length}:${p}`);
  return h.digest("hex").slice(0, 16);
}
