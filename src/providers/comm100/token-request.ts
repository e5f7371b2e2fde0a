/**
 * One request to Comm100's OAuth token endpoint (vendor-notes 2.1: POST /oauth/token,
 * application/x-www-form-urlencoded) and the reading of its answer. The answer of an auth endpoint
 * is never quoted in a message: a refusal names the HTTP status only, an unreadable answer its
 * content type. The tokens in it are registered as secrets the moment they are read.
 */
import { AuthError, CliError, NetworkError, OperationError } from "../../errors.js";
import type { ProviderContext } from "../types.js";

export interface TokenAnswer {
  accessToken: string;
  refreshToken: string | null;
  /** Seconds, when the answer says. */
  expiresIn: number | null;
}

interface RawAnswer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  text: string;
}

const VENDOR = { vendor: "comm100" as const };
const TIMEOUT_MS = 30_000;
/** Asking for a token changes nothing on the vendor's side, so a busy or failing endpoint is asked again. */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const RETRIES = 2;
const RETRY_BASE_MS = 200;
const RETRY_MAX_MS = 30_000;

function retryDelay(attempt: number, retryAfter: string | null): number {
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
    if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), RETRY_MAX_MS);
  }
  return RETRY_BASE_MS * 2 ** attempt;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The profile's own origin goes through the profile's HTTP client (deadline, --verbose, abort).
 * The control-panel host of a real site (dashNN, not apiNN) is another origin, which that client
 * refuses by design; only the token request goes there, with a deadline of its own.
 */
async function post(ctx: ProviderContext, tokenUrl: string, form: Record<string, string>): Promise<RawAnswer> {
  const url = new URL(tokenUrl);
  if (url.origin === new URL(ctx.profile.baseUrl).origin) {
    const http = ctx.http({ prefixUrl: `${url.origin}/`, json: false, sendInDryRun: true, retryMethods: [] });
    const res = await http.post(url.pathname.replace(/^\//, "") + url.search, { form, throwHttpErrors: false, responseType: "text", followRedirect: false });
    const retryAfter = res.headers["retry-after"];
    return { status: res.statusCode, contentType: String(res.headers["content-type"] ?? ""), retryAfter: retryAfter === undefined ? null : String(retryAfter), text: res.body };
  }
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", "user-agent": "ticket-cli" },
    body: new URLSearchParams(form),
    redirect: "manual",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", retryAfter: res.headers.get("retry-after"), text: await res.text() };
}

/** post(), asked again (at most RETRIES times) while the endpoint is busy, failing or unreachable. */
async function postWithRetries(ctx: ProviderContext, tokenUrl: string, form: Record<string, string>): Promise<RawAnswer> {
  for (let attempt = 0; ; attempt++) {
    let answer: RawAnswer;
    try {
      answer = await post(ctx, tokenUrl, form);
    } catch (err) {
      if (attempt >= RETRIES || err instanceof CliError) throw transportError(err, tokenUrl);
      await sleep(retryDelay(attempt, null));
      continue;
    }
    if (!RETRY_STATUSES.has(answer.status) || attempt >= RETRIES) return answer;
    await sleep(retryDelay(attempt, answer.retryAfter));
  }
}

function transportError(err: unknown, tokenUrl: string): CliError {
  if (err instanceof CliError) return err;
  const e = err as { code?: string; name?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? e.name ?? "error";
  const origin = new URL(tokenUrl).origin;
  if (e.name === "TimeoutError" || code === "ETIMEDOUT") return new NetworkError(`Comm100's token endpoint ${origin} did not answer in time`, VENDOR);
  return new NetworkError(`cannot reach Comm100's token endpoint ${origin} (${code})`, VENDOR);
}

/** POST the grant; returns the tokens, or throws a CliError that quotes nothing of the answer. */
export async function requestToken(ctx: ProviderContext, tokenUrl: string, form: Record<string, string>, who: string): Promise<TokenAnswer> {
  const answer = await postWithRetries(ctx, tokenUrl, form);
  const { status } = answer;
  const kind = answer.contentType.split(";")[0]!.trim() || "no content type";
  const what = form["grant_type"] === "refresh_token" ? "the saved refresh token" : `the OAuth sign-in of ${who}`;
  if (status === 400 || status === 401 || status === 403) {
    throw new AuthError(`Comm100 refused ${what} (HTTP ${status})`, {
      ...VENDOR,
      httpStatus: status,
      hint: "Check the profile's email, clientId and password: ticket profile show",
    });
  }
  if (status === 429 || status >= 500) throw new NetworkError(`Comm100's token endpoint is failing (HTTP ${status}) after retries`, { ...VENDOR, httpStatus: status });
  if (status < 200 || status >= 300) throw new OperationError(`Comm100's token endpoint answered HTTP ${status}`, { ...VENDOR, httpStatus: status });
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    throw new NetworkError(`Comm100's token endpoint sent an unreadable answer (HTTP ${status}, ${kind})`, { ...VENDOR, httpStatus: status });
  }
  const obj = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const accessToken = typeof obj["access_token"] === "string" ? obj["access_token"] : "";
  const refreshToken = typeof obj["refresh_token"] === "string" && obj["refresh_token"] !== "" ? obj["refresh_token"] : null;
  ctx.addSecret(accessToken);
  if (refreshToken) ctx.addSecret(refreshToken);
  if (!accessToken) throw new OperationError("unexpected answer from Comm100's token endpoint: access_token is missing", { ...VENDOR, httpStatus: status });
  const expires = Number(obj["expires_in"]);
  return { accessToken, refreshToken, expiresIn: Number.isFinite(expires) && expires > 0 ? expires : null };
}
