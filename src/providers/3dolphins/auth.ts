/**
 * 3Dolphins credentials: a bearer token from the profile (secret `token`), or one obtained with
 * username + password at POST graph/auth and cached in the profile's cache folder with its
 * expireAt (vendor-notes.md section 4.1). Also the plain-http check.
 */
import { writePrivateFileAtomic } from "../shared/private-file.js";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Got } from "got";
import { AuthError, ConfigError } from "../../errors.js";
import type { ProviderContext } from "../types.js";
import { FALLBACK_TOKEN_TTL_MS, TOKEN_EXPIRY_SKEW_MS } from "./guesses.js";
import { parseZonedDateTime } from "./map.js";
import { AuthAnswerSchema } from "./schema.js";

export const TOKEN_CACHE_FILE = "3dolphins-token.json";

interface CachedToken {
  token: string;
  /** ISO UTC. */
  expiresAt: string;
  username: string;
  baseUrl: string;
  /** The vendor's expireAt as sent. */
  expireAt?: string | null;
}

export interface TokenSource {
  /** "token" (a fixed bearer token) or "password" (obtained and refreshed here). */
  readonly mode: "token" | "password";
  /** The current token, obtaining one first when needed. */
  get(): Promise<string>;
  /** True when a 401 may be cured by getting a new token (password mode). */
  readonly canRefresh: boolean;
  /** Forget the current token (memory and cache) so the next get() logs in again. */
  invalidate(): Promise<void>;
  /** Values to scrub from any vendor text before it reaches an error message. */
  secretsSeen(): string[];
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/**
 * Plain http is allowed (on-premise installs often have no TLS), but say so when credentials would
 * cross the network unencrypted. Null when nothing needs saying; throws for other schemes.
 */
export function plainHttpWarning(baseUrl: string, vendorName = "3Dolphins"): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigError(`the profile's base URL "${baseUrl}" is not a valid URL`, { vendor: "3dolphins" });
  }
  if (url.protocol === "https:") return null;
  if (url.protocol !== "http:") {
    throw new ConfigError(`the profile's base URL must be http or https, not ${url.protocol}`, { vendor: "3dolphins" });
  }
  if (isLoopbackHost(url.hostname)) return null;
  return `${vendorName} credentials are sent unencrypted over plain http to ${url.host}; use https if the server offers it`;
}

export function createTokenSource(ctx: ProviderContext, authHttp: () => Got): TokenSource {
  const settings = ctx.profile.settings;
  const username = settings["username"]?.trim();
  const useToken = ctx.hasSecret("token");
  const usePassword = !useToken && !!username && ctx.hasSecret("password");
  const seen = new Set<string>();

  if (useToken) {
    return {
      mode: "token",
      canRefresh: false,
      async get() {
        const t = await ctx.secret("token");
        seen.add(t);
        return t;
      },
      async invalidate() {},
      secretsSeen: () => [...seen],
    };
  }

  if (!usePassword) {
    const fail = () =>
      new ConfigError(
        `profile "${ctx.profile.name}" has no 3Dolphins credentials: set the secret token, or the setting username plus the secret password`,
        { vendor: "3dolphins" },
      );
    return {
      mode: "token",
      canRefresh: false,
      get: () => Promise.reject(fail()),
      async invalidate() {},
      secretsSeen: () => [],
    };
  }

  const file = join(ctx.cacheDir, TOKEN_CACHE_FILE);
  const baseUrl = ctx.profile.baseUrl.replace(/\/+$/, "");
  let current: CachedToken | null = null;
  let pending: Promise<string> | null = null;
  let loggedIn = false;

  const fresh = (c: CachedToken | null): c is CachedToken =>
    !!c && c.username === username && c.baseUrl === baseUrl && Date.parse(c.expiresAt) - TOKEN_EXPIRY_SKEW_MS > ctx.now().getTime();

  async function readCache(): Promise<CachedToken | null> {
    try {
      const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<CachedToken>;
      if (typeof parsed.token !== "string" || typeof parsed.expiresAt !== "string") return null;
      return parsed as CachedToken;
    } catch {
      return null;
    }
  }

  /** Atomic: write a private temp file beside the cache, then rename over it. */
  async function writeCache(c: CachedToken): Promise<void> {
    try {
      await writePrivateFileAtomic(file, `${JSON.stringify(c, null, 2)}\n`);
    } catch (err) {
      ctx.warn(`could not cache the 3Dolphins token in ${ctx.cacheDir}: ${(err as Error).message}`);
    }
  }

  async function login(): Promise<string> {
    const password = await ctx.secret("password");
    seen.add(password);
    let body: unknown;
    try {
      body = await authHttp().post("graph/auth", { json: { username, password } }).json<unknown>();
    } catch (err) {
      const status = (err as { response?: { statusCode?: number } }).response?.statusCode;
      if (status === 401 || status === 403) {
        throw new AuthError(`3Dolphins refused the username "${username}" and password at graph/auth (HTTP ${status})`, {
          vendor: "3dolphins",
          httpStatus: status,
          hint: "Check the profile's username setting and password secret: ticket profile show",
        });
      }
      throw err;
    }
    // Tolerate an envelope around the answer, in case a version wraps it.
    const inner = body && typeof body === "object" && "data" in body && !("token" in body) ? (body as { data: unknown }).data : body;
    const parsed = AuthAnswerSchema.safeParse(inner);
    if (!parsed.success) {
      throw new AuthError("3Dolphins graph/auth answered without a token", { vendor: "3dolphins" });
    }
    const { token, expireAt } = parsed.data;
    seen.add(token);
    ctx.addSecret(token);
    const expMs = parseZonedDateTime(expireAt) ?? ctx.now().getTime() + FALLBACK_TOKEN_TTL_MS;
    current = { token, expiresAt: new Date(expMs).toISOString(), username: username!, baseUrl, expireAt: expireAt ?? null };
    loggedIn = true;
    await writeCache(current);
    return token;
  }

  return {
    mode: "password",
    canRefresh: true,
    async get() {
      // A token this process obtained is used until the server refuses it (a clock skew must not
      // cause a login per request); one read from the cache must still be within its expireAt.
      if (current && (loggedIn || fresh(current))) return current.token;
      if (!pending) {
        pending = (async () => {
          const cached = await readCache();
          if (fresh(cached)) {
            current = cached;
            seen.add(cached.token);
            ctx.addSecret(cached.token);
            return cached.token;
          }
          return await login();
        })().finally(() => {
          pending = null;
        });
      }
      return await pending;
    },
    async invalidate() {
      current = null;
      loggedIn = false;
      await rm(file, { force: true }).catch(() => undefined);
    },
    secretsSeen: () => [...seen],
  };
}
