/**
 * What became of the writes a provider call sent (DESIGN.md section 7): every write ends *done*,
 * *not sent* or *unknown*. The guard opens a WriteLog around each write verb; the HTTP client
 * records in it every request that can change something at the vendor, and what the transport
 * learned about it:
 *
 * - done:     the vendor answered 2xx (even if the body was then cut or unreadable).
 * - not_sent: the request never left (DNS, connection refused, connect timeout, --dry-run, the
 *             origin lock), or the vendor refused it with a 4xx, or with an envelope error on a
 *             2xx (a CliError carrying `vendorCode`, raised right after the write answered).
 * - unknown:  it may have reached the vendor: reset, timeout after sending, 5xx, a stall.
 *
 * The async context (AsyncLocalStorage) ties each request to the verb that sent it, so bulk runs
 * with several verbs in flight keep their logs apart.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { CliError, type WriteOutcome } from "../errors.js";

export type WriteState = "done" | "not_sent" | "unknown";

export interface WriteRecord {
  method: string;
  /** Path only (no query: it may carry a signature). */
  path: string;
  state: WriteState;
  status?: number;
}

export class WriteLog {
  readonly writes: WriteRecord[] = [];
  /** Whether the most recent request in this scope was a write (envelope refusals belong to it). */
  lastWasWrite = false;

  start(method: string, url: URL): WriteRecord {
    const rec: WriteRecord = { method, path: url.pathname, state: "unknown" };
    this.writes.push(rec);
    this.lastWasWrite = true;
    return rec;
  }

  read(): void {
    this.lastWasWrite = false;
  }

  /** The outcome of the whole verb, given the error it ended with (undefined = it succeeded). */
  outcome(err?: unknown): WriteOutcome {
    const writes = this.writes.map((w) => ({ ...w }));
    const last = writes[writes.length - 1];
    if (!last) return "not_sent";
    // A vendor's envelope refusal answered the write itself: nothing happened.
    if (err instanceof CliError && err.vendorCode !== undefined && this.lastWasWrite && last.state === "done") last.state = "not_sent";
    // A write refused and then sent again (a token refreshed) is superseded by the later one.
    const relevant = writes.filter((w, i) => w.state !== "not_sent" || i === writes.length - 1);
    const states = new Set(relevant.map((w) => w.state));
    if (states.size === 1) return [...states][0]!;
    return states.has("unknown") ? "unknown" : "partial";
  }
}

export const writeScope = new AsyncLocalStorage<WriteLog>();

/** Connection-phase failures: the request never reached the vendor. */
const NEVER_LEFT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ERR_INVALID_URL", "ERR_DNS_LOOKUP_FAILED"]);
const CONNECT_EVENTS = new Set(["lookup", "connect", "secureConnect"]);

export function neverLeft(err: unknown): boolean {
  const e = err as { code?: string; event?: string; name?: string } | undefined;
  if (!e) return false;
  if (e.code && NEVER_LEFT.has(e.code)) return true;
  return e.name === "TimeoutError" && e.event !== undefined && CONNECT_EVENTS.has(e.event);
}

/** State of a write from its HTTP status. */
export function stateForStatus(status: number): WriteState | undefined {
  if (status >= 200 && status < 300) return "done";
  if (status >= 400 && status < 500) return "not_sent";
  if (status >= 500) return "unknown";
  return undefined; // 1xx/3xx: not final
}
