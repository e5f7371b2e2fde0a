/**
 * The 3Dolphins transport: bearer auth on every request, one refresh when the server refuses the
 * token in password mode, the `{status, data, hasMore, nextIndex, ...}` envelope (anything but
 * "success" is the vendor saying no: a CliError carrying `vendorCode`), HTTP refusals in the
 * vendor's words, and start/count paging behind a PageGuard.
 */
import { missingField } from "../shared/shape.js";
import type { Got, Method } from "got";
import type { HttpClient } from "../../http/client.js";
import { AuthError, CliError, NotFoundError, OperationError, type ErrorDetails } from "../../errors.js";
import { vendorMessage } from "../../http/errors.js";
import { sendApiRequest } from "../shared/api-request.js";
import { PageGuard } from "../shared/pages.js";
import type { ApiRequest, ApiResponse, ProviderContext } from "../types.js";
import { createTokenSource, plainHttpWarning, type TokenSource } from "./auth.js";
import { createDryAnswers } from "./dry-answers.js";
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
  /**
   * `ticket api`: the request as given, relative to the profile's base URL exactly as configured
   * (normally .../dolphin/apiv1, so paths start with graph/), with the same bearer auth and the
   * same single token renewal; a refusal inside a 2xx envelope is classified as for any call.
   */
  request(req: ApiRequest): Promise<ApiResponse>;
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

  const authorize = async (options: { headers: Record<string, unknown> }) => {
    checkTransport();
    options.headers["authorization"] = `Bearer ${await tokens.get()}`;
  };

  let client: HttpClient | undefined;
  const http = (): HttpClient =>
    (client ??= ctx.http({
      prefixUrl: base,
      // update/* PUTs set state (assignee, supervisor, closed): repeating one is harmless. POSTs never repeat.
      retryMethods: ["GET", "HEAD", "PUT"],
      authorize,
      // --dry-run: each write answered as the doc's sample would, so every step is planned.
      dryAnswer: createDryAnswers(),
    }));

  // `ticket api` paths are relative to the base URL as the user configured it (with or without
  // /graph); only GET is retried there, since a raw PUT need not be a pure state set. The vendor
  // echoes credentials in bodies (a file link ends "?access_token=Bearer <token>", doc line 259;
  // a refused token is quoted back): they are masked before the body is classified or returned.
  let rawClient: Got | undefined;
  const rawHttp = (): Got =>
    (rawClient ??= ctx.http({ prefixUrl: ctx.profile.baseUrl.replace(/\/+$/, ""), retryMethods: ["GET", "HEAD"], authorize }).extend({
      hooks: {
        afterResponse: [
          (response) => {
            if (typeof response.body === "string") response.body = scrub(response.body);
            return response;
          },
        ],
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

  /**
   * A refused token (401, or the envelope saying so) was not acted on: worth one new token. A
   * 403 is a permission, and a refused login is not cured by logging in again.
   */
  const tokenRefused = (err: unknown): boolean => err instanceof AuthError && err.httpStatus !== 403 && !isLoginFailure(err) && tokens.canRefresh;

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
      if (!tokenRefused(err)) throw err;
      await tokens.invalidate();
      return await once();
    }
  }

  /** The error a 2xx body means: a non-success envelope, read exactly as unwrap reads it; else none. */
  function envelopeError(body: unknown, subject: string): CliError | undefined {
    if (!body || typeof body !== "object" || Array.isArray(body) || !EnvelopeSchema.safeParse(body).success) return undefined; // not an envelope (graph/auth answers {token, expireAt})
    try {
      unwrap(body, subject);
      return undefined;
    } catch (err) {
      if (err instanceof CliError) return err;
      throw err;
    }
  }

  async function request(req: ApiRequest): Promise<ApiResponse> {
    const subject = `${req.method} ${req.path}`;
    const once = () =>
      sendApiRequest(rawHttp(), req, { vendor: "3dolphins", displayName: "3Dolphins", subject, envelopeError: (body) => envelopeError(body, subject) });
    const first = await once();
    if (!tokenRefused(first.error)) return first;
    await tokens.invalidate();
    return await once();
  }

  const get = (path: string, searchParams: Record<string, string | number> | undefined, subject: string) =>
    call(() => http().getJson(path, searchParams), subject);

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

  return { base, tokens, get, send, sendForm, pages, request, scrub };
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
