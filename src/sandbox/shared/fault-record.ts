/**
 * What the fault proxy records of each exchange, and the questions tests ask of the records:
 * which writes the upstream processed, which it accepted, which lost their answer on the way back.
 */
import type { VendorName } from "../../model/enums.js";
import { FAULT_VENDORS } from "./fault-vendors.js";

export type RequestKind = "read" | "write" | "auth";

/** One request the proxy received and what became of it. */
export interface ProxyExchange {
  seq: number;
  method: string;
  /** Path and query, as received. */
  url: string;
  kind: RequestKind;
  /** The rule that struck it, as written in the SPEC; undefined when passed through. */
  fault?: string;
  /** The upstream received the request. */
  forwarded: boolean;
  /** The upstream's status: it processed the request (undefined: not forwarded, or it failed). */
  upstreamStatus?: number;
  /** Status line the client got; undefined when it got none (reset before an answer). */
  status?: number;
  /** How the exchange ended for the client. */
  ending: "answered" | "reset" | "cut" | "stalled" | "client-gone" | "pending";
  requestHeaders: Record<string, string | string[] | undefined>;
  /** Request body as text (first 64 KiB). */
  requestBody: string;
  /** Upstream answer body as text (first 64 KiB), before any fault. */
  upstreamBody?: string;
  /** Body bytes written to the client. */
  bytesSent: number;
  /** The client got the upstream's answer whole and unchanged (late is still whole). */
  intact: boolean;
  /** When a 429/503 said to come back (epoch ms). */
  retryAt?: number;
  startedAt: number;
  endedAt?: number;
}

export interface ForeignRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Writes the upstream processed (answered with any status), in order. */
export function writesReceived(exchanges: readonly ProxyExchange[]): ProxyExchange[] {
  return exchanges.filter((e) => e.kind === "write" && e.forwarded && e.upstreamStatus !== undefined);
}

/** Writes the upstream accepted (per the vendor's envelope when given) but whose answer the client did not get whole. */
export function writesLandedAnswerLost(exchanges: readonly ProxyExchange[], vendor?: VendorName): ProxyExchange[] {
  return writesReceived(exchanges).filter((e) => upstreamAccepted(e, vendor) && !e.intact);
}

/** The upstream said yes: a 2xx, and for vendors with an envelope, its success code. */
export function upstreamAccepted(e: ProxyExchange, vendor?: VendorName): boolean {
  if (e.upstreamStatus === undefined || e.upstreamStatus >= 300) return false;
  return vendor ? FAULT_VENDORS[vendor].accepted(e.upstreamBody ?? "") : true;
}
