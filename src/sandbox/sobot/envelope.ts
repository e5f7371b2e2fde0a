/**
 * Sobot's answer envelope: {ret_code, ret_msg, item?, items?} with "000000" for success and any
 * other code an error (doc lines 4914-4916). ret_msg follows the `language` header, Chinese by
 * default (lines 31-37). Errors are HTTP 200 unless the reading says otherwise (readings.ts).
 */
import type { SimReply, SimRequest } from "../shared/server.js";
import { retMsg, type Language } from "./codes.js";
import { httpStatusFor, type Reading } from "./readings.js";
import type { SobotIndex } from "./indexes.js";
import type { Refusal } from "./rules.js";
import type { SimState } from "./state.js";

export interface RouteEnv {
  state: SimState;
  /** Ticket lookups over that state (indexes.ts). */
  index: SobotIndex;
  now: () => number;
  tokenTtlSeconds: number;
  reading: Reading;
}

export const lang = (req: SimRequest): Language => (String(req.headers["language"] ?? "").trim().toLowerCase() === "en" ? "en" : "zh");

export function ok(req: SimRequest, extra: Record<string, unknown> = {}): SimReply {
  return { status: 200, body: { ...extra, ret_code: "000000", ret_msg: retMsg("000000", lang(req)) } };
}

export function refuse(env: RouteEnv, req: SimRequest, r: Refusal): SimReply {
  const status = env.reading.errorStatus === "http-status" ? httpStatusFor(r.code) : 200;
  // x-simulator-rule names the rule (rules.ts) for tests; Sobot sends no such header.
  return { status, headers: { "x-simulator-rule": r.rule }, body: { ret_code: r.code, ret_msg: retMsg(r.code, lang(req)) } };
}

/** A query parameter, trimmed ("" when absent). */
export function param(req: SimRequest, name: string): string {
  return (req.query.get(name) ?? "").trim();
}
