/**
 * How the 3Dolphins simulator answers: the documented `{status, data, hasMore, nextIndex,
 * prevIndex, totalResults}` envelope (every sample in vendor-docs/3dolphins-ticket-api.txt), the
 * refusals its reading chooses (readings.ts), and the Spring framework's own answers for requests
 * the framework refuses before the application sees them (media type, unreadable JSON, bad query
 * values, missing token).
 */
import type { SimReply, SimRequest } from "../shared/server.js";
import { AUTH_REALM, type Reading } from "./readings.js";
import type { Rec } from "./model.js";

export interface PageMeta {
  hasMore: boolean;
  nextIndex: number;
  prevIndex: number;
  totalResults: number;
}

const NO_PAGE: PageMeta = { hasMore: false, nextIndex: 0, prevIndex: 0, totalResults: 0 };

export const envelope = (data: unknown, page: PageMeta = NO_PAGE): Rec => ({ status: "success", data, ...page });

/**
 * Every answer the simulator builds is an Answer, so a handler can tell "a value" from "the reply
 * to send instead" (`isAnswer`) even when the value is a record with its own `status` field.
 */
export class Answer implements SimReply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers?: Record<string, string>,
  ) {}
}

export const isAnswer = (v: unknown): v is Answer => v instanceof Answer;

export const ok = (data: unknown): Answer => new Answer(200, envelope(data));

/** Spring Boot's default error body (BasicErrorController). */
export function springError(status: number, message: string, path: string): Answer {
  const error = SPRING_REASONS[status] ?? "Error";
  return new Answer(status, { timestamp: new Date().toISOString(), status, error, message, path });
}

const SPRING_REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  415: "Unsupported Media Type",
};

/** Spring Security OAuth2's answers for a missing, unknown or expired bearer token. */
export function unauthorized(error: "unauthorized" | "invalid_token", description: string): Answer {
  return new Answer(401, { error, error_description: description }, { "www-authenticate": `${AUTH_REALM}, error="${error}", error_description="${description}"` });
}

/** What the application answers when it refuses an operation, per the reading's `failures`. */
export type Refuse = (req: SimRequest, kind: "not_found" | "conflict", message: string) => Answer;

export function refuser(reading: Reading): Refuse {
  return (req, kind, message) =>
    reading.failures === "http"
      ? springError(kind === "not_found" ? 404 : 409, message, req.path)
      : new Answer(200, { status: "failed", message, data: null, ...NO_PAGE });
}

/** A page of a start/count list, its metadata as the reading has it. */
export function pageOf(reading: Reading, items: Rec[], start: number, count: number): Answer {
  const offset = reading.start === "page" ? start * count : start;
  const slice = items.slice(offset, offset + count);
  const hasMore = offset + count < items.length;
  const data = slice.length === 0 && reading.emptyList === "string" ? "[]" : slice;
  if (reading.pageMeta === "literal") return new Answer(200, envelope(data));
  const step = reading.start === "page" ? 1 : count;
  return new Answer(
    200,
    envelope(data, {
      hasMore,
      nextIndex: hasMore ? start + step : 0,
      prevIndex: Math.max(0, start - step),
      totalResults: items.length,
    }),
  );
}
