/**
 * The Sobot transport: the `token` header on every ticket call, `language: en` (English ret_msg),
 * `timezoneid`, the ret_code envelope, and one token refresh + retry on 900001/900002.
 * Paths: /api/get_token and /api/ws/5/ticket/<name> under the profile's base URL (the host origin).
 */
import type { Got, Response } from "got";
import type { ZodType } from "zod";
import { OperationError } from "../../errors.js";
import type { ProviderContext } from "../types.js";
import { signFor, TokenManager, type FetchedToken } from "./auth.js";
import { SUCCESS, TOKEN_CODES, sobotError, type SobotErrorContext } from "./errors.js";
import { EnvelopeSchema, TokenItemSchema, type Envelope } from "./schema.js";

export const TICKET_PATH = "api/ws/5/ticket";
export const TOKEN_PATH = "api/get_token";

/** Parses a wire value with a zod schema; a mismatch names the field path. */
export function parseWire<T>(schema: ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const at = issue?.path.length ? issue.path.join(".") : "(root)";
  throw new OperationError(`Sobot sent ${what} of an unexpected shape: ${at}: ${issue?.message ?? "invalid"}`, { vendor: "sobot" });
}

function parseEnvelope(body: unknown, ectx: SobotErrorContext): Envelope {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new OperationError(`Sobot sent an unexpected answer while trying to ${ectx.action} (no ret_code envelope)`, { vendor: "sobot" });
  }
  const env = parseWire(EnvelopeSchema, body, "a response");
  if (env.code === null) {
    throw new OperationError(`Sobot sent an unexpected answer while trying to ${ectx.action} (no ret_code)`, { vendor: "sobot" });
  }
  return env;
}

export interface SobotApiOptions {
  appid: string;
  appKey: () => Promise<string>;
  timeZone: string;
}

type Query = Record<string, string | number | undefined>;

export class SobotApi {
  readonly tokens: TokenManager;
  private readonly http: Got;
  private readonly tokenHttp: Got;

  constructor(
    private readonly ctx: ProviderContext,
    private readonly opts: SobotApiOptions,
  ) {
    const headers = { language: "en", timezoneid: opts.timeZone };
    this.tokenHttp = ctx.http({ headers: { language: "en" } });
    this.http = ctx.http({
      headers,
      authorize: async (options) => {
        options.headers.token = await this.tokens.current();
      },
    });
    this.tokens = new TokenManager({
      cacheDir: ctx.cacheDir,
      origin: new URL(ctx.profile.baseUrl).origin,
      appid: opts.appid,
      now: () => ctx.now(),
      fetchToken: () => this.fetchToken(),
      warn: (m) => ctx.warn(m),
    });
  }

  /** GET /api/get_token. Its errors (900003 signature, 900004 appid) are AuthErrors with Sobot's text. */
  private async fetchToken(): Promise<FetchedToken> {
    const createTime = String(Math.floor(this.ctx.now().getTime() / 1000));
    const sign = signFor(this.opts.appid, createTime, await this.opts.appKey());
    const res = (await this.tokenHttp.get(TOKEN_PATH, {
      searchParams: { appid: this.opts.appid, create_time: createTime, sign },
    })) as Response<unknown>;
    const ectx = { action: "issue an API token" };
    const env = parseEnvelope(res.body, ectx);
    if (env.code !== SUCCESS) throw sobotError(env.code, env.message, ectx);
    const item = parseWire(TokenItemSchema, env.item, "a token");
    const expiresIn = Number(item.expires_in ?? 86400);
    return { token: item.token, expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 86400 };
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

  private async request(
    name: string,
    options: { method: "GET" | "POST"; searchParams?: Record<string, string | number>; json?: unknown; body?: FormData },
    ectx: SobotErrorContext,
  ): Promise<Envelope> {
    const send = async () => {
      // Fetch (or refresh) the token here, so its errors surface as they are; the hook then finds it in memory.
      await this.tokens.current();
      const res = (await this.http(`${TICKET_PATH}/${name}`, options as never)) as unknown as Response<unknown>;
      const used = res.request.options.headers.token;
      return { env: parseEnvelope(res.body, ectx), used: typeof used === "string" ? used : null };
    };
    let { env, used } = await send();
    if (env.code !== null && TOKEN_CODES.has(env.code)) {
      // Refused before any processing: refreshing and sending again cannot duplicate a write.
      await this.tokens.refresh(used);
      ({ env } = await send());
    }
    if (env.code !== SUCCESS) throw sobotError(env.code, env.message, ectx);
    return env;
  }
}
