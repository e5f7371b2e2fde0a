/** Zaia ids are UUIDs. No dependencies: the descriptor imports this on the start-up path. */

/** Any RFC 4122-shaped UUID. The API documents v4; the client accepts any version and lets Zaia decide. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** The descriptor's checkTicketId: an error message, or null when the id is well formed. */
export function checkZaiaId(id: string): string | null {
  return isUuid(id) ? null : "Zaia ticket ids are UUIDs (like 0b6c2f9e-4c1d-4a8e-9f3a-2d5e7b1c8a40)";
}
