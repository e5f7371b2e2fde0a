/**
 * The 3Dolphins transport: bearer auth on every request, one refresh when the server refuses the
 * token in password mode, the `{status, data, hasMore, nextIndex, ...}` envelope (anything but
 * "success" is the vendor saying no: a CliError carrying `vendorCode`), HTTP refusals in the
 * vendor's words, and start/count paging behind a PageGuard.
 */
import { missingField } from "../shared/shape.js";
import type { Got, Method } from "got";
import { AuthError, NotFoundError, OperationError, type CliError, type ErrorDetails } from "../../errors.js";
import { vendorMessage } from "../../http/errors.js";
import { PageGuard } from "../shared/pages.js";
import type { ProviderContext } from "../types.js";
import { createTokenSource, plainHttpWarning, type TokenSource } from "./auth.js";
import { isLoginFailure } from "./login.js";
import { AUTH_TEXT, ERROR_CODE_FIELDS, ERROR_TEXT_FIELDS, nextStart, NOT_FOUND_TEXT, VENDOR_STATUS } from "./guesses.js";
import { EnvelopeSchema, type Envelope } from "./schema.js";

export interface ThreeDolphinsApi {
  /** The profile's base URL without a trailing slash or /graph: ".../dolphin/apiv1". */
  readonly base: string;
  readonly tokens: TokenSource;
  /** GET and unwrap the envelope. `subject` names the thing for not-found errors ("ticket 42"). */
  get(path: string, searchParams: Record<string, string | number> | undefined, subject: string): Promise<Envelope>;
  /** PUT/POST JSON and unwrap the envelope. */
  send(method: Extract<Method, "PUT" | "POST">, path: string, json: unknown, subject: string): Promise<Envelope>;
  /** POST a multipart body and unwrap the envelope. */
  sendForm(path: string, form: FormData, subject: string): Promise<Envelope>;
  /**
   * Walk a start/count list: each page's items parsed, passed through `guard` (keyed by path,
   * params and start) and yielded. Stops fetching when the consumer stops.
   */
  pages<T>(walk: PageWalk<T>): AsyncGenerator<T[]>;
  /** Remove every credential we know of from vendor text. */
  scrub(text: string): string;
}

export interface PageWalk<T> {
  path: string;
  params: Record<string, string>;
  count: number;
  subject: string;
  guard: PageGuard;
  parse(item: unknown): T;
  idOf(item: T): string;
}

const SUCCESS = new Set(["success", "ok"]);
const TICKET_STATUSES = new Set(Object.values(VENDOR_STATUS).map((s) => s.toLowerCase()));

export const newPageGuard = (): PageGuard => new PageGuard({ vendor: "3dolphins", displayName: "3Dolphins" });

const statusOf = (err: unknown): number | undefined => {
  const s = (err as { response?: { statusCode?: unknown } })?.response?.statusCode;
  return typeof s === "number" ? s : undefined;
};

export function createApi(ctx: ProviderContext): ThreeDolphinsApi {
  const base = ctx.profile.baseUrl.replace(/\/+$/, "").replace(/\/graph$/, "");
  let warned = false;
  const checkTransport = () => {
    if (warned) return;
    warned = true;
    const warning = plainHttpWarning(ctx.profile.baseUrl);
    if (warning) ctx.warn(warning);
  };

  let authClient: Got | undefined;
  const tokens = createTokenSource(ctx, () => {
    checkTransport();
    // A login changes nothing: allowed in --dry-run, and repeatable. Read as text so a cut or
    // non-JSON answer is never quoted by a JSON parser's message (auth.ts parses it).
    return (authClient ??= ctx.http({ prefixUrl: base, sendInDryRun: true, json: false, retryMethods: ["POST"] }));
  });

  let client: Got | undefined;
  const http = (): Got =>
    (client ??= ctx.http({
      prefixUrl: base,
      // update/* PUTs set state (assignee, supervisor, closed): repeating one is harmless. POSTs never repeat.
      retryMethods: ["GET", "HEAD", "PUT"],
      authorize: async (options) => {
        checkTransport();
        options.headers["authorization"] = `Bearer ${await tokens.get()}`;
      },
    }));

  function scrub(text: string): string {
    let out = text;
    for (const s of tokens.secretsSeen().sort((a, b) => b.length - a.length)) {
      if (s.length >= 4) out = out.split(s).join("***");
    }
    return out
      .replace(/(bearer\s+)[^\s"',;]+/gi, "$1***")
      .replace(/((?:invalid access token|access token expired|token)\s*:\s*)[^\s"',;]+/gi, "$1***");
  }

  function authFailure(status: number | undefined, said: string | undefined, vendorCode?: string): AuthError {
    const text = said ? `: ${scrub(said)}` : "";
    const how = tokens.mode === "password" ? "a fresh token from graph/auth" : "the profile's token";
    return new AuthError(`3Dolphins refused ${how}${status ? ` (HTTP ${status})` : ""}${text}`, {
      vendor: "3dolphins",
      httpStatus: status,
      vendorCode,
      hint:
        tokens.mode === "password"
          ? "Check the profile's username setting and password secret: ticket profile show"
          : "The token may have expired (3Dolphins tokens carry an expireAt): set a new one, or configure username + password instead (ticket profile show)",
    });
  }

  /** An HTTP refusal in the vendor's words; 429/5xx and transport failures are left to the guard. */
  function httpRefusal(err: unknown, subject: string): unknown {
    const status = statusOf(err);
    if (status === undefined || status < 400 || status === 429 || status >= 500) return err;
    const said = vendorMessage((err as { response?: { body?: unknown } }).response?.body);
    const text = said ? scrub(said) : undefined;
    const details = { vendor: "3dolphins" as const, httpStatus: status };
    if (status === 401 || status === 403) return authFailure(status, said);
    if (status === 404) return new VendorNotFoundError(notFoundText(text, subject), text, details);
    return new OperationError(`3Dolphins refused the request for ${subject} (HTTP ${status})${text ? `: ${text}` : ""}`, details);
  }

  /** A refusal in the envelope of a 2xx answer: the vendor said no, nothing happened (vendorCode). */
  function envelopeRefusal(body: Record<string, unknown>, env: Envelope, subject: string): CliError {
    const text = scrub(errorText(body, env));
    const code = ERROR_CODE_FIELDS.map((k) => body[k]).find((v) => typeof v === "string" || typeof v === "number");
    const details = { vendor: "3dolphins" as const, vendorCode: String(code ?? env.status) };
    if (NOT_FOUND_TEXT.test(text)) return new VendorNotFoundError(notFoundText(text, subject), text, details);
    if (AUTH_TEXT.test(text)) return authFailure(undefined, text, details.vendorCode);
    return new OperationError(`3Dolphins refused the request for ${subject}: ${text}`, details);
  }

  function unwrap(body: unknown, subject: string): Envelope {
    const env = EnvelopeSchema.parse(body);
    if (SUCCESS.has(env.status.toLowerCase())) return env;
    // The samples print a record run into the envelope (`"data": "[]" "id": ...`, doc line 31):
    // read that way, the record's own status (a ticket status) overwrites "success".
    const rec = body as Record<string, unknown>;
    if (rec["ticketNumber"] !== undefined && TICKET_STATUSES.has(env.status.toLowerCase())) return { ...env, data: rec };
    throw envelopeRefusal(rec, env, subject);
  }

  /** One request and its envelope, with a single token refresh when the token is refused (password mode). */
  async function call(fn: () => Promise<unknown>, subject: string): Promise<Envelope> {
    const once = async () => {
      try {
        return unwrap(await fn(), subject);
      } catch (err) {
        throw httpRefusal(err, subject);
      }
    };
    try {
      return await once();
    } catch (err) {
      // A refused token (401, or the envelope saying so) was not acted on: ask for a new one, once.
      // A refused login is not cured by logging in again.
      const tokenRefused = err instanceof AuthError && err.httpStatus !== 403 && !isLoginFailure(err);
      if (!tokenRefused || !tokens.canRefresh) throw err;
      await tokens.invalidate();
      return await once();
    }
  }

  const get = (path: string, searchParams: Record<string, string | number> | undefined, subject: string) =>
    call(() => http().get(path, searchParams ? { searchParams } : {}).json<unknown>(), subject);

  const send = (method: "PUT" | "POST", path: string, json: unknown, subject: string) => call(() => http()(path, { method, json }).json<unknown>(), subject);

  const sendForm = (path: string, form: FormData, subject: string) => call(() => http().post(path, { body: form }).json<unknown>(), subject);

  async function* pages<T>(walk: PageWalk<T>): AsyncGenerator<T[]> {
    const query = new URLSearchParams(walk.params).toString();
    let start: number | null = 0;
    while (start !== null) {
      const env = await get(walk.path, { ...walk.params, start, count: walk.count }, walk.subject);
      // No data and no "0 results" either: the answer is not a page at all.
      if (env.data === undefined && env.totalResults !== 0) missingField(["data"], "the page's records");
      const items = itemsOf(env.data).map((item) => walk.parse(item));
      yield walk.guard.page(`${walk.path}${query ? `?${query}` : ""} start=${start}`, items, walk.idOf);
      start = nextStart(env, start, items.length, walk.count);
    }
  }

  return { base, tokens, get, send, sendForm, pages, scrub };
}

function errorText(body: Record<string, unknown>, env: Envelope): string {
  for (const key of ERROR_TEXT_FIELDS) {
    const v = body[key];
    if (typeof v === "string" && v.trim()) return v.trim();
  }
  if (typeof env.data === "string" && env.data.trim()) return env.data.trim();
  return `status "${env.status}"`;
}

/** The vendor's text, plus what we were looking for when the text does not say. */
function notFoundText(text: string | undefined, subject: string): string {
  if (!text) return `3Dolphins: ${subject} not found`;
  const id = subject.split(" ").pop() ?? subject;
  if (text.includes(id)) return `3Dolphins: ${text}`;
  return `3Dolphins: ${subject} not found (${text})`;
}

/** A "not found" from the vendor, with the vendor's own words (scrubbed) for callers that know better what is missing. */
export class VendorNotFoundError extends NotFoundError {
  constructor(
    message: string,
    readonly said: string | undefined,
    details: ErrorDetails,
  ) {
    super(message, details);
  }
}

/** A list envelope's items: an array, nothing (null, or the samples' literal "[]"), or one object. */
export function itemsOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (data === null || data === undefined) return [];
  if (typeof data === "string") {
    const t = data.trim();
    if (t === "" || t === "[]" || t === "null") return [];
    try {
      const parsed = JSON.parse(t) as unknown;
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  }
  return typeof data === "object" ? [data] : [];
}
