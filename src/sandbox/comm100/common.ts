/** What every Comm100 route shares: the auth guard, JSON body checks, ticket lookup, references, write answers. */
import type { SimReply, SimRequest } from "../shared/server.js";
import { isJsonRequest } from "../shared/strict.js";
import type { Comm100Auth } from "./auth.js";
import type { Comm100Index } from "./indexes.js";
import type { Comm100State, WireTicket } from "./model.js";
import { errorBody, WRONG_CONTENT_TYPE_STATUS, type Readings } from "./readings.js";
import { isTicketId } from "./validate.js";

export interface RouteContext {
  state: Comm100State;
  /** Lookups by id over that state (indexes.ts). */
  index: Comm100Index;
  auth: Comm100Auth;
  readings: Readings;
  origin: () => string;
  now: () => Date;
}

export const PREFIX = "/v4";

export const fail = (status: number, message: string): SimReply => ({ status, body: errorBody(status, message) });

export const isReply = (x: unknown): x is SimReply =>
  typeof x === "object" && x !== null && "status" in x && typeof (x as SimReply).status === "number" && !("subject" in x);

/** Every API route needs credentials first. A write may change what the lists hold: their cached answers go, before and after it. */
export const guarded =
  (ctx: RouteContext, h: (req: SimRequest) => SimReply) =>
  (req: SimRequest): SimReply => {
    const denied = ctx.auth.check(req);
    if (denied) return denied;
    if (req.method === "GET") return h(req);
    ctx.index.changed();
    try {
      return h(req);
    } finally {
      ctx.index.changed();
    }
  };

/**
 * A JSON write: every sample request of [S1] that carries a body sends
 * `-H 'Content-Type: application/json'` (e.g. lines 166, 294, 463). Another type is refused
 * (readings.WRONG_CONTENT_TYPE_STATUS); a body that does not parse is a 400.
 */
export function jsonBody(req: SimRequest): Record<string, unknown> | SimReply {
  if (!isJsonRequest(req)) return fail(WRONG_CONTENT_TYPE_STATUS, "The request body must be sent as Content-Type: application/json.");
  if (req.badJson) return fail(400, "The request body is not valid JSON.");
  const body = req.body;
  if (!body || typeof body !== "object" || Array.isArray(body)) return fail(400, "The request body is required.");
  return body as Record<string, unknown>;
}

/** Query parameters bind case-insensitively (ASP.NET): `tagid` ([S1]) and `tagId` (the 2020 draft) are one. */
export function queryValue(req: SimRequest, name: string): string | null {
  const key = name.toLowerCase();
  for (const [k, v] of req.query.entries()) if (k.toLowerCase() === key) return v;
  return null;
}

export function findTicket(ctx: RouteContext, raw: string): WireTicket | SimReply {
  if (!isTicketId(raw)) return fail(400, `The value '${raw}' is not valid for id.`);
  const t = ctx.index.ticket(Number(raw));
  return t ?? fail(404, `Ticket ${raw} not found.`);
}

/** Ids a write refers to must exist: an unknown one is refused naming the field (readings.unknownReference). */
export function referenceProblem(ctx: RouteContext, body: Record<string, unknown>): SimReply | null {
  const { state } = ctx;
  const missing = (field: string, id: unknown) => fail(ctx.readings.unknownReference, `The ${field} '${String(id)}' does not exist.`);
  const known = (list: { id: string }[], id: unknown) => list.some((x) => x.id.toLowerCase() === String(id).toLowerCase());
  const agent = body["assigneeId"];
  if (agent != null && !known(state.agents, agent)) return missing("assigneeId", agent);
  const dept = body["departmentAssigneeId"];
  if (dept != null && !known(state.departments, dept)) return missing("departmentAssigneeId", dept);
  const contact = body["contactOrVisitorId"];
  if (contact != null && !known(state.contacts, contact)) return missing("contactOrVisitorId", contact);
  const tag = ((body["tagIds"] as unknown[] | null | undefined) ?? []).find((id) => !known(state.tags, id));
  if (tag !== undefined) return missing("tagId", tag);
  return null;
}

/** The answer to a create (readings.writeAnswer). */
export function createdAnswer(ctx: RouteContext, obj: Record<string, unknown>): SimReply {
  if (ctx.readings.writeAnswer === "empty") return { status: 201 };
  if (ctx.readings.writeAnswer === "idless") {
    const { id: _id, ...rest } = obj;
    return { status: 201, body: rest };
  }
  return { status: 201, body: obj };
}

export function newId(state: Comm100State): string {
  state.serial += 1;
  return `5e1f0000-0000-4000-8000-${state.serial.toString(16).padStart(12, "0")}`;
}
