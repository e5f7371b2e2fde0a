/**
 * Sobot tokens (FACT, "Get the Access Token Code"): GET /api/get_token?appid&create_time&sign with
 * sign = md5(appid + create_time + app_key). Every call issues a NEW token and invalidates the
 * previous one, so one token is shared by every run of a profile: it is cached with its expiry in
 * the profile's cache folder (never in the config), written atomically (temp file + rename), and
 * refreshed under a lock (src/fs/lock.ts) so that concurrent runs fetch one token, not one each.
 * The cache file is named by a fingerprint of appid + app_key (DESIGN.md section 6), so a changed
 * or revoked key never finds the token the old one obtained. Every token is handed to `onToken`
 * (the redactor) the moment it is read or fetched.
 */
import { writePrivateFileAtomic } from "../shared/private-file.js";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { mkdir, readFile } from "node:fs/promises";
import { OperationError } from "../../errors.js";
import { withFileLock } from "../../fs/lock.js";
import { TOKEN_LOCK_STALE_MS, TOKEN_REFRESH_MARGIN_MS } from "./guesses.js";

/** md5(appid + create_time + app_key), lower-case hex. */
export function signFor(appid: string, createTime: string, appKey: string): string {
  return createHash("md5").update(`${appid}${createTime}${appKey}`, "utf8").digest("hex");
}

export interface CachedToken {
  version: 1;
  /** The API origin and appid the token belongs to. */
  origin: string;
  appid: string;
  token: string;
  /** Epoch ms. */
  obtainedAt: number;
  expiresAt: number;
}

export interface FetchedToken {
  token: string;
  /** Lifetime in seconds (expires_in). */
  expiresIn: number;
}

export interface TokenManagerOptions {
  cacheDir: string;
  /** credentialFingerprint(appid, app_key): names the cache and lock files. */
  fingerprint: string;
  /** Called with every token as soon as it is known (register it as a secret). */
  onToken?: (token: string) => void;
  origin: string;
  appid: string;
  /** The provider's clock (expiry decisions). Lock staleness uses the file system's clock. */
  now: () => Date;
  /** Calls get_token. */
  fetchToken: () => Promise<FetchedToken>;
  warn?: (message: string) => void;
  staleLockMs?: number;
  /** Ends a wait for the lock on Ctrl-C. */
  signal?: AbortSignal | undefined;
}

/** The cache file name of one credential (its lock is the folder `<file>.lock`). */
export const tokenFileName = (fingerprint: string) => `sobot-token-${fingerprint}.json`;

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

export class TokenManager {
  readonly tokenFile: string;
  private memory: CachedToken | null = null;
  private inflight: Promise<string> | null = null;
  private warned = false;

  constructor(private readonly opts: TokenManagerOptions) {
    this.tokenFile = join(opts.cacheDir, tokenFileName(opts.fingerprint));
  }

  /** A token that is not known to be expired: memory, then the cache file, then get_token. */
  async current(): Promise<string> {
    if (this.memory && this.usable(this.memory)) return this.memory.token;
    const cached = await this.readCache();
    if (cached && this.usable(cached)) {
      this.memory = cached;
      return cached.token;
    }
    return this.refresh(this.memory?.token ?? cached?.token ?? null);
  }

  /**
   * A new token, after the API refused `stale` (900001/900002) or it neared expiry. When another
   * run already replaced it (the cache holds a different, usable token), that one is used instead.
   */
  refresh(stale: string | null): Promise<string> {
    this.inflight ??= this.doRefresh(stale).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private mine(t: CachedToken): boolean {
    return t.origin === this.opts.origin && t.appid === this.opts.appid;
  }

  private usable(t: CachedToken): boolean {
    if (!this.mine(t)) return false;
    const lifetime = Math.max(0, t.expiresAt - t.obtainedAt);
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, lifetime * 0.1);
    return this.opts.now().getTime() < t.expiresAt - margin;
  }

  private replacement(stale: string | null, t: CachedToken | null): t is CachedToken {
    return t !== null && t.token !== stale && this.usable(t);
  }

  private async doRefresh(stale: string | null): Promise<string> {
    if (!(await this.ensureDir())) return this.fetchAndStore(false);
    const cached = await this.readCache();
    if (this.replacement(stale, cached)) {
      this.memory = cached;
      return cached.token;
    }
    let locked = false;
    try {
      // One token request for many runs: the fetch is serialized under the cache's lock
      // (proper-lockfile, with stale-lock recovery for a run that died holding it).
      return await withFileLock(
        this.tokenFile,
        async () => {
          locked = true;
          // Double-check under the lock: another run may have refreshed just before we got it.
          const again = await this.readCache();
          if (this.replacement(stale, again)) {
            this.memory = again;
            return again.token;
          }
          return this.fetchAndStore(true);
        },
        { staleMs: this.opts.staleLockMs ?? TOKEN_LOCK_STALE_MS, signal: this.opts.signal },
      );
    } catch (err) {
      // Something keeps the lock that cannot be broken: do not hang the command on it.
      if (!locked && err instanceof OperationError) {
        this.warnOnce(`could not lock the Sobot token cache ${this.tokenFile}; fetching a token without it`);
        return this.fetchAndStore(false);
      }
      throw err;
    }
  }

  private async fetchAndStore(store: boolean): Promise<string> {
    const obtainedAt = this.opts.now().getTime();
    const { token, expiresIn } = await this.opts.fetchToken();
    this.opts.onToken?.(token);
    const entry: CachedToken = {
      version: 1,
      origin: this.opts.origin,
      appid: this.opts.appid,
      token,
      obtainedAt,
      expiresAt: obtainedAt + expiresIn * 1000,
    };
    this.memory = entry;
    if (store || (await this.ensureDir())) await this.writeCache(entry);
    return token;
  }

  private async ensureDir(): Promise<boolean> {
    try {
      await mkdir(this.opts.cacheDir, { recursive: true, mode: 0o700 });
      return true;
    } catch (err) {
      this.warnOnce(`cannot create the token cache folder ${this.opts.cacheDir} (${errno(err) ?? String(err)}); the Sobot token is not cached`);
      return false;
    }
  }

  async readCache(): Promise<CachedToken | null> {
    let text: string;
    try {
      text = await readFile(this.tokenFile, "utf8");
    } catch {
      return null;
    }
    try {
      const v = JSON.parse(text) as Partial<CachedToken>;
      if (
        v.version === 1 &&
        typeof v.token === "string" &&
        v.token !== "" &&
        typeof v.origin === "string" &&
        typeof v.appid === "string" &&
        typeof v.expiresAt === "number" &&
        typeof v.obtainedAt === "number"
      ) {
        this.opts.onToken?.(v.token);
        return v as CachedToken;
      }
    } catch {
      // A torn or foreign file: treated as no cache (it is replaced atomically on the next refresh).
    }
    return null;
  }

  private async writeCache(entry: CachedToken): Promise<void> {
    try {
      await writePrivateFileAtomic(this.tokenFile, `${JSON.stringify(entry)}\n`);
    } catch (err) {
      this.warnOnce(`cannot write the Sobot token cache ${this.tokenFile} (${errno(err) ?? String(err)})`);
    }
  }


  private warnOnce(message: string): void {
    if (this.warned) return;
    this.warned = true;
    this.opts.warn?.(message);
  }
}
