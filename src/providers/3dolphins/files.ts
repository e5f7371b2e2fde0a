/**
 * File links from POST graph/tickets/files. The vendor appends the caller's token to the link it
 * returns (`...?access_token=Bearer <token>`, vendor doc): that parameter is removed here, and a
 * link that still carries a credential anywhere is dropped rather than returned.
 */

export interface CleanLink {
  /** The link without credentials, or null when there is no usable link. */
  url: string | null;
  /** True when an access_token parameter (or a known secret) was removed or forced the link out. */
  stripped: boolean;
}

const TOKEN_PARAMS = /^(access_token|token|auth|authorization)$/i;

/**
 * Strip credentials from a file link the vendor returned. `base` resolves relative links;
 * `secrets` are values that must never survive in the result (the bearer token).
 */
export function cleanFileLink(data: unknown, base: string, secrets: readonly string[]): CleanLink {
  let raw: string | null = null;
  if (typeof data === "string") raw = data.trim();
  else if (data && typeof data === "object") {
    const obj = data as Record<string, unknown>;
    for (const key of ["url", "fileUrl", "link", "path", "location"]) {
      const v = obj[key];
      if (typeof v === "string" && v.trim()) {
        raw = v.trim();
        break;
      }
    }
  }
  if (!raw) return { url: null, stripped: false };

  const hashAt = raw.indexOf("#");
  const withoutHash = hashAt >= 0 ? raw.slice(0, hashAt) : raw;
  const qAt = withoutHash.indexOf("?");
  const path = qAt >= 0 ? withoutHash.slice(0, qAt) : withoutHash;
  const query = qAt >= 0 ? withoutHash.slice(qAt + 1) : "";

  let stripped = false;
  const kept: string[] = [];
  for (const part of query.split("&")) {
    if (!part) continue;
    const key = safeDecode(part.split("=")[0] ?? "");
    if (TOKEN_PARAMS.test(key)) {
      stripped = true;
      continue;
    }
    kept.push(part);
  }

  if (path === "" || path === "null" || path === "undefined") return { url: null, stripped };

  let url: string;
  try {
    url = new URL(path, `${base.replace(/\/+$/, "")}/`).toString();
  } catch {
    return { url: null, stripped };
  }
  if (kept.length > 0) url += `?${kept.join("&")}`;

  const lower = url.toLowerCase();
  const leaks =
    /bearer(\s|%20|\+)/i.test(url) ||
    secrets.some((s) => s.length >= 4 && (url.includes(s) || lower.includes(encodeURIComponent(s).toLowerCase())));
  if (leaks) return { url: null, stripped: true };
  return { url, stripped };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}
