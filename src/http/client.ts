/**
 * The one `got` client factory (DESIGN.md section 7): timeouts, retries with backoff and jitter
 * for idempotent requests only, Retry-After, an auth hook, the origin lock, --verbose logging
 * with secrets redacted, and --dry-run for writes.
 */
import got, { type Got, type Method } from "got";
import type { NormalizedOptions } from "got";
import { CliError, DryRunStop } from "../errors.js";
import type { VendorName } from "../model/enums.js";
import { isSecretHeader, redactBody, redactUrl, type Redactor } from "./redact.js";

/** What a provider chooses for its client. */
export interface HttpClientOptions {
  /** Defaults to the profile's base URL. Must share its origin. */
  prefixUrl?: string;
  headers?: Record<string, string>;
  /** Adds credentials to each request (after the origin check). */
  authorize?: (options: NormalizedOptions) => void | Promise<void>;
  /**
   * Methods that may be retried. Default: GET and HEAD only. Add PUT only where the
   * vendor's PUT is a pure state set; never POST (a create or reply must not be sent twice).
   */
  retryMethods?: Method[];
  /** Parse response bodies as JSON (default true). */
  json?: boolean;
  /**
   * Let non-GET requests through in --dry-run. Only for requests that change nothing on the
   * vendor's side, such as obtaining a token (3Dolphins POST graph/auth).
   */
  sendInDryRun?: boolean;
}

/** What the CLI run decides for every client (built in src/deps.ts). */
export interface HttpEnvironment {
  vendor: VendorName;
  baseUrl: string;
  verbose: boolean;
  dryRun: boolean;
  /** stderr, line by line. */
  log: (line: string) => void;
  redactor: Redactor;
  signal?: AbortSignal;
  /** First retry delay; doubles each attempt (plus jitter). Retry-After wins when sent. */
  retryBaseMs?: number;
  retryLimit?: number;
  timeoutMs?: { connect: number; response: number };
}

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function describeBody(options: { json?: unknown; form?: unknown; body?: unknown }): string {
  if (options.json !== undefined) return ` ${JSON.stringify(redactBody(options.json))}`;
  if (options.form !== undefined) return ` ${JSON.stringify(redactBody(options.form))}`;
  if (options.body !== undefined) {
    const b = options.body as unknown;
    if (typeof b === "string" || Buffer.isBuffer(b)) {
      const text = b.toString();
      try {
        return ` ${JSON.stringify(redactBody(JSON.parse(text)))}`;
      } catch {
        return ` <${text.length} chars>`;
      }
    }
    if (b instanceof FormData) return ` <multipart: ${[...b.keys()].join(", ")}>`;
    return " <body>";
  }
  return "";
}

export function createHttpClient(env: HttpEnvironment, opts: HttpClientOptions = {}): Got {
  const prefixUrl = opts.prefixUrl ?? env.baseUrl;
  const allowedOrigin = new URL(env.baseUrl).origin;
  const retryBase = env.retryBaseMs ?? 500;
  const log = (line: string) => env.log(env.redactor.redact(line));
  const started = new WeakMap<object, number>();

  return got.extend({
    prefixUrl: prefixUrl.endsWith("/") ? prefixUrl : `${prefixUrl}/`,
    headers: { "user-agent": "ticket-cli", ...opts.headers },
    responseType: opts.json === false ? "text" : "json",
    throwHttpErrors: true,
    followRedirect: true,
    signal: env.signal,
    timeout: {
      connect: env.timeoutMs?.connect ?? 10_000,
      response: env.timeoutMs?.response ?? 30_000,
    },
    retry: {
      limit: env.retryLimit ?? 2,
      methods: (opts.retryMethods ?? ["GET", "HEAD"]) as Method[],
      statusCodes: [408, 429, 500, 502, 503, 504, 521, 522, 524],
      maxRetryAfter: 120_000,
      calculateDelay: ({ attemptCount, error, computedValue }) => {
        if (computedValue === 0) return 0;
        const retryAfter = error.response?.headers["retry-after"];
        if (retryAfter !== undefined) {
          // Seconds or an HTTP date; got's own reading turns "0" into a full second.
          const seconds = Number(retryAfter);
          const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
          return Math.min(Math.max(ms, 1), 120_000);
        }
        const backoff = retryBase * 2 ** (attemptCount - 1);
        return Math.min(backoff + Math.random() * retryBase, 30_000);
      },
    },
    hooks: {
      init: [],
      beforeRequest: [
        async (options) => {
          const url = options.url instanceof URL ? options.url : new URL(String(options.url));
          if (url.origin !== allowedOrigin) {
            throw new CliError("failed", `refusing to send credentials to ${url.origin}: it is not the profile's origin ${allowedOrigin}`, {
              vendor: env.vendor,
            });
          }
          const method = options.method.toUpperCase();
          if (env.dryRun && !READ_METHODS.has(method) && !opts.sendInDryRun) {
            const line = `${method} ${redactUrl(url)}${describeBody(options)}`;
            throw new DryRunStop(env.redactor.redact(line));
          }
          if (opts.authorize) await opts.authorize(options);
          started.set(options, Date.now());
          if (env.verbose) {
            log(`> ${method} ${redactUrl(url)}`);
            for (const [name, value] of Object.entries(options.headers)) {
              if (value === undefined) continue;
              log(`> ${name}: ${isSecretHeader(name) ? "***" : String(value)}`);
            }
            const body = describeBody(options);
            if (body) log(`>${body}`);
          }
        },
      ],
      beforeRedirect: [
        (options) => {
          const url = options.url instanceof URL ? options.url : new URL(String(options.url));
          if (url.origin !== allowedOrigin) {
            throw new CliError("failed", `refusing to follow a redirect to ${url.origin}: credentials go only to ${allowedOrigin}`, {
              vendor: env.vendor,
            });
          }
        },
      ],
      beforeRetry: [
        (error, retryCount) => {
          if (env.verbose) log(`! retry ${retryCount} after ${error.response?.statusCode ?? error.code ?? error.message}`);
        },
      ],
      afterResponse: [
        (response) => {
          if (env.verbose) {
            const t = started.get(response.request.options);
            const ms = t === undefined ? "" : ` (${Date.now() - t} ms)`;
            log(`< ${response.statusCode} ${response.request.options.method} ${redactUrl(response.url)}${ms}`);
          }
          return response;
        },
      ],
    },
  });
}
