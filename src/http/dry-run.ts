/**
 * --dry-run (DESIGN.md section 7): every request a write verb would send is planned, never sent.
 *
 * The HTTP client (client.ts) hands each write here instead of sending it. It is recorded for the
 * run's plan (method, URL, headers with secrets masked, body with files as name, size and type)
 * and answered from the provider's `dryAnswer` (HttpClientOptions), so the steps after it are
 * planned too: a merge's next source, an upload's reply, a close's comment. A write the provider
 * cannot answer ends the plan of its item (DryRunStop). Reads still happen (a write may need
 * them), except those the provider answers itself once a write of the item has been planned (the
 * ticket a planned create would have made does not exist).
 *
 * `inDryRunItem` scopes one item (one ticket of a bulk run); `plannedRequests` is the run's plan,
 * printed by src/render/dry-run.ts.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { Readable } from "node:stream";
import { DryRunStop } from "../errors.js";
import { isSecretHeader, redactBody, redactUrl, type Redactor } from "./redact.js";

/** What a provider's `dryAnswer` is asked about. */
export interface DryRequest {
  method: string;
  url: URL;
  /** The JSON body or form fields as given to got (undefined for other bodies). */
  body: unknown;
}

/** One planned request, as `--dry-run --json` prints it (DryRunRequestSchema). */
export interface PlannedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

const plan: PlannedRequest[] = [];
const item = new AsyncLocalStorage<{ writes: number }>();

/** The run's plan so far, in the order the requests would have been sent. */
export function plannedRequests(): readonly PlannedRequest[] {
  return plan;
}

/** Forget the plan (tests that run several commands in one process). */
export function resetPlan(): void {
  plan.length = 0;
}

/** Run one item's write in its own scope; says how many of its writes were planned. */
export async function inDryRunItem<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: unknown; writes: number }> {
  const state = { writes: 0 };
  try {
    return { value: await item.run(state, fn), writes: state.writes };
  } catch (error) {
    return { error, writes: state.writes };
  }
}

interface GotLikeOptions {
  json?: unknown;
  form?: unknown;
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The body as the caller gave it to got. By beforeRequest got has serialized it (json cleared into
 * a string body, FormData encoded into a stream), so the client keeps the original for the plan.
 */
export type GivenBody = Pick<GotLikeOptions, "json" | "form" | "body">;

/**
 * Called by the client's beforeRequest hook in --dry-run. Returns the synthetic answer to use
 * instead of sending, or undefined to send the request for real (a read).
 */
export async function planRequest(
  options: GotLikeOptions,
  method: string,
  url: URL,
  isRead: boolean,
  redactor: Redactor,
  hooks: { dryAnswer?: ((req: DryRequest) => unknown) | undefined; authorize?: ((options: never) => void | Promise<void>) | undefined },
  given: GivenBody = options,
): Promise<Readable | undefined> {
  const scope = item.getStore();
  const asked: DryRequest = { method, url, body: sentBody(given) };
  if (isRead) {
    if (!scope?.writes || !hooks.dryAnswer) return undefined;
    const answer = hooks.dryAnswer(asked);
    return answer === undefined ? undefined : syntheticAnswer(answer, url);
  }
  // Headers as they would be sent: the credentials are added, then masked.
  if (hooks.authorize) await hooks.authorize(options as never);
  plan.push({
    method,
    url: redactor.redact(redactUrl(url)),
    headers: headersOf(options.headers, redactor),
    body: bodyOf(given, redactor),
  });
  if (scope) scope.writes++;
  const answer = hooks.dryAnswer?.(asked);
  if (answer === undefined) {
    const shown = `${method} ${redactor.redact(redactUrl(url))}`;
    throw new DryRunStop(shown, `any step after ${shown} needs the vendor's answer to it, so it is not shown`);
  }
  return syntheticAnswer(answer, url);
}

/** The JSON body or form fields as sent: by the time the hook runs got has serialized `json` into `body`. */
function sentBody(options: GivenBody): unknown {
  if (options.json !== undefined) return options.json;
  if (options.form !== undefined) return options.form;
  const b = options.body;
  if (typeof b === "string" || Buffer.isBuffer(b)) {
    try {
      return JSON.parse(b.toString()) as unknown;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function headersOf(headers: GotLikeOptions["headers"], redactor: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = isSecretHeader(name) ? "***" : redactor.redact(Array.isArray(value) ? value.join(", ") : String(value));
  }
  return out;
}

/** The body as it would be sent: JSON and form fields (secret keys masked), text, or files as name, size and type. */
function bodyOf(options: GivenBody, redactor: Redactor): unknown {
  const clean = (v: unknown) => JSON.parse(redactor.redact(JSON.stringify(redactBody(v)))) as unknown;
  if (options.json !== undefined) return clean(options.json);
  if (options.form !== undefined) return clean(options.form);
  const b = options.body;
  if (b === undefined || b === null) return null;
  if (typeof b === "string" || Buffer.isBuffer(b)) {
    const text = b.toString();
    try {
      return clean(JSON.parse(text));
    } catch {
      return redactor.redact(text);
    }
  }
  if (b instanceof FormData) {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of b.entries()) {
      const shown = typeof value === "string" ? value : { file: value.name, size: value.size, type: value.type || "application/octet-stream" };
      const prior = fields[key];
      fields[key] = prior === undefined ? shown : Array.isArray(prior) ? [...prior, shown] : [prior, shown];
    }
    return clean(fields);
  }
  return "<stream>";
}

/** An answer got reads as if the vendor had sent it: 200, JSON. */
function syntheticAnswer(answer: unknown, url: URL): Readable {
  const text = typeof answer === "string" ? answer : JSON.stringify(answer);
  const res = Readable.from([Buffer.from(text)]) as Readable & Record<string, unknown>;
  Object.assign(res, {
    statusCode: 200,
    statusMessage: "OK",
    headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) },
    rawHeaders: ["content-type", "application/json"],
    url: url.toString(),
    httpVersion: "1.1",
    httpVersionMajor: 1,
    httpVersionMinor: 1,
    trailers: {},
    rawTrailers: [],
    complete: true,
    socket: null,
    aborted: false,
  });
  return res;
}
