/**
 * The Comm100 HTTP client: the profile's got instance with Comm100 auth, JSON in and out, and one
 * retry after a 401 when the credential can be renewed (an OAuth token that expired or was
 * revoked). A 401 means the request was refused before anything happened, so even a POST may be
 * sent again then; nothing else is re-sent here (got retries GETs and the full-update PUT only).
 * In --dry-run, writes are answered by dry-answers.ts.
 */
import { sendApiRequest } from "../shared/api-request.js";
import type { ApiRequest, ApiResponse, ProviderContext } from "../types.js";
import { createAuth } from "./auth.js";
import { createDryAnswers } from "./dry-answers.js";

export interface Comm100Api {
  /** GET, the answer parsed as JSON. `path` is relative to the base URL and may carry a query. */
  get(path: string, searchParams?: Record<string, string>): Promise<unknown>;
  /** PUT with a JSON body; the answer's raw text (the ticket, [S1] lines 466-470: see writes.ts, ticketAfterPut). */
  put(path: string, json: Record<string, unknown>): Promise<string>;
  /** POST with a JSON body; the answer's raw text (it may be empty: see writes.ts). */
  post(path: string, json: Record<string, unknown>): Promise<string>;
  /** `ticket api`: the request as given, under the base URL, with the same auth and renewal. */
  request(req: ApiRequest): Promise<ApiResponse>;
}

const statusOf = (err: unknown): number | undefined => (err as { response?: { statusCode?: number } } | null)?.response?.statusCode;

/**
 * Comm100 refuses with an HTTP error status (vendor-notes 2.1, FACT: "standard HTTP status
 * codes"), never inside a 2xx body: the provider's own calls read every 2xx as done (writes.ts),
 * so `ticket api` classifies a 2xx answer, whatever its body, as no refusal either.
 */
export const comm100EnvelopeError = (): undefined => undefined;

export function createApi(ctx: ProviderContext): Comm100Api {
  const auth = createAuth(ctx);
  const http = ctx.http({
    retryMethods: ["GET", "HEAD", "PUT"], // PUT is a full state set: safe to repeat
    authorize: (options) => auth.apply(options),
    dryAnswer: createDryAnswers(ctx.profile.baseUrl),
  });

  /** One call, sent again once after a 401 (thrown, or answered as `refused` says) when the credential could be renewed. */
  async function send<T>(call: () => Promise<T>, refused: (value: T) => boolean = () => false): Promise<T> {
    let value: T;
    try {
      value = await call();
    } catch (err) {
      if (statusOf(err) !== 401 || !(await auth.renew())) throw err;
      return call();
    }
    if (!refused(value) || !(await auth.renew())) return value;
    return call();
  }

  return {
    get: (path, searchParams) => send(() => http.getJson(path, searchParams)),
    put: (path, json) => send(() => http.put(path, { json }).text()),
    post: (path, json) => send(() => http.post(path, { json }).text()),
    request: (req) =>
      send(
        () => sendApiRequest(http, req, { vendor: "comm100", displayName: "Comm100", subject: req.path.split("?")[0]!.replace(/^\/+/, ""), envelopeError: comm100EnvelopeError }),
        (res) => res.status === 401,
      ),
  };
}
