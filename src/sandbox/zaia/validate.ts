/**
 * The request rules the Zaia simulator enforces, each from the document (vendor-docs/zaia-ticket-api.txt)
 * unless marked GUESS in readings.ts. A failed rule throws `Reject`, which the route wrapper turns
 * into the error reply. Every rule has a test in test/providers/zaia/strict.test.ts.
 */
import { isJsonRequest } from "../shared/strict.js";
import type { SimReply, SimRequest } from "../shared/server.js";
import { PAGE, REFUSES_UNKNOWN_PROPERTIES, WRONG_CONTENT_TYPE_STATUS } from "./readings.js";

/** doc: "A UUID v4 string that identifies an entity." (lines 8-10 and every id field). */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  409: "Conflict",
  415: "Unsupported Media Type",
};

/** GUESS (readings.ts): a Nest-style error body. */
export function zaiaError(status: number, message: string): SimReply {
  return { status, body: { message, error: REASONS[status] ?? "Error", statusCode: status } };
}

export class Reject extends Error {
  constructor(readonly reply: SimReply) {
    super(String((reply.body as { message?: unknown }).message));
  }
}
export const bad = (message: string) => new Reject(zaiaError(400, message));
export const notFound = (message: string) => new Reject(zaiaError(404, message));

/** Rule: a path id is a UUID v4 (doc: `id string · uuid Required`). */
export function uuidParam(value: string, name: string): string {
  if (!UUID_V4.test(value)) throw bad(`Validation failed (uuid v4 is expected) for ${name}`);
  return value;
}

/** Rule (GUESS, readings.ts): a query property the route does not declare is refused. */
export function checkQueryKeys(q: URLSearchParams, allowed: readonly string[]): void {
  if (!REFUSES_UNKNOWN_PROPERTIES) return;
  for (const key of new Set(q.keys())) if (!allowed.includes(key)) throw bad(`property ${key} should not exist`);
}

/** Rule: each value of an `anyOf [uuid[], uuid]` filter is a UUID (repeated keys, OpenAPI form/explode). */
export function uuidList(q: URLSearchParams, name: string): string[] {
  const values = q.getAll(name);
  for (const v of values) if (!UUID_V4.test(v)) throw bad(`each value in ${name} must be a UUID`);
  return values;
}

/** Rule: a numeric query parameter is a number within the documented bounds. */
export function numberParam(q: URLSearchParams, name: string, min: number, max: number | null, dflt: number): number {
  const values = q.getAll(name);
  if (values.length === 0) return dflt;
  if (values.length > 1) throw bad(`${name} must be a number conforming to the specified constraints`);
  const raw = values[0]!;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n)) throw bad(`${name} must be a number conforming to the specified constraints`);
  if (n < min) throw bad(`${name} must not be less than ${min}`);
  if (max !== null && n > max) throw bad(`${name} must not be greater than ${max}`);
  return Math.floor(n);
}

/** doc lines 183-192: pageNumber min 1 (default 1), pageSize 1..100 (default 10). */
export function pageParams(q: URLSearchParams): { pageNumber: number; pageSize: number } {
  return {
    pageNumber: numberParam(q, "pageNumber", PAGE.numberMin, null, 1),
    pageSize: numberParam(q, "pageSize", PAGE.sizeMin, PAGE.sizeMax, PAGE.sizeDefault),
  };
}

/** Rule: a boolean query parameter is `true` or `false`. */
export function booleanParam(q: URLSearchParams, name: string): boolean | null {
  const raw = q.get(name);
  if (raw === null) return null;
  if (raw !== "true" && raw !== "false") throw bad(`${name} must be a boolean value`);
  return raw === "true";
}

/** Rule: a single enum value from a query parameter (doc: `status string · enum Required`). */
export function enumParam(q: URLSearchParams, name: string, allowed: readonly string[], listAllowed: boolean): string {
  const values = q.getAll(name);
  const refusal = listAllowed ? `${name} must be one of the following values: ${allowed.join(", ")}` : `Invalid ${name}`;
  if (values.length !== 1 || !allowed.includes(values[0]!)) throw bad(refusal);
  return values[0]!;
}

/** What a body field must hold (doc: `string · uuid Required`, `string · uuid · nullable Required`, `string · enum Required`). */
export type FieldKind = "uuid" | "uuid|null" | { oneOf: readonly string[]; listAllowed: boolean };

/**
 * Rules for a JSON write: the Content-Type says JSON, the body parses, it is an object, it names
 * no property the route does not declare (GUESS), every Required field is present (nullable ones
 * may be null), uuid fields are UUID strings (a number is refused), enums are one of their values.
 */
export function jsonBody(req: SimRequest, fields: Record<string, FieldKind>): Record<string, string | null> {
  if (!isJsonRequest(req)) {
    throw new Reject(zaiaError(WRONG_CONTENT_TYPE_STATUS, `Content-Type must be application/json, got ${String(req.headers["content-type"] ?? "none")}`));
  }
  if (req.badJson) throw bad("Unexpected token in JSON body");
  const body = req.body;
  if (!body || typeof body !== "object" || Array.isArray(body)) throw bad(`${Object.keys(fields).join(", ")} should be provided in a JSON object`);
  const obj = body as Record<string, unknown>;
  if (REFUSES_UNKNOWN_PROPERTIES) for (const key of Object.keys(obj)) if (!(key in fields)) throw bad(`property ${key} should not exist`);
  const out: Record<string, string | null> = {};
  for (const [key, kind] of Object.entries(fields)) {
    const v = obj[key];
    if (v === undefined) throw bad(`${key} should not be empty`);
    if (kind === "uuid|null" && v === null) {
      out[key] = null;
      continue;
    }
    if (typeof kind === "object") {
      if (typeof v !== "string" || !kind.oneOf.includes(v)) {
        throw bad(kind.listAllowed ? `${key} must be one of the following values: ${kind.oneOf.join(", ")}` : `Invalid ${key}`);
      }
    } else if (typeof v !== "string" || !UUID_V4.test(v)) {
      throw bad(`${key} must be a UUID`);
    }
    out[key] = v as string;
  }
  return out;
}
