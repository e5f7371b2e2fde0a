/**
 * Turns transport errors (got's RequestError/HTTPError, aborts) into the CLI's error classes.
 * Vendors with envelopes (Sobot ret_code, 3Dolphins status) throw CliErrors themselves;
 * everything else lands here, called by the provider guard.
 */
import { AuthError, CliError, DryRunStop, InterruptedError, NetworkError, NotFoundError, OperationError, UsageError } from "../errors.js";
import type { VendorName } from "../model/enums.js";

interface GotLikeError extends Error {
  code?: string;
  response?: { statusCode: number; body: unknown; headers: Record<string, string | string[] | undefined> };
  options?: { method?: string; url?: URL | string };
  cause?: unknown;
}

const MESSAGE_KEYS = ["message", "error_description", "errorMessage", "error", "ret_msg", "msg", "detail", "title", "description"];

/** The most useful human text in a vendor error body, if any (kept short, one line). */
export function vendorMessage(body: unknown): string | undefined {
  let value: unknown = body;
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (!trimmed) return undefined;
    try {
      value = JSON.parse(trimmed);
    } catch {
      return trimmed.length > 200 || trimmed.startsWith("<") ? undefined : trimmed;
    }
  }
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    for (const key of MESSAGE_KEYS) {
      const v = obj[key];
      if (typeof v === "string" && v.trim()) return v.trim().slice(0, 300);
      if (v && typeof v === "object") {
        const nested = vendorMessage(v);
        if (nested) return nested;
      }
    }
    const errors = obj["errors"];
    if (Array.isArray(errors) && errors.length > 0) return vendorMessage(errors[0]);
  }
  return undefined;
}

function headerOf(headers: Record<string, string | string[] | undefined> | undefined, key: string): string | undefined {
  const v = headers?.[key];
  return Array.isArray(v) ? v[0] : v;
}

function isBodyFailure(e: GotLikeError): boolean {
  return e.name === "ParseError" || e.name === "ReadError" || e.code === "ERR_BODY_PARSE_FAILURE" || e.code === "ERR_HTTP_CONTENT_LENGTH_MISMATCH" || e.code === "ECONNRESET";
}

/** "field tickets.0.id: expected string, received number" from a ZodError (zod 4 `issues`). */
export function zodSummary(err: unknown): string {
  const issues = (err as { issues?: { path?: PropertyKey[]; message?: string }[] }).issues;
  const first = issues?.[0];
  if (!first) return "its shape is not the documented one";
  const path = (first.path ?? []).map(String).join(".");
  const more = issues!.length > 1 ? ` (and ${issues!.length - 1} more)` : "";
  return `${path ? `field ${path}` : "the answer"}: ${first.message ?? "unexpected value"}${more}`;
}

function findInChain<T>(err: unknown, test: (e: unknown) => e is T): T | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 6 && cur; i++) {
    if (test(cur)) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface ErrorContext {
  vendor: VendorName;
  /** "Comm100" */
  displayName: string;
  /** What was being done, for not-found wording: "ticket 42". */
  subject?: string;
}

/** The CLI error an HTTP error status means, with the vendor's own words when its body has some. */
export function errorForStatus(status: number, body: unknown, ctx: ErrorContext, cause?: unknown): CliError {
  const { vendor, displayName: name } = ctx;
  const said = vendorMessage(body);
  const suffix = said ? `: ${said}` : "";
  const details = { vendor, httpStatus: status, cause };
  if (status === 401) return new AuthError(`${name} refused the credentials (HTTP 401)${suffix}`, { ...details, hint: "Check the profile's token: ticket profile show" });
  if (status === 403) return new AuthError(`${name} denied permission (HTTP 403)${suffix}`, details);
  if (status === 404) return new NotFoundError(`${name}: ${ctx.subject ?? "resource"} not found${said && !/not found/i.test(said) ? ` (${said})` : ""}`, details);
  if (status === 429) return new NetworkError(`${name} rate limit hit (HTTP 429), still limited after retries${suffix}`, details);
  if (status >= 500) return new NetworkError(`${name} is failing (HTTP ${status}) after retries${suffix}`, details);
  if (status === 400 || status === 409 || status === 422) return new OperationError(`${name} rejected the request (HTTP ${status})${suffix}`, details);
  return new OperationError(`${name} answered HTTP ${status}${suffix}`, details);
}

export function toCliError(err: unknown, ctx: ErrorContext): CliError | DryRunStop {
  const dry = findInChain(err, (e): e is DryRunStop => e instanceof DryRunStop);
  if (dry) return dry;
  const cli = findInChain(err, (e): e is CliError => e instanceof CliError);
  if (cli) return cli;
  const e = err as GotLikeError;
  const vendor = ctx.vendor;
  const name = ctx.displayName;
  if (e?.name === "AbortError" || e?.code === "ERR_ABORTED" || e?.code === "ABORT_ERR") return new InterruptedError();

  const status = e?.response?.statusCode;
  // The answer came (2xx/3xx) but its body could not be read: cut, reset mid-body, not JSON.
  if (typeof status === "number" && status < 400 && isBodyFailure(e)) {
    const type = String(headerOf(e.response?.headers, "content-type") ?? "no content-type").split(";")[0]!.trim();
    const how = e.name === "ParseError" || e.code === "ERR_BODY_PARSE_FAILURE" ? "" : ": the connection was cut mid-answer";
    return new NetworkError(`${name} sent an unreadable answer (HTTP ${status}, ${type})${how}`, { vendor, httpStatus: status, cause: err });
  }
  if (typeof status === "number") return errorForStatus(status, e.response?.body, ctx, err);

  const code = e?.code;
  if (code === "ECONNREFUSED") return new NetworkError(`cannot connect to ${name}: connection refused`, { vendor, cause: err });
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new NetworkError(`cannot resolve ${name}'s host`, { vendor, cause: err });
  if (code === "ETIMEDOUT" || e?.name === "TimeoutError") return new NetworkError(`${name} did not answer in time`, { vendor, cause: err });
  if (code === "ECONNRESET" || code === "EPIPE" || code === "ECONNABORTED") return new NetworkError(`${name} dropped the connection`, { vendor, cause: err });
  if (e?.name === "ParseError" || code === "ERR_BODY_PARSE_FAILURE") return new NetworkError(`${name} sent an unreadable answer (not JSON)`, { vendor, cause: err });
  if (code === "ERR_HTTP_CONTENT_LENGTH_MISMATCH" || e?.name === "ReadError") return new NetworkError(`${name} sent an unreadable answer: the connection was cut mid-answer`, { vendor, cause: err });
  if (e?.name === "ZodError") return new OperationError(`unexpected answer from ${name}: ${zodSummary(err)}`, { vendor, cause: err });
  if (e?.name === "CancelError") return new NetworkError(`the request to ${name} was cancelled`, { vendor, cause: err });
  if (e?.name === "RequestError" || e?.name === "HTTPError" || e?.name === "MaxRedirectsError") {
    return new NetworkError(`request to ${name} failed: ${e.message}`, { vendor, cause: err });
  }
  if (err instanceof TypeError && /Invalid URL/i.test(err.message)) return new UsageError(`invalid URL: ${err.message}`, { vendor });
  return new OperationError(`${name}: ${e?.message ?? String(err)}`, { vendor, cause: err });
}
