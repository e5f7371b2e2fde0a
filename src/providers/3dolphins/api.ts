/**
 * The 3Dolphins transport: bearer auth on every request, one refresh on 401 in password mode,
 * the `{status, data, hasMore, nextIndex, ...}` envelope (anything but "success" is an error with
 * the vendor's text), and start/count paging.
 */
import type { Got, Method } from "got";
import { AuthError, NotFoundError, OperationError } from "../../errors.js";
import { vendorMessage } from "../../http/errors.js";
import type { ProviderContext } from "../types.js";
import { createTokenSource, plainHttpWarning, type TokenSource } from "./auth.js";
import { ERROR_TEXT_FIELDS } from "./guesses.js";
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
  /** Page through a start/count list; yields each page's items. */
  pages(path: string, params: Record<string, string>, count: number, subject: string): AsyncGenerator<unknown[]>;
  /** Remove every credential we know of from vendor text. */
  scrub(text: string): string;
}

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
    return (authClient ??= ctx.http({ prefixUrl: base, sendInDryRun: true })); // a login changes nothing: allowed in --dry-run
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

  function statusOf(err: unknown): number | undefined {
    const s = (err as { response?: { statusCode?: unknown } })?.response?.statusCode;
    return typeof s === "number" ? s : undefined;
  }

  function authFailure(err: unknown, status: number): AuthError {
    const said = vendorMessage((err as { response?: { body?: unknown } }).response?.body);
    const text = said ? `: ${scrub(said)}` : "";
    const how = tokens.mode === "password" ? "a fresh token from graph/auth" : "the profile's token";
    return new AuthError(`3Dolphins refused ${how} (HTTP ${status})${text}`, {
      vendor: "3dolphins",
      httpStatus: status,
      hint:
        tokens.mode === "password"
          ? "Check the profile's username setting and password secret: ticket profile show"
          : "Check the profile's token (or configure username + password instead): ticket profile show",
    });
  }

  /** One request, with a single token refresh on 401 in password mode. */
  async function withAuth<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const status = statusOf(err);
      if (status !== 401 && status !== 403) throw err;
      if (status === 401 && tokens.canRefresh) {
        await tokens.invalidate();
        try {
          return await fn();
        } catch (again) {
          const s2 = statusOf(again);
          if (s2 === 401 || s2 === 403) throw authFailure(again, s2);
          throw again;
        }
      }
      throw authFailure(err, status);
    }
  }

  function errorText(body: Record<string, unknown>, env: Envelope): string {
    for (const key of ERROR_TEXT_FIELDS) {
      const v = body[key];
      if (typeof v === "string" && v.trim()) return v.trim();
    }
    if (typeof env.data === "string" && env.data.trim()) return env.data.trim();
    return `status "${env.status ?? "missing"}"`;
  }

  function unwrap(body: unknown, subject: string): Envelope {
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw new OperationError("3Dolphins sent a response that is not its {status, data} envelope", { vendor: "3dolphins" });
    }
    const env = EnvelopeSchema.parse(body);
    if (env.status === "success") return env;
    const text = scrub(errorText(body as Record<string, unknown>, env));
    const details = { vendor: "3dolphins" as const, vendorCode: env.status ?? undefined };
    if (/not\s*found|does\s*not\s*exist|no\s+such|unknown ticket/i.test(text)) {
      // The vendor's text, plus what we were looking for when the text does not say.
      const id = subject.split(" ").pop() ?? subject;
      const message = text.includes(id) ? `3Dolphins: ${text}` : /ticket/i.test(text) ? `3Dolphins: ${subject} not found (${text})` : `3Dolphins: ${text} (${subject})`;
      throw new NotFoundError(message, details);
    }
    if (/unauthori[sz]ed|authenticat|invalid.*token|token.*expired|access is denied|forbidden/i.test(text)) {
      throw new AuthError(`3Dolphins refused the request: ${text}`, details);
    }
    throw new OperationError(`3Dolphins refused the request for ${subject}: ${text}`, details);
  }

  async function get(path: string, searchParams: Record<string, string | number> | undefined, subject: string): Promise<Envelope> {
    const body = await withAuth(() => http().get(path, searchParams ? { searchParams } : {}).json<unknown>());
    return unwrap(body, subject);
  }

  async function send(method: "PUT" | "POST", path: string, json: unknown, subject: string): Promise<Envelope> {
    const body = await withAuth(() => http()(path, { method, json }).json<unknown>());
    return unwrap(body, subject);
  }

  async function sendForm(path: string, form: FormData, subject: string): Promise<Envelope> {
    const body = await withAuth(() => http().post(path, { body: form }).json<unknown>());
    return unwrap(body, subject);
  }

  async function* pages(path: string, params: Record<string, string>, count: number, subject: string): AsyncGenerator<unknown[]> {
    let start = 0;
    for (let guard = 0; guard < 100_000; guard++) {
      const env = await get(path, { ...params, start, count }, subject);
      const items = itemsOf(env.data);
      yield items;
      if (!env.hasMore || items.length === 0) return;
      // INFERRED: nextIndex is the next page's `start`; fall back to counting when it does not advance.
      const next = env.nextIndex ?? 0;
      start = next > start ? next : start + items.length;
    }
  }

  return { base, tokens, get, send, sendForm, pages, scrub };
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
