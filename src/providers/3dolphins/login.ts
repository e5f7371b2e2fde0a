/**
 * POST graph/auth (vendor-notes.md 4.1, FACT): JSON `{username, password}` -> `{token, expireAt}`.
 * The answer of an auth endpoint is never quoted, whatever it is (cut, not JSON, an error page):
 * it may hold a live token. The token is registered with the redactor the moment it is read, and
 * even a token glimpsed in a whole answer that does not parse is registered (a cut answer never
 * reaches us: the transport drops it), so no later output can show it.
 */
import type { Got } from "got";
import { AuthError, ConfigError, NetworkError, OperationError } from "../../errors.js";
import type { ProviderContext } from "../types.js";

export interface LoginResult {
  token: string;
  /** The vendor's expireAt as sent (a Java ZonedDateTime), when it sent one. */
  expireAt: string | null;
}

/** Errors of the login itself: the caller must not answer them by logging in again. */
const LOGIN_FAILURES = new WeakSet<Error>();
export const isLoginFailure = (err: unknown): boolean => {
  for (let e = err, i = 0; e && i < 6; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof Error && LOGIN_FAILURES.has(e)) return true;
  }
  return false;
};
const loginFailure = <E extends Error>(err: E): E => {
  LOGIN_FAILURES.add(err);
  return err;
};

interface GotLike {
  response?: { statusCode?: number; body?: unknown; headers?: Record<string, string | string[] | undefined> };
}

export async function login(ctx: ProviderContext, http: Got, username: string, password: string): Promise<LoginResult> {
  let text: string;
  let status: number;
  let type: string;
  try {
    const res = await http.post("graph/auth", { json: { username, password } });
    text = String(res.body ?? "");
    status = res.statusCode;
    type = String(res.headers["content-type"] ?? "no content-type");
  } catch (err) {
    const res = (err as GotLike).response;
    if (typeof res?.statusCode !== "number") throw err; // never reached the server, or no answer: nothing to quote
    glimpseToken(ctx, res.body);
    if (res.statusCode < 400) {
      throw loginFailure(new NetworkError(`3Dolphins sent an unreadable answer to graph/auth (HTTP ${res.statusCode}): the connection was cut mid-answer`, { vendor: "3dolphins", httpStatus: res.statusCode }));
    }
    throw loginFailure(refusal(res.statusCode, username));
  }
  glimpseToken(ctx, text);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw loginFailure(
      new NetworkError(`3Dolphins sent an unreadable answer to graph/auth (HTTP ${status}, ${type.split(";")[0]!.trim()})`, { vendor: "3dolphins", httpStatus: status }),
    );
  }
  // Tolerate an envelope around the answer, in case a version wraps it.
  const obj = (body && typeof body === "object" && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const inner = (!("token" in obj) && obj["data"] && typeof obj["data"] === "object" ? obj["data"] : obj) as Record<string, unknown>;
  const token = inner["token"];
  if (typeof token === "string" && token.trim() !== "") {
    ctx.addSecret(token);
    const expireAt = typeof inner["expireAt"] === "string" ? inner["expireAt"] : null;
    return { token, expireAt };
  }
  const envelopeStatus = obj["status"];
  if (typeof envelopeStatus === "string" && envelopeStatus.toLowerCase() !== "success") {
    throw loginFailure(refusal(status, username, envelopeStatus));
  }
  throw loginFailure(new OperationError("unexpected answer from 3Dolphins graph/auth: field token is missing or not a string", { vendor: "3dolphins", httpStatus: status }));
}

/** A refused login, in our words only (the answer is not quoted). */
function refusal(status: number, username: string, vendorCode?: string): Error {
  const details = { vendor: "3dolphins" as const, httpStatus: status, vendorCode };
  const hint = "Check the profile's username setting and password secret: ticket profile show";
  if (status === 404) {
    return new ConfigError(`3Dolphins has no graph/auth under the profile's base URL (HTTP 404)`, { ...details, hint: "The base URL ends in /dolphin/apiv1: ticket profile show" });
  }
  if (status === 429 || status >= 500) return new NetworkError(`3Dolphins' graph/auth is failing (HTTP ${status})`, details);
  return new AuthError(`3Dolphins refused the username "${username}" and password at graph/auth${status < 300 ? "" : ` (HTTP ${status})`}`, { ...details, hint });
}

/** Register anything that looks like the token in an answer we cannot read (cut mid-token included). */
function glimpseToken(ctx: ProviderContext, body: unknown): void {
  const text = typeof body === "string" ? body : Buffer.isBuffer(body) ? body.toString("utf8") : "";
  for (const m of text.matchAll(/"(?:token|access_token|accessToken)"\s*:\s*"([^"\\]{4,})/g)) ctx.addSecret(m[1]!);
}
