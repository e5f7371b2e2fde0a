/**
 * The Sobot transport: the `token` header on every ticket call (doc line 19), `language: en`
 * (English ret_msg, lines 31-37), `timezoneid` (line 2908), the ret_code envelope, and one token
 * refresh + resend on 900001/900002 (refused before any processing, so nothing is sent twice).
 * Paths: /api/get_token and /api/ws/5/ticket/<name> under the profile's base URL (the host origin).
 * `ticket api` (`send`) goes through the same client, token and renewal.
 */
import type { Got, Response } from "got";
import type { HttpClient } from "../../http/client.js";
import { AuthError, CliError, NetworkError, OperationError } from "../../errors.js";
import { sendApiRequest } from "../shared/api-request.js";
import { credentialFingerprint } from "../shared/fingerprint.js";
import type { ApiRequest, ApiResponse, ProviderContext } from "../types.js";
import { signFor, TokenManager, type FetchedToken } from "./auth.js";
import { createDryAnswer } from "./dry-answers.js";
import { SUCCESS, TOKEN_CODES, sobotError, type SobotErrorContext } from "./errors.js";
import { ENVELOPE_ON_HTTP_ERRORS } from "./guesses.js";
import { EnvelopeSchema, parseAt, TokenItemSchema, type Envelope } from "./schema.js";

export const TICKET_PATH = "api/ws/5/ticket";
export const TOKEN_PATH = "api/get_token";

export interface SobotApiOptions {
  appid: string;
  appKey: () => Promise<string>;
  timeZone: string;
}

type Query = Record<string, string | number | undefined>;
type RequestOptions = { method: "GET" | "POST"; searchParams?: Record<string, string | number>; json?: unknown; body?: FormData };

/** The ret_code envelope an HTTP error status carried, if it carried one (ENVELOPE_ON_HTTP_ERRORS). */
function envelopeOf(err: unknown): Envelope | undefined {
  if (!ENVELOPE_ON_HTTP_ERRORS) return undefined;
  const body = (err as { response?: { body?: unknown } } | undefined)?.response?.body;
  if (!body || typeof body !== "object") return undefined;
  const r = EnvelopeSchema.safeParse(body);
  return r.success && r.data.code !== SUCCESS ? r.data : undefined;
}

/** The ret_code of an answer that is a Sobot envelope; undefined for any other body. */
function envelopeCode(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const r = EnvelopeSchema.safeParse(body);
  return r.success ? r.data.code : undefined;
}

/** A refusal inside an envelope (any code but "000000"), as sobotError classifies it. */
function envelopeRefusal(body: unknown, ectx: SobotErrorContext): CliError | undefined {
  const r = body && typeof body === "object" ? EnvelopeSchema.safeParse(body) : undefined;
  return r?.success && r.data.code !== SUCCESS ? sobotError(r.data.code, r.data.message, ectx) : undefined;
}

/** A content type for messages: "application/json", never more of the answer than that. */
function typeOf(res: { headers?: Record<string, unknown> } | undefined): string {
  return String(res?.headers?.["content-type"] ?? "no content-type").split(";")[0]!.trim();
}

export class SobotApi {
  private readonly http: HttpClient;
  private readonly tokenHttp: Got;
  private tokenManager: Promise<TokenManager> | undefined;

  constructor(
    private readonly ctx: ProviderContext,
    private readonly opts: SobotApiOptions,
  ) {
    // --dry-run: every write is planned and answered as Sobot documents its success (dry-answers.ts).
    this.http = ctx.http({ headers: { language: "en", timezoneid: opts.timeZone }, dryAnswer: createDryAnswer() });
    // Text, parsed here: the token endpoint's answer must never reach a message, not even cut or not JSON.
    this.tokenHttp = ctx.http({ headers: { language: "en" }, json: false });
  }

  /** The token cache of this appid + app_key (read lazily: the key is a secret). */
  tokens(): Promise<TokenManager> {
    return (this.tokenManager ??= (async () =>
      new TokenManager({
        cacheDir: this.ctx.cacheDir,
        fingerprint: credentialFingerprint(this.opts.appid, await this.opts.appKey()),
        origin: new URL(this.ctx.profile.baseUrl).origin,
        appid: this.opts.appid,
        now: () => this.ctx.now(),
        fetchToken: () => this.fetchToken(),
        onToken: (token) => this.ctx.addSecret(token),
        warn: (m) => this.ctx.warn(m),
        signal: this.ctx.signal,
      }))());
  }

  /** GET /api/get_token (doc lines 43-105). Its refusals are told in the doc's words, never the answer's. */
  private async fetchToken(): Promise<FetchedToken> {
    const ectx: SobotErrorContext = { action: "issue an API token", authEndpoint: true };
    const createTime = String(Math.floor(this.ctx.now().getTime() / 1000));
    const sign = signFor(this.opts.appid, createTime, await this.opts.appKey());
    this.ctx.addSecret(sign);
    let res: Response<string>;
    try {
      res = (await this.tokenHttp.get(TOKEN_PATH, { searchParams: { appid: this.opts.appid, create_time: createTime, sign } })) as Response<string>;
    } catch (err) {
      throw this.tokenFailure(err, ectx);
    }
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      throw new NetworkError(`Sobot sent an unreadable answer to the token request (HTTP ${res.statusCode}, ${typeOf(res)})`, { vendor: "sobot", httpStatus: res.statusCode });
    }
    const env = parseAt(EnvelopeSchema, body);
    if (env.code !== SUCCESS) throw sobotError(env.code, null, ectx);
    const item = parseAt(TokenItemSchema, env.item, "item");
    this.ctx.addSecret(item.token);
    const expiresIn = Number(item.expires_in ?? 86400);
    return { token: item.token, expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 86400 };
  }

  /** A failed token request as an error that carries nothing of the answer (no body, no cause). */
  private tokenFailure(err: unknown, ectx: SobotErrorContext): unknown {
    if (err instanceof CliError) return err;
    const res = (err as { response?: { statusCode?: number; body?: unknown; headers?: Record<string, unknown> } }).response;
    const status = res?.statusCode;
    if (typeof status !== "number") return err; // Never answered (refused, reset, timeout): no answer to leak.
    if (status < 400) return new NetworkError(`Sobot sent an unreadable answer to the token request (HTTP ${status}, ${typeOf(res)})`, { vendor: "sobot", httpStatus: status });
    let code: string | undefined;
    try {
      const parsed = EnvelopeSchema.safeParse(typeof res!.body === "string" ? JSON.parse(res!.body) : res!.body);
      if (parsed.success) code = parsed.data.code;
    } catch {
      // Not an envelope: told by its status alone.
    }
    if (code !== undefined && code !== SUCCESS) return sobotError(code, null, ectx);
    const details = { vendor: "sobot" as const, httpStatus: status };
    if (status === 401 || status === 403) return new AuthError(`Sobot's token endpoint refused the request (HTTP ${status})`, details);
    if (status === 429 || status >= 500) return new NetworkError(`Sobot's token endpoint is failing (HTTP ${status}) after retries`, details);
    return new OperationError(`Sobot's token endpoint answered HTTP ${status}`, details);
  }

  get(name: string, query: Query, ectx: SobotErrorContext): Promise<Envelope> {
    const searchParams: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(query)) if (v !== undefined) searchParams[k] = v;
    return this.request(name, { method: "GET", searchParams }, ectx);
  }

  postJson(name: string, json: Record<string, unknown>, ectx: SobotErrorContext): Promise<Envelope> {
    return this.request(name, { method: "POST", json }, ectx);
  }

  postForm(name: string, form: FormData, ectx: SobotErrorContext): Promise<Envelope> {
    return this.request(name, { method: "POST", body: form }, ectx);
  }

  /**
   * `ticket api`: the request as given, under the profile's base URL (the host origin, so paths
   * read "api/ws/5/ticket/<name>"), with the token header, and one token refresh + resend when
   * the answer is 900001/900002 (refused before any processing, as for every call). A refusal
   * inside the envelope is classified as the provider's own calls classify it.
   */
  async send(req: ApiRequest): Promise<ApiResponse> {
    const tokens = await this.tokens();
    const ectx: SobotErrorContext = { action: `${req.method} ${req.path}`, subject: req.path };
    const options = { vendor: "sobot" as const, displayName: "Sobot", subject: req.path, envelopeError: (body: unknown) => envelopeRefusal(body, ectx) };
    const attempt = async () => {
      const token = await tokens.current();
      return { res: await sendApiRequest(this.http.extend({ headers: { token } }), req, options), token };
    };
    let { res, token } = await attempt();
    const code = envelopeCode(res.body);
    if (code !== undefined && TOKEN_CODES.has(code)) {
      await tokens.refresh(token);
      ({ res } = await attempt());
    }
    return res;
  }

  private async request(name: string, options: RequestOptions, ectx: SobotErrorContext): Promise<Envelope> {
    const tokens = await this.tokens();
    const send = async () => {
      // The token is fetched (or refreshed) here, so its errors surface as they are.
      const token = await tokens.current();
      return { env: await this.exchange(name, { ...options, headers: { token } }), token };
    };
    let { env, token } = await send();
    if (TOKEN_CODES.has(env.code)) {
      // Refused before any processing: refreshing and sending again cannot duplicate a write.
      await tokens.refresh(token);
      ({ env } = await send());
    }
    if (env.code !== SUCCESS) throw sobotError(env.code, env.message, ectx);
    return env;
  }

  /** One request and its envelope: from a 2xx answer, or carried by an HTTP error status. */
  private async exchange(name: string, options: RequestOptions & { headers: Record<string, string> }): Promise<Envelope> {
    let body: unknown;
    try {
      // A GET (every read, list pages included) through the lean client (src/http/lean-get.ts).
      const path = `${TICKET_PATH}/${name}`;
      body = options.method === "GET" ? await this.http.getJson(path, options.searchParams, options.headers) : ((await this.http(path, options as never)) as unknown as Response<unknown>).body;
    } catch (err) {
      const carried = envelopeOf(err);
      if (carried) return carried;
      throw err;
    }
    return parseAt(EnvelopeSchema, body);
  }
}
