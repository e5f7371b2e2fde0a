/**
 * 3Dolphins credentials: a bearer token from the profile (secret `token`), or one obtained with
 * username + password at POST graph/auth (login.ts) and cached in the profile's cache folder
 * until its expireAt (vendor-notes.md section 4.1). The cache file is named by a fingerprint of
 * the base URL, username and password, so a changed password never finds the old token. Also the
 * plain-http check.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Got } from "got";
import { ConfigError } from "../../errors.js";
import { withFileLock } from "../../fs/lock.js";
import { credentialFingerprint } from "../shared/fingerprint.js";
import { writePrivateFileAtomic } from "../shared/private-file.js";
import type { ProviderContext } from "../types.js";
import { FALLBACK_TOKEN_TTL_MS, TOKEN_EXPIRY_SKEW_MS } from "./guesses.js";
import { login } from "./login.js";
import { parseZonedDateTime } from "./map.js";

const CACHE_PREFIX = "3dolphins-token-";

/** The token cache file for these credentials: `3dolphins-token-<fingerprint>.json`. */
export function tokenCacheFile(baseUrl: string, username: string, password: string): string {
  return `${CACHE_PREFIX}${credentialFingerprint(baseUrl.replace(/\/+$/, ""), username, password)}.json`;
}

interface CachedToken {
  token: string;
  /** ISO UTC. */
  expiresAt: string;
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
        const t = await ctx.secret("token"); // registered with the redactor by ctx.secret
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

  const baseUrl = ctx.profile.baseUrl.replace(/\/+$/, "");
  let file: string | null = null;
  let current: CachedToken | null = null;
  let pending: Promise<string> | null = null;
  let loggedIn = false;

  /** The cache file, named once the password is known (registered with the redactor by ctx.secret). */
  async function cacheFile(): Promise<{ path: string; password: string }> {
    const password = await ctx.secret("password");
    seen.add(password);
    file ??= join(ctx.cacheDir, tokenCacheFile(baseUrl, username!, password));
    return { path: file, password };
  }

  const fresh = (c: CachedToken | null): c is CachedToken => !!c && Date.parse(c.expiresAt) - TOKEN_EXPIRY_SKEW_MS > ctx.now().getTime();

  async function readCache(path: string): Promise<CachedToken | null> {
    try {
      const parsed = JSON.parse(await readFile(path, "utf8")) as Partial<CachedToken>;
      if (typeof parsed.token !== "string" || typeof parsed.expiresAt !== "string") return null;
      ctx.addSecret(parsed.token);
      seen.add(parsed.token);
      return parsed as CachedToken;
    } catch {
      return null;
    }
  }

  async function writeCache(path: string, c: CachedToken): Promise<void> {
    try {
      await writePrivateFileAtomic(path, `${JSON.stringify(c, null, 2)}\n`);
      // Tokens of earlier credentials (a changed password) are of no use any more.
      for (const name of await readdir(ctx.cacheDir)) {
        if (name.startsWith(CACHE_PREFIX) && name.endsWith(".json") && join(ctx.cacheDir, name) !== path) await rm(join(ctx.cacheDir, name), { force: true });
      }
    } catch (err) {
      ctx.warn(`could not cache the 3Dolphins token in ${ctx.cacheDir}: ${(err as Error).message}`);
    }
  }

  /** A cached token still within its expireAt, or a new one; one login for many processes (the lock). */
  async function obtain(forceLogin: boolean): Promise<string> {
    const { path, password } = await cacheFile();
    return await withFileLock(path, async () => {
      const cached = await readCache(path);
      // Another process may have logged in while we waited, with a token other than the one refused.
      if (fresh(cached) && (!forceLogin || cached.token !== current?.token)) {
        current = cached;
        return cached.token;
      }
      const { token, expireAt } = await login(ctx, authHttp(), username!, password);
      seen.add(token);
      const expMs = parseZonedDateTime(expireAt) ?? ctx.now().getTime() + FALLBACK_TOKEN_TTL_MS;
      current = { token, expiresAt: new Date(expMs).toISOString(), expireAt };
      loggedIn = true;
      await writeCache(path, current);
      return token;
    });
  }

  let refused = false;
  return {
    mode: "password",
    canRefresh: true,
    async get() {
      // A token this process obtained is used until the server refuses it (a clock skew must not
      // cause a login per request); one read from the cache must still be within its expireAt.
      if (current && (loggedIn || fresh(current))) return current.token;
      pending ??= obtain(refused).finally(() => {
        pending = null;
      });
      return await pending;
    },
    async invalidate() {
      // The server refused `current`: the next get() logs in unless another process already has.
      refused = true;
      loggedIn = false;
      if (current) current = { ...current, expiresAt: new Date(0).toISOString() };
    },
    secretsSeen: () => [...seen],
  };
}
