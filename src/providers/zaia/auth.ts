/**
 * The `authorization` header of every Zaia request. The doc declares a header parameter named
 * `authorization` holding the API key, with no scheme (vendor-docs/zaia-ticket-api.txt lines 12-15);
 * MindCloud's reference sends the raw key, Zaia's legacy API sent `Bearer <key>` (vendor-notes.md 1.1).
 * So: send the remembered form (raw at first); on a 401 before any success in this run, resend
 * once in the other form; when that works, remember it for this profile and key (a cache file
 * named by credentialFingerprint, so a new key starts over). A request refused with 401 did
 * nothing on Zaia's side, so sending it again is safe, writes included.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { AuthError } from "../../errors.js";
import { credentialFingerprint } from "../shared/fingerprint.js";
import { writePrivateFileAtomic } from "../shared/private-file.js";
import type { ProviderContext } from "../types.js";
import { AUTH_FORMS, authHeaderValue, type AuthForm } from "./guesses.js";

const is401 = (err: unknown) => (err as { response?: { statusCode?: number } } | null)?.response?.statusCode === 401;
const other = (form: AuthForm): AuthForm => (form === "raw" ? "bearer" : "raw");

export class ZaiaAuth {
  private key: string | undefined;
  private form: AuthForm = "raw";
  /** A request succeeded in this run: a later 401 is final (the key was revoked meanwhile). */
  private confirmed = false;
  private switched = false;
  private loading: Promise<void> | undefined;

  constructor(private readonly ctx: ProviderContext) {}

  private cacheFile(key: string): string {
    const origin = new URL(this.ctx.profile.baseUrl).origin;
    return join(this.ctx.cacheDir, `zaia-auth-${credentialFingerprint(origin, key)}.json`);
  }

  private async load(): Promise<void> {
    // ctx.secret registers the key with the redactor; the Bearer value is derived from it, register it too.
    const key = await this.ctx.secret("apiKey");
    this.ctx.addSecret(authHeaderValue(key, "bearer"));
    this.key = key;
    try {
      const cached = JSON.parse(await readFile(this.cacheFile(key), "utf8")) as { form?: unknown };
      if ((AUTH_FORMS as readonly unknown[]).includes(cached.form)) this.form = cached.form as AuthForm;
    } catch {
      // Nothing remembered: the documented form (raw) first.
    }
  }

  private ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** The header value for the form in use (the authorize hook). */
  async header(): Promise<string> {
    await this.ready();
    return authHeaderValue(this.key!, this.form);
  }

  /** The form in use (tests, --verbose wording). */
  get currentForm(): AuthForm {
    return this.form;
  }

  /** Send a request; on a first 401, send it once more in the other form. `send` must build a new request each call. */
  async run<T>(send: () => Promise<T>): Promise<T> {
    await this.ready();
    try {
      const result = await send();
      this.confirmed = true;
      return result;
    } catch (err) {
      if (!is401(err)) throw err;
      if (this.confirmed || this.switched) throw this.refused(err);
      this.switched = true;
      const tried = this.form;
      this.form = other(tried);
      try {
        const result = await send();
        this.confirmed = true;
        await this.remember(tried);
        return result;
      } catch (retryErr) {
        if (!is401(retryErr)) throw retryErr;
        this.form = tried;
        throw this.refused(retryErr);
      }
    }
  }

  private async remember(refusedForm: AuthForm): Promise<void> {
    const shown = this.form === "bearer" ? '"Bearer <key>"' : "the raw key";
    this.ctx.warn(`Zaia refused the API key sent as ${refusedForm === "bearer" ? '"Bearer <key>"' : "the raw key"} and accepted ${shown}; this profile sends that form from now on`);
    try {
      await writePrivateFileAtomic(this.cacheFile(this.key!), `${JSON.stringify({ form: this.form })}\n`);
    } catch {
      // Not remembered: the next run finds the form again with one extra request.
    }
  }

  /** Our own words, never the answer's: an auth refusal is not quoted. */
  private refused(cause: unknown): AuthError {
    const forms = this.switched ? "sent both raw and as \"Bearer <key>\"" : `sent ${this.form === "bearer" ? 'as "Bearer <key>"' : "raw"}`;
    return new AuthError(`Zaia refused the API key (HTTP 401, ${forms})`, {
      vendor: "zaia",
      httpStatus: 401,
      cause,
      hint: `Check the profile's apiKey (ticket profile show ${this.ctx.profile.name}); Zaia API keys are made in the workspace settings, API keys section`,
    });
  }
}
