/**
 * The Comm100 HTTP client: the profile's got instance with Comm100 auth, JSON in and out, and one
 * retry after a 401 when the credential can be renewed (an OAuth token that expired or was
 * revoked). A 401 means the request was refused before anything happened, so even a POST may be
 * sent again then; nothing else is re-sent here (got retries GETs and the full-update PUT only).
 */
import type { ProviderContext } from "../types.js";
import { createAuth } from "./auth.js";

export interface Comm100Api {
  /** GET, the answer parsed as JSON. `path` is relative to the base URL and may carry a query. */
  get(path: string, searchParams?: Record<string, string>): Promise<unknown>;
  /** PUT with a JSON body; the answer is not read (the caller reads the ticket back). */
  put(path: string, json: Record<string, unknown>): Promise<void>;
  /** POST with a JSON body; the answer's raw text (it may be empty: see writes.ts). */
  post(path: string, json: Record<string, unknown>): Promise<string>;
}

const statusOf = (err: unknown): number | undefined => (err as { response?: { statusCode?: number } } | null)?.response?.statusCode;

export function createApi(ctx: ProviderContext): Comm100Api {
  const auth = createAuth(ctx);
  const http = ctx.http({
    retryMethods: ["GET", "HEAD", "PUT"], // PUT is a full state set: safe to repeat
    authorize: (options) => auth.apply(options),
  });

  async function send<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (statusOf(err) !== 401 || !(await auth.renew())) throw err;
      return call();
    }
  }

  return {
    get: (path, searchParams) => send(() => http.get(path, searchParams ? { searchParams } : {}).json<unknown>()),
    put: async (path, json) => {
      await send(() => http.put(path, { json }).text());
    },
    post: (path, json) => send(() => http.post(path, { json }).text()),
  };
}
