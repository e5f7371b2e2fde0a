/**
 * Request rules the 3Dolphins document states, checked before a handler runs. Each refuses a
 * wrong request the way the Spring application behind the API would (Spring's own answers,
 * replies.ts), so a client that breaks one sees the failure here and not on a live server.
 * RULES lists them (one test each in test/providers/3dolphins/strictness.test.ts).
 */
import { isJsonRequest, isMultipartRequest } from "../shared/strict.js";
import type { SimRequest, UploadedFile } from "../shared/server.js";
import type { Rec } from "./model.js";
import { MAX_COUNT, UPLOAD_PART } from "./readings.js";
import { springError, unauthorized, type Answer } from "./replies.js";

/** Every rule by id, with where the document states it. */
export const RULES = {
  "bearer-required": "Authorization: Bearer [generatedToken] on every graph/tickets call (each endpoint's Header line; table line 275)",
  "bearer-scheme": "the credential is a Bearer token: a bare token or another scheme is no credential (line 276 'Bearer <token>')",
  "token-valid": "a token unknown to the server or past its expireAt is refused (vendor-notes 4.1 expireAt)",
  "json-content-type": "JSON writes are Content-Type application/json (each endpoint's Media Type; table lines 273-274)",
  "json-body": "a JSON write carries a readable JSON object (the Body lines: sendMessage 82, update 162, reassign 176, escalate 203, data 54, auth)",
  "string-fields": "fields printed as strings are JSON strings (bodies at lines 54, 82, 162, 176, 203)",
  "required-fields": "the fields a body prints are required and not blank (same lines)",
  "team-member-object": "reassign's teamMember is an object with an id (line 176)",
  "paging-integers": "start and count are non-negative integers, count at least 1 (?start=0&count=1, lines 50, 64, 92, 105, 118)",
  "multipart-upload": "graph/tickets/files takes the file as multipart/form-data (lines 252, 265)",
  "date-format": "startDate/endDate are yyyy-MM-dd (table lines 283-288)",
  "live-chat-history": "conversation history by channel and socialId is for live chat only (line 10)",
  "assignment-status": "graph/tickets/assignment takes a status (line 92)",
  "boolean-params": "isToday is true or false (line 92)",
  "sort-order": "sort is asc or desc (line 92)",
  "auth-credentials": "POST graph/auth needs username and password (vendor-notes 4.1)",
} as const;

export type RuleId = keyof typeof RULES;

/** GUESS rules (the document is silent; readings.ts): count ceiling and the upload part name. */
export const GUESSED_RULES = {
  "count-ceiling": `count is at most ${MAX_COUNT}`,
  "upload-part": `the multipart part is named "${UPLOAD_PART}"`,
} as const;

const contentType = (req: SimRequest) => String(req.headers["content-type"] ?? "application/octet-stream").split(";")[0]!.trim();

/** The bearer token of the request, or the 401 to answer (rules bearer-required, bearer-scheme). */
export function bearerToken(req: SimRequest): string | Answer {
  const header = req.headers.authorization;
  const m = typeof header === "string" ? /^Bearer +(\S+)\s*$/i.exec(header) : null;
  // Spring's bearer extractor ignores any other Authorization value: no credential at all.
  if (!m) return unauthorized("unauthorized", "Full authentication is required to access this resource");
  return m[1]!;
}

/** A JSON write: content type, then a readable object (rules json-content-type, json-body). */
export function jsonObject(req: SimRequest): Rec | Answer {
  if (!isJsonRequest(req)) return springError(415, `Content type '${contentType(req)}' not supported`, req.path);
  if (req.rawBody.trim() === "") return springError(400, "Required request body is missing", req.path);
  if (req.badJson) return springError(400, "JSON parse error: Unexpected character in the request body", req.path);
  if (!req.body || typeof req.body !== "object" || Array.isArray(req.body)) {
    const what = Array.isArray(req.body) ? "Array" : typeof req.body === "string" ? "String" : "scalar";
    return springError(400, `JSON parse error: Cannot deserialize an object from ${what} value`, req.path);
  }
  return req.body as Rec;
}

const JSON_TYPE: Record<string, string> = { number: "Number", boolean: "Boolean", object: "Object" };

/** Documented string fields: a present one of another type is refused, a missing or blank one too (rules string-fields, required-fields). */
export function requiredStrings(body: Rec, fields: readonly string[], path: string): Answer | null {
  for (const f of fields) {
    const v = body[f];
    if (v !== undefined && v !== null && typeof v !== "string") {
      const type = Array.isArray(v) ? "Array" : (JSON_TYPE[typeof v] ?? typeof v);
      return springError(400, `JSON parse error: Cannot deserialize value of type \`java.lang.String\` from ${type} value (field "${f}")`, path);
    }
  }
  for (const f of fields) {
    const v = body[f];
    if (typeof v !== "string" || v.trim() === "") return springError(400, `${f} must not be blank`, path);
  }
  return null;
}

/** reassign/transferToAgent: `teamMember: {id}` (rule team-member-object). */
export function teamMemberId(body: Rec, path: string): string | Answer {
  const member = body["teamMember"];
  if (member !== undefined && member !== null && (typeof member !== "object" || Array.isArray(member))) {
    return springError(400, "JSON parse error: Cannot construct instance of `TeamMember`: teamMember must be an object", path);
  }
  const id = (member as Rec | null | undefined)?.["id"];
  if (id !== undefined && typeof id !== "string") return springError(400, 'JSON parse error: Cannot deserialize value of type `java.lang.String` (field "teamMember.id")', path);
  if (typeof id !== "string" || id.trim() === "") return springError(400, "teamMember.id must not be blank", path);
  return id;
}

/** start/count as documented (rule paging-integers; GUESS count-ceiling). */
export function paging(req: SimRequest, defaultCount: number): { start: number; count: number } | Answer {
  const values: Record<string, number> = {};
  for (const [name, fallback] of [["start", 0], ["count", defaultCount]] as const) {
    const raw = req.query.get(name);
    if (raw === null) {
      values[name] = fallback;
      continue;
    }
    if (!/^\d{1,9}$/.test(raw)) {
      return springError(400, `Failed to convert value of type 'java.lang.String' to required type 'int'; For input string: "${raw}" (parameter ${name})`, req.path);
    }
    values[name] = Number(raw);
  }
  const { start, count } = values as { start: number; count: number };
  if (count < 1) return springError(400, "count must be at least 1", req.path);
  if (count > MAX_COUNT) return springError(400, `count must not exceed ${MAX_COUNT}`, req.path);
  return { start, count };
}

/** The uploaded file (rule multipart-upload; GUESS upload-part). */
export function uploadedFile(req: SimRequest): UploadedFile | Answer {
  if (!isMultipartRequest(req)) return springError(400, "Current request is not a multipart request", req.path);
  const file = req.files[UPLOAD_PART]?.[0];
  if (!file) return springError(400, `Required request part '${UPLOAD_PART}' is not present`, req.path);
  return file;
}

/** An optional yyyy-MM-dd query value as epoch ms of that day in UTC+7, or the 400 (rule date-format). */
export function dayParam(req: SimRequest, name: string): number | null | Answer {
  const raw = req.query.get(name);
  if (raw === null || raw === "") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const ms = m ? Date.parse(`${raw}T00:00:00+07:00`) : NaN;
  if (!m || !Number.isFinite(ms) || new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10) !== raw) {
    return springError(400, `Failed to convert value of type 'java.lang.String' to required type 'java.util.Date'; ${name} "${raw}" is not yyyy-MM-dd`, req.path);
  }
  return ms;
}

/** An optional boolean query value (rule boolean-params). */
export function booleanParam(req: SimRequest, name: string, fallback: boolean): boolean | Answer {
  const raw = req.query.get(name);
  if (raw === null || raw === "") return fallback;
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === "true";
  return springError(400, `Failed to convert value of type 'java.lang.String' to required type 'boolean'; Invalid boolean value [${raw}]`, req.path);
}
