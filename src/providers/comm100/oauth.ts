/**
 * Comm100 OAuth tokens (vendor-notes 2.1): obtained with the password grant (the profile's email
 * and clientId settings, its `password` secret), cached with their expiry in the profile's cache
 * folder under a file named by a fingerprint of that credential (a changed password or client
 * never finds an old token), renewed with the refresh token, and renewed once more when the API
 * answers 401. Concurrent runs renew under a lock, so they share one token.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { AuthError } from "../../errors.js";
import { withFileLock } from "../../fs/lock.js";
import { credentialFingerprint } from "../shared/fingerprint.js";
import { writePrivateFileAtomic } from "../shared/private-file.js";
import type { ProviderContext } from "../types.js";
import { passwordGrant, refreshGrant, TOKEN_REFRESH_MARGIN_MS } from "./guesses.js";
import { requestToken, type TokenAnswer } from "./token-request.js";

export interface OAuthConfig {
  tokenUrl: string;
  email: string;
  clientId: string;
  password: string;
}

interface CachedToken {
  version: 1;
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms. */
  obtainedAt: number;
  /** Epoch ms; null when the answer gave no expires_in (then used until a 401). */
  expiresAt: number | null;
}

export class OAuthTokens {
  readonly file: string;
  private memory: CachedToken | null = null;
  private inflight: Promise<string> | null = null;
  private warned = false;

  constructor(
    private readonly ctx: ProviderContext,
    private readonly cfg: OAuthConfig,
  ) {
    const fingerprint = credentialFingerprint(cfg.tokenUrl, cfg.email.toLowerCase(), cfg.clientId, cfg.password);
    this.file = join(ctx.cacheDir, `comm100-oauth-${fingerprint}.json`);
  }

  /** A token not known to be expired: memory, then the cache file, then the token endpoint. */
  async current(): Promise<string> {
    if (this.memory && this.usable(this.memory)) return this.memory.accessToken;
    const cached = await this.readCache();
    if (cached && this.usable(cached)) {
      this.memory = cached;
      return cached.accessToken;
    }
    return this.renew();
  }

  /** A new token: after a 401, or when the cached one expired. One renewal at a time per run. */
  renew(): Promise<string> {
    const stale = this.memory;
    this.memory = null;
    this.inflight ??= this.obtain(stale).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private usable(t: CachedToken): boolean {
    if (t.expiresAt === null) return true;
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, Math.max(0, t.expiresAt - t.obtainedAt) / 10);
    return this.ctx.now().getTime() < t.expiresAt - margin;
  }

  private obtain(stale: CachedToken | null): Promise<string> {
    // One token request for many processes: the fetch is serialized under the cache's lock.
    return withFileLock(this.file, async () => {
      // Another run may have renewed meanwhile: its token is as good as a new one.
      const cached = await this.readCache();
      if (cached && cached.accessToken !== stale?.accessToken && this.usable(cached)) {
        this.memory = cached;
        return cached.accessToken;
      }
      const entry = await this.fetch(stale?.refreshToken ?? cached?.refreshToken ?? null);
      this.memory = entry;
      await this.writeCache(entry);
      return entry.accessToken;
    }, { signal: this.ctx.signal });
  }

  /** The refresh grant when there is a refresh token, else (or when it is refused) the password grant. */
  private async fetch(refreshToken: string | null): Promise<CachedToken> {
    const obtainedAt = this.ctx.now().getTime();
    let answer: TokenAnswer | null = null;
    if (refreshToken) {
      try {
        answer = await requestToken(this.ctx, this.cfg.tokenUrl, refreshGrant(refreshToken, this.cfg.clientId), this.cfg.email);
      } catch (err) {
        // A used or revoked refresh token: sign in again. Anything else (network, outage) stops here.
        if (!(err instanceof AuthError)) throw err;
      }
    }
    answer ??= await requestToken(this.ctx, this.cfg.tokenUrl, passwordGrant(this.cfg.email, this.cfg.password, this.cfg.clientId), this.cfg.email);
    return {
      version: 1,
      accessToken: answer.accessToken,
      // A refresh answer without a new refresh token leaves the old one usable (RFC 6749 section 6).
      refreshToken: answer.refreshToken ?? refreshToken,
      obtainedAt,
      expiresAt: answer.expiresIn === null ? null : obtainedAt + answer.expiresIn * 1000,
    };
  }

  private async readCache(): Promise<CachedToken | null> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch {
      return null;
    }
    try {
      const v = JSON.parse(text) as Partial<CachedToken>;
      if (v.version !== 1 || typeof v.accessToken !== "string" || !v.accessToken || typeof v.obtainedAt !== "number") return null;
      if (v.expiresAt !== null && typeof v.expiresAt !== "number") return null;
      const refreshToken = typeof v.refreshToken === "string" && v.refreshToken ? v.refreshToken : null;
      // Tokens read from disk are secrets of this run too.
      this.ctx.addSecret(v.accessToken);
      if (refreshToken) this.ctx.addSecret(refreshToken);
      return { version: 1, accessToken: v.accessToken, refreshToken, obtainedAt: v.obtainedAt, expiresAt: v.expiresAt ?? null };
    } catch {
      // A torn or foreign file is no cache; it is replaced on the next renewal.
      return null;
    }
  }

  private async writeCache(entry: CachedToken): Promise<void> {
    try {
      await writePrivateFileAtomic(this.file, `${JSON.stringify(entry)}\n`);
    } catch (err) {
      this.warnOnce(`cannot write the Comm100 token cache ${this.file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }

  private warnOnce(message: string): void {
    if (this.warned) return;
    this.warned = true;
    this.ctx.warn(message);
  }
}
