/**
 * Secret redaction: every secret the CLI resolves is registered here, and every line written
 * to stdout/stderr (and every --verbose log) passes through `redact`. Belt and braces on top
 * of never printing secrets in the first place.
 */
const SECRET_HEADER = /^(authorization|proxy-authorization|token|x-api-key|api-key|apikey|cookie|set-cookie|x-auth-token)$/i;
const SECRET_PARAM = /^(token|access_token|refresh_token|sign|app_key|appkey|apikey|api_key|password|secret|client_secret|key)$/i;

export class Redactor {
  private secrets = new Set<string>();

  add(secret: string | undefined | null): void {
    if (!secret) return;
    // Very short values would redact ordinary words; real secrets are longer.
    if (secret.length >= 4) this.secrets.add(secret);
    const trimmed = secret.trim();
    if (trimmed !== secret && trimmed.length >= 4) this.secrets.add(trimmed);
    // The same secret may travel percent-encoded or base64-encoded (Basic auth).
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.secrets.add(encoded);
  }

  redact(text: string): string {
    let out = text;
    // Longest first so a secret containing another is fully masked.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(s)) out = out.split(s).join("***");
    }
    return out;
  }
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

/** A URL with secret-looking query values masked. */
export function redactUrl(url: string | URL): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return String(url);
  }
  for (const key of [...u.searchParams.keys()]) {
    if (SECRET_PARAM.test(key)) u.searchParams.set(key, "***");
  }
  if (u.password) u.password = "***";
  return u.toString().replace(/%2A%2A%2A/g, "***");
}

/** A shallow copy of a JSON-ish body with secret-looking keys masked, for --verbose and --dry-run. */
export function redactBody(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(redactBody);
  if (body && typeof body === "object") {
    return Object.fromEntries(
      Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, SECRET_PARAM.test(k) ? "***" : redactBody(v)]),
    );
  }
  return body;
}
