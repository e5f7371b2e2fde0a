/**
 * The one `got` client factory (DESIGN.md section 7): timeouts, retries with backoff and jitter
 * for idempotent requests only, Retry-After, an auth hook, the origin lock, --verbose logging
 * with secrets redacted, and --dry-run for writes.
 */
import type { Got, Method } from "got";
import type { HandlerFunction, NormalizedOptions, Options } from "got";

/** The parts of got's cancelable promise the deadline and size cap use. */
interface CancelableLike extends Promise<unknown> {
  cancel(): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
}
import { CliError, NetworkError } from "../errors.js";
import type { VendorName } from "../model/enums.js";
import { neverLeft, stateForStatus, writeScope, type WriteRecord } from "./outcome.js";
import { describeBody } from "./describe.js";
import { planRequest, type DryRequest, type GivenBody } from "./dry-run.js";

export type { DryRequest };
import { closeGate, gateFor, pause, retryDelayMs } from "./gate.js";
import { startRequestTimers } from "./deadline.js";
import { describeRateLimit, pacerFor, rateLimitOf, type PaceSlot, type RateLimit } from "./pace.js";
import { descriptorFor } from "../providers/registry.js";
import { isSecretHeader, redactUrl, type Redactor } from "./redact.js";
import { createLeanGet, RETRY_STATUSES, type LeanGet, type SearchParams } from "./lean-get.js";
import { lazyGot } from "./lazy-got.js";

/**
 * A profile's client: got, and `getJson`, the GET of list walks and reads (./lean-get.ts: node's
 * http under the same rules, without got's cost per request). --verbose and --dry-run send it
 * through got, whose logs and plans they are.
 */
export type HttpClient = Got & { getJson: LeanGet };

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
  /**
   * --dry-run: the JSON answer the vendor would give a planned request, so the steps after it
   * can be planned too (an upload's file id feeding the reply that carries it). Asked for every
   * write, and for every read once a write has been planned in the same item. Return undefined
   * to end the plan there (a write) or to send the read for real. See src/http/dry-run.ts.
   */
  dryAnswer?: (req: DryRequest) => unknown;
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
  /**
   * Deadline for one request with its retries, answer body included (--timeout, TICKET_TIMEOUT).
   * Default 30 s. Each attempt gets what is left of it; a retry that cannot fit is not made.
   */
  deadlineMs?: number;
  /** Answers larger than this are refused (TICKET_MAX_RESPONSE_MB). Default 64 MiB. */
  maxResponseBytes?: number;
  /** The vendor's name for messages ("Comm100"). Defaults to the vendor id. */
  displayName?: string;
  /**
   * Called once a request (with its retries and its answer's body) has gone `slowAfterMs` without
   * ending, with how long it has waited; the function it returns, if any, is called when the request
   * ends, however it ends. A terminal shows "waiting for Sobot…" with it (src/render/progress.ts,
   * issue 11 item 4). Not called for streams.
   */
  onSlow?: (waitedMs: number) => (() => void) | void;
  /** How long a request may go without an answer before `onSlow` (default SLOW_REQUEST_MS). */
  slowAfterMs?: number;
  /**
   * The rate limit every request of this environment is paced under (src/http/pace.ts), or null
   * for none. Undefined: TICKET_RATE_LIMIT when set, else the vendor's documented one (descriptor).
   */
  rateLimit?: RateLimit | null;
  /** stderr is a terminal: waiting on the rate limit is said there once. Undefined: process.stderr's. */
  terminal?: boolean;
}

/** A request this long without its answer is "slow" (HttpEnvironment.onSlow). */
export const SLOW_REQUEST_MS = 2_000;

export const DEFAULT_DEADLINE_MS = 30_000;

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function createHttpClient(env: HttpEnvironment, opts: HttpClientOptions = {}): HttpClient {
  const prefixUrl = opts.prefixUrl ?? env.baseUrl;
  const allowedOrigin = new URL(env.baseUrl).origin;
  const retryBase = env.retryBaseMs ?? 500;
  const log = (line: string) => env.log(env.redactor.redact(line));
  const started = new WeakMap<object, number>();
  const deadlineMs = env.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const maxBytes = env.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const name = env.displayName ?? env.vendor;
  /** When each request (with its retries) must be over, by its options object. */
  const deadlines = new WeakMap<object, number>();
  /** Each request's body as given, before got serializes it (--dry-run plans and answers from it). */
  const given = new WeakMap<object, GivenBody>();
  /** The write record of each request that can change something at the vendor. */
  const records = new WeakMap<object, WriteRecord>();
  const secondsText = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  const deadlineError = () =>
    new NetworkError(`${name} did not answer within ${secondsText(deadlineMs)} (the deadline covers the whole answer; --timeout or TICKET_TIMEOUT changes it)`, { vendor: env.vendor });
  const tooLarge = () =>
    new NetworkError(`${name} sent an answer larger than ${Math.round(maxBytes / 1024 / 1024)} MB; refusing it (TICKET_MAX_RESPONSE_MB raises the cap)`, { vendor: env.vendor });
  const slowDown = gateFor(env);
  /** The vendor's documented rate limit (or the run's override), shared by every client of the profile. */
  const pacer = pacerFor(env, () => rateLimitOf({ rateLimit: env.rateLimit, documented: descriptorFor(env.vendor).rateLimit }));
  /** Each request's place under the rate limit (its current attempt), and how to move its deadline past a wait for one. */
  const paceSlots = new WeakMap<object, PaceSlot>();
  const holds = new WeakMap<object, (ms: number) => void>();
  const over = new WeakSet<object>();
  const endPace = (options: object) => pacer?.release(paceSlots.get(options));
  /** Wait for a place under the rate limit; the wait is the client's, so it does not count against the request's deadline. */
  const atPace = async (options: object) => {
    if (!pacer) return;
    endPace(options); // a retry: the attempt before it has ended
    const since = Date.now();
    const slot = await pacer.acquire(env.signal, (ms) => {
      const limit = `${name}'s rate limit of ${describeRateLimit(pacer.limit)}`;
      if (env.verbose) log(`! waiting${Number.isFinite(ms) ? ` ${secondsText(ms)}` : ""} for a place under ${limit}`);
      else if (!pacer.told && (env.terminal ?? Boolean(process.stderr.isTTY))) {
        pacer.told = true;
        env.log(`ticket: waiting on ${limit}: requests are paced to stay under it (TICKET_RATE_LIMIT=CALLS/SECONDS or off changes it)`);
      }
    });
    paceSlots.set(options, slot);
    // The request ended (cancelled) while it waited: its place is given back at once.
    if (over.has(options)) endPace(options);
    holds.get(options)?.(Date.now() - since);
  };
  /** Hold a request until the profile's gate opens; refuse one whose deadline would pass first. */
  const atGate = async (options: object) => {
    for (let wait = slowDown.until - Date.now(); wait > 0; wait = slowDown.until - Date.now()) {
      const end = deadlines.get(options);
      if (end !== undefined && Date.now() + wait > end) {
        throw new NetworkError(`${name} is rate limiting this profile (HTTP 429): it asked to wait ${secondsText(wait)}, past the request's deadline (--timeout)`, { vendor: env.vendor, httpStatus: 429 });
      }
      if (env.verbose) log(`! waiting ${secondsText(wait)}: ${name} asked to slow down (HTTP 429)`);
      await pause(wait, env.signal);
    }
  };

  const client = lazyGot(async () => (await import("got")).default.extend({
    handlers: [
      ((options: Options, next: (o: Options) => unknown) => {
        if (env.dryRun) given.set(options, { json: options.json, form: options.form, body: options.body });
        const result = next(options);
        if (options.isStream) {
          // A stream ends its place under the rate limit when its answer starts, or when it fails or closes.
          const stream = result as { once(event: string, listener: () => void): unknown };
          for (const event of ["response", "error", "close"]) stream.once(event, () => endPace(options));
          return result;
        }
        const p = result as CancelableLike;
        let reason: CliError | undefined;
        const stop = (err: CliError) => {
          reason ??= err;
          p.cancel();
        };
        // One deadline over the whole request, retries and body included: a stall after the
        // headers, a trickling body or a slow retry chain all end here (./deadline.ts).
        const timers = startRequestTimers(options, { deadlineMs, deadlines, holds, onExpire: () => stop(deadlineError()), slowAfterMs: env.slowAfterMs ?? SLOW_REQUEST_MS, onSlow: env.onSlow });
        p.on("response", (res: { statusCode: number; headers: Record<string, string | string[] | undefined> }) => {
          const rec = records.get(options);
          const state = stateForStatus(res.statusCode);
          if (rec && state) {
            rec.state = state;
            rec.status = res.statusCode;
          }
          const length = Number(res.headers["content-length"]);
          if (Number.isFinite(length) && length > maxBytes) stop(tooLarge());
        });
        p.on("downloadProgress", (progress: { transferred: number }) => {
          if (progress.transferred > maxBytes) stop(tooLarge());
        });
        return (async () => {
          try {
            return await p;
          } catch (err) {
            const rec = records.get(options);
            if (rec && rec.status === undefined && neverLeft(err)) rec.state = "not_sent";
            throw reason ?? err;
          } finally {
            timers.clear();
            over.add(options);
            endPace(options);
          }
        })();
      }) as unknown as HandlerFunction,
    ],
    prefixUrl: prefixUrl.endsWith("/") ? prefixUrl : `${prefixUrl}/`,
    headers: { "user-agent": "ticket-cli", ...opts.headers },
    responseType: opts.json === false ? "text" : "json",
    throwHttpErrors: true,
    followRedirect: true,
    signal: env.signal,
    timeout: {
      connect: Math.min(env.timeoutMs?.connect ?? 10_000, deadlineMs),
      response: Math.min(env.timeoutMs?.response ?? 30_000, deadlineMs),
      request: deadlineMs,
    },
    retry: {
      limit: env.retryLimit ?? 2,
      methods: (opts.retryMethods ?? ["GET", "HEAD"]) as Method[],
      statusCodes: [...RETRY_STATUSES],
      maxRetryAfter: 120_000,
      // 0 when got would not retry; a retry that cannot finish before the deadline is not made (./gate.ts).
      calculateDelay: ({ attemptCount, error, computedValue }) =>
        computedValue === 0 ? 0 : retryDelayMs(attemptCount, error.response?.headers["retry-after"], deadlines.get(error.options) ?? Infinity, retryBase),
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
          if (env.dryRun && !opts.sendInDryRun) {
            const planned = await planRequest(options, method, url, READ_METHODS.has(method), env.redactor, { dryAnswer: opts.dryAnswer, authorize: opts.authorize }, given.get(options));
            if (planned) return planned as unknown as void; // got takes a response-like stream in place of the request
          }
          await atGate(options);
          // From here on the request may reach the vendor: a write is tracked until its answer.
          const firstAttempt = !records.has(options);
          const writes = writeScope.getStore();
          if (writes) {
            if (READ_METHODS.has(method) || opts.sendInDryRun) writes.read();
            else if (!records.has(options)) records.set(options, writes.start(method, url));
            else {
              const rec = records.get(options)!;
              rec.state = "unknown";
              delete rec.status;
              writes.lastWasWrite = true;
            }
          }
          if (opts.authorize) await opts.authorize(options);
          // Paced last, once the credentials are there: a token request made on the way takes its own place first.
          try {
            await atPace(options);
          } catch (err) {
            // Stopped while waiting for a place: this attempt was never sent (a retry's earlier attempt may have been).
            const rec = records.get(options);
            if (rec && firstAttempt) rec.state = "not_sent";
            throw err;
          }
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
          endPace(error.options);
          if (env.verbose) log(`! retry ${retryCount} after ${error.response?.statusCode ?? error.code ?? error.message}`);
        },
      ],
      afterResponse: [
        (response) => {
          endPace(response.request.options);
          if (response.statusCode === 429) closeGate(slowDown, response.headers["retry-after"], retryBase);
          if (env.verbose) {
            const t = started.get(response.request.options);
            const ms = t === undefined ? "" : ` (${Date.now() - t} ms)`;
            log(`< ${response.statusCode} ${response.request.options.method} ${redactUrl(response.url)}${ms}`);
          }
          return response;
        },
      ],
    },
  }));
  const viaGot: LeanGet = (path, searchParams, headers) => client.get(path, { ...(searchParams === undefined ? {} : { searchParams: searchParams as URLSearchParams }), ...(headers ? { headers } : {}) }).json<unknown>();
  const getJson: LeanGet =
    env.verbose || env.dryRun || opts.json === false
      ? viaGot
      : createLeanGet({
          prefixUrl,
          allowedOrigin,
          name,
          vendor: env.vendor,
          headers: opts.headers ?? {},
          authorize: opts.authorize as never,
          retryLimit: env.retryLimit ?? 2,
          retryBaseMs: retryBase,
          deadlineMs,
          connectTimeoutMs: Math.min(env.timeoutMs?.connect ?? 10_000, deadlineMs),
          responseTimeoutMs: Math.min(env.timeoutMs?.response ?? 30_000, deadlineMs),
          maxBytes,
          signal: env.signal,
          slowAfterMs: env.slowAfterMs ?? SLOW_REQUEST_MS,
          onSlow: env.onSlow,
          slowDown,
          atGate,
          atPace,
          endPace,
          deadlines,
          holds,
          over,
          tooLarge,
          deadlineError,
        });
  return Object.assign(client, { getJson });
}
