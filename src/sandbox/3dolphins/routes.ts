/**
 * The 3Dolphins routes, under /dolphin/apiv1/graph (vendor-docs/3dolphins-ticket-api.txt).
 * Where the doc is silent the simulator makes a choice, marked SIM-GUESS; these mirror the
 * provider's guesses in src/providers/3dolphins/guesses.ts:
 * - errors: HTTP 200 with `{status: "failed", message}` for domain failures (unknown ticket, closed
 *   ticket), HTTP 400 with the same envelope for malformed requests;
 * - paging: count defaults to 10 and may not exceed 100;
 * - the update/close, update/transfer bodies and the upload field name `file`.
 */
import { randomBytes } from "node:crypto";
import { Router, type SimReply, type SimRequest } from "../shared/server.js";
import { bubble } from "./seed.js";
import { dateText, prettyDate, startOfDay, STATUS_STYLE, zonedDateTime, type Rec, type SimUser, type ThreeDolphinsState } from "./model.js";

export const BASE = "/dolphin/apiv1";
const G = `${BASE}/graph`;
export const MAX_COUNT = 100;
const DEFAULT_COUNT = 10;
const ASSIGNMENT_STATUSES = ["unassigned", "assigned", "open", "pending", "closed"];

export interface SimAuth {
  /** The fixed sandbox token (belongs to `tokenUser`). */
  token: string;
  tokenUser: string;
  /** The password every sandbox user logs in with at graph/auth. */
  password: string;
  tokenTtlMs: number;
}

const envelope = (data: unknown, page?: { hasMore: boolean; nextIndex: number; prevIndex: number; totalResults: number }): Rec => ({
  status: "success",
  data,
  hasMore: page?.hasMore ?? false,
  nextIndex: page?.nextIndex ?? 0,
  prevIndex: page?.prevIndex ?? 0,
  totalResults: page?.totalResults ?? 0,
});

/** A failure to answer instead of a value (keeps handler code linear). */
class Reject {
  constructor(readonly reply: SimReply) {}
}

const ok = (data: unknown): SimReply => ({ status: 200, body: envelope(data) });

/** SIM-GUESS: the failure envelope (the doc shows only successes). */
const failed = (message: string, httpStatus = 200): SimReply => ({
  status: httpStatus,
  body: { status: "failed", message, data: null, hasMore: false, nextIndex: 0, prevIndex: 0, totalResults: 0 },
});

/** Spring Security OAuth2's answers for a missing, unknown or expired bearer token. */
function unauthorized(error: "unauthorized" | "invalid_token", description: string): SimReply {
  return {
    status: 401,
    headers: { "www-authenticate": `Bearer realm="oauth2-resource", error="${error}"` },
    body: { error, error_description: description },
  };
}

function springError(status: number, error: string, message: string, path: string): SimReply {
  return { status, body: { timestamp: new Date().toISOString(), status, error, message, path } };
}

export function threeDolphinsRoutes(state: ThreeDolphinsState, auth: SimAuth, origin: () => string, now: () => Date): Router {
  const router = new Router();
  const clock = () => now().getTime();
  const userById = (id: string) => state.users.find((u) => u.id === id);
  const ticketByNumber = (n: string) => state.tickets.find((t) => t["ticketNumber"] === n);
  const nextId = () => {
    state.serial++;
    return `${randomBytes(12).toString("hex")}${state.serial.toString(16).padStart(8, "0")}`;
  };

  /** The caller, from `Authorization: Bearer <token>` (or `?access_token=Bearer <token>` for file links). */
  function caller(req: SimRequest, allowQuery = false): { user: SimUser; token: string } | SimReply {
    const header = req.headers.authorization;
    let token: string | undefined;
    if (typeof header === "string" && /^bearer\s+\S/i.test(header)) token = header.replace(/^bearer\s+/i, "").trim();
    else if (allowQuery && req.query.get("access_token")) token = req.query.get("access_token")!.replace(/^bearer\s+/i, "").trim();
    if (!token) return unauthorized("unauthorized", "Full authentication is required to access this resource");
    if (token === auth.token) return { user: userById(auth.tokenUser)!, token };
    const issued = state.tokens.find((t) => t.token === token);
    if (!issued) return unauthorized("invalid_token", `Invalid access token: ${token}`);
    if (issued.expiresAtMs <= clock()) return unauthorized("invalid_token", `Access token expired: ${token}`);
    const user = userById(issued.userId);
    return user ? { user, token } : unauthorized("invalid_token", `Invalid access token: ${token}`);
  }

  type Ctx = { user: SimUser; token: string };
  const guarded =
    (handler: (req: SimRequest, who: Ctx) => SimReply | Promise<SimReply>, allowQuery = false) =>
    (req: SimRequest): SimReply | Promise<SimReply> => {
      const who = caller(req, allowQuery);
      if ("status" in who) return who;
      return handler(req, who);
    };

  function paging(req: SimRequest): { start: number; count: number } | SimReply {
    const rawStart = req.query.get("start") ?? "0";
    const rawCount = req.query.get("count") ?? String(DEFAULT_COUNT);
    if (!/^\d+$/.test(rawStart) || !/^\d+$/.test(rawCount)) return failed("start and count must be non-negative integers", 400);
    const start = Number(rawStart);
    const count = Number(rawCount);
    if (count < 1 || count > MAX_COUNT) return failed(`count must be between 1 and ${MAX_COUNT}`, 400);
    return { start, count };
  }

  function paged(req: SimRequest, items: Rec[]): SimReply {
    const pg = paging(req);
    if ("status" in pg) return pg;
    const slice = items.slice(pg.start, pg.start + pg.count);
    const hasMore = pg.start + pg.count < items.length;
    return {
      status: 200,
      body: envelope(slice, {
        hasMore,
        nextIndex: hasMore ? pg.start + pg.count : 0,
        prevIndex: Math.max(0, pg.start - pg.count),
        totalResults: items.length,
      }),
    };
  }

  /** The JSON object body of a write, or the 400 to answer. */
  function jsonBody(req: SimRequest): Rec | Reject {
    if (req.badJson) return new Reject(failed("Malformed JSON request", 400));
    if (!req.body || typeof req.body !== "object" || Array.isArray(req.body)) return new Reject(failed("Required request body is missing", 400));
    return req.body as Rec;
  }

  function requireStrings(body: Rec, fields: string[]): SimReply | null {
    for (const f of fields) {
      const v = body[f];
      if (typeof v !== "string" || !v.trim()) return failed(`${f} is required`, 400);
    }
    return null;
  }

  /** The ticket a write names, or the failure to answer. */
  function writableTicket(n: string, allowClosed = false): Rec | Reject {
    const t = ticketByNumber(n);
    if (!t) return new Reject(failed(`Ticket ${n} not found`));
    if (!allowClosed && t["status"] === "Closed") return new Reject(failed(`Ticket ${n} is already closed`));
    return t;
  }

  function touch(t: Rec, who: SimUser): number {
    const at = clock();
    t["modifiedDate"] = at;
    t["modifiedBy"] = who.id;
    t["dateTimeline"] = at;
    t["prettyDateTimeline"] = prettyDate(at);
    return at;
  }

  function setStatus(t: Rec, status: string): void {
    t["status"] = status;
    t["timelineStatus"] = status;
    t["statusStyle"] = STATUS_STYLE[status] ?? "";
  }

  // ------------------------------------------------------------ auth

  router.on("POST", `${G}/auth`, (req) => {
    if (req.badJson) return springError(400, "Bad Request", "JSON parse error", req.path);
    const body = (req.body ?? {}) as Rec;
    const username = typeof body["username"] === "string" ? body["username"] : "";
    const password = typeof body["password"] === "string" ? body["password"] : "";
    if (!username || !password) return springError(400, "Bad Request", "username and password are required", req.path);
    const user = state.users.find((u) => u.username === username);
    if (!user || password !== auth.password) return springError(401, "Unauthorized", "Bad credentials", req.path);
    const at = clock();
    state.tokens = state.tokens.filter((t) => t.expiresAtMs > at);
    const token = `sbx-3d-${randomBytes(16).toString("hex")}`;
    const expiresAtMs = at + auth.tokenTtlMs;
    state.tokens.push({ token, userId: user.id, expiresAtMs });
    return { status: 200, body: { token, expireAt: zonedDateTime(expiresAtMs) } };
  });

  // ------------------------------------------------------------ lists

  const byCreatedDesc = (a: Rec, b: Rec) => Number(b["createdDate"]) - Number(a["createdDate"]);

  router.on(
    "GET",
    `${G}/tickets`,
    guarded((req) => paged(req, [...state.tickets].sort(byCreatedDesc))),
  );

  router.on(
    "GET",
    `${G}/tickets/assignment`,
    guarded((req) => {
      const status = (req.query.get("status") ?? "").toLowerCase();
      if (!status) return failed("status is required", 400);
      if (!ASSIGNMENT_STATUSES.includes(status)) return failed(`Unknown status ${req.query.get("status")}`, 400);
      const sort = (req.query.get("sort") ?? "desc").toLowerCase();
      if (sort !== "asc" && sort !== "desc") return failed(`Unknown sort ${req.query.get("sort")}`, 400);
      const isToday = (req.query.get("isToday") ?? "false").toLowerCase() === "true";
      const dayStart = startOfDay(clock());
      const items = state.tickets
        .filter((t) => String(t["status"]).toLowerCase() === status)
        .filter((t) => !isToday || Number(t["createdDate"]) >= dayStart)
        .sort(byCreatedDesc);
      if (sort === "asc") items.reverse();
      return paged(req, items);
    }),
  );

  router.on(
    "GET",
    `${G}/tickets/priority`,
    guarded((req) => paged(req, state.tickets.filter((t) => t["priority"] === true).sort(byCreatedDesc))),
  );

  router.on(
    "GET",
    `${G}/tickets/queue/:accountId`,
    guarded((req) => ok(state.tickets.filter((t) => t["accountId"] === req.params["accountId"] && t["status"] === "Unassigned").length)),
  );

  // ------------------------------------------------------------ conversations

  router.on(
    "GET",
    `${G}/tickets/conversations/:ticketNumber`,
    guarded((req) => {
      const n = req.params["ticketNumber"]!;
      if (!ticketByNumber(n)) return failed(`Ticket ${n} not found`);
      return paged(req, state.conversations[n] ?? []);
    }),
  );

  router.on(
    "GET",
    `${G}/tickets/data/:ticketNumber/:fieldName/:keyword`,
    guarded((req) => {
      const { ticketNumber: n, fieldName, keyword } = req.params as { ticketNumber: string; fieldName: string; keyword: string };
      const t = ticketByNumber(n);
      if (!t) return failed(`Ticket ${n} not found`);
      const records = [t, ...(state.conversations[n] ?? [])];
      return ok(records.filter((r) => String(r[fieldName] ?? "").toLowerCase().includes(keyword.toLowerCase())));
    }),
  );

  // ------------------------------------------------------------ writes

  router.on(
    "POST",
    `${G}/tickets/sendMessage`,
    guarded((req, who) => {
      const b = jsonBody(req);
      if (b instanceof Reject) return b.reply;
      const missing = requireStrings(b, ["ticketNumber", "channelType", "replyAgent", "message"]);
      if (missing) return missing;
      const ticket = writableTicket(String(b["ticketNumber"]));
      if (ticket instanceof Reject) return ticket.reply;
      if (b["channelType"] !== ticket["channelType"]) {
        return failed(`channelType ${String(b["channelType"])} does not match ticket ${String(ticket["ticketNumber"])} (${String(ticket["channelType"])})`);
      }
      const agentId = String(b["replyAgent"]);
      const agent = agentId === "Bot" ? undefined : userById(agentId);
      if (agentId !== "Bot" && !agent) return failed(`Agent ${agentId} not found`);
      const at = touch(ticket, who.user);
      const rec = bubble(ticket, {
        id: nextId(),
        messageId: nextId(),
        at,
        answer: true,
        message: String(b["message"]),
        replyAgent: agentId,
        agentName: agent?.name,
        createdBy: who.user.id,
        systemId: state.systemId,
      });
      (state.conversations[String(ticket["ticketNumber"])] ??= []).push(rec);
      ticket["lastMessage"] = rec["message"];
      ticket["ticketAnswer"] = true;
      return ok(rec);
    }),
  );

  /** update/* handlers share: JSON body, required strings, an existing (open) ticket. */
  const update = (fields: string[], apply: (t: Rec, body: Rec, who: Ctx) => SimReply | null, allowClosed = false) =>
    guarded((req, who) => {
      const b = jsonBody(req);
      if (b instanceof Reject) return b.reply;
      const missing = requireStrings(b, fields);
      if (missing) return missing;
      const t = writableTicket(String(b["ticketNumber"]), allowClosed);
      if (t instanceof Reject) return t.reply;
      return apply(t, b, who) ?? ok(t);
    });

  router.on(
    "PUT",
    `${G}/tickets/update/reassign`,
    guarded((req, who) => {
      const b = jsonBody(req);
      if (b instanceof Reject) return b.reply;
      const member = b["teamMember"];
      const memberId = member && typeof member === "object" ? (member as Rec)["id"] : undefined;
      if (typeof b["ticketNumber"] !== "string" || !b["ticketNumber"]) return failed("ticketNumber is required", 400);
      if (typeof memberId !== "string" || !memberId) return failed("teamMember.id is required", 400);
      const ticket = writableTicket(b["ticketNumber"]);
      if (ticket instanceof Reject) return ticket.reply;
      const agent = userById(memberId);
      if (!agent) return failed(`Agent ${memberId} not found`);
      const at = touch(ticket, who.user);
      Object.assign(ticket, {
        assignedAgent: agent.id,
        agentName: agent.name,
        assignedDate: at,
        assignedDateText: dateText(at),
        reassigned: true,
        reassignedText: "true",
      });
      setStatus(ticket, "Assigned");
      return ok(ticket);
    }),
  );

  // SIM-GUESS body: {ticketNumber, toGroup}.
  router.on(
    "PUT",
    `${G}/tickets/update/transfer`,
    update(["ticketNumber", "toGroup"], (t, b, who) => {
      const group = state.groups.find((g) => g.id === b["toGroup"]);
      if (!group) return failed(`Group ${String(b["toGroup"])} not found`);
      const at = touch(t, who.user);
      t["transferedFrom"] = t["assignedAgent"] ?? "Bot";
      t["transferedDate"] = at;
      t["transferedDateText"] = dateText(at);
      t["toGroup"] = group.id;
      t["group"] = group.id;
      t["unassignedDate"] = at;
      t["unassignedDateText"] = dateText(at);
      delete t["assignedAgent"];
      delete t["agentName"];
      setStatus(t, "Unassigned");
      return null;
    }),
  );

  // INFERRED from the doc's sample answer: the ticket goes to the supervisor (assignedAgent = escalatedTo).
  router.on(
    "PUT",
    `${G}/tickets/update/escalate`,
    update(["ticketNumber", "supervisorId"], (t, b, who) => {
      const sup = userById(String(b["supervisorId"]));
      if (!sup || sup.role !== "supervisor") return failed(`Supervisor ${String(b["supervisorId"])} not found`);
      const at = touch(t, who.user);
      Object.assign(t, {
        escalated: true,
        escalatedDate: at,
        escalatedFrom: t["assignedAgent"] ?? who.user.id,
        escalatedTo: sup.id,
        supervisor: sup.id,
        assignedAgent: sup.id,
        agentName: sup.name,
        assignedDate: at,
        assignedDateText: dateText(at),
      });
      setStatus(t, "Assigned");
      return null;
    }),
  );

  // SIM-GUESS body: {ticketNumber, closureType?, remark?}. Closing a closed ticket answers it unchanged.
  router.on(
    "PUT",
    `${G}/tickets/update/close`,
    update(
      ["ticketNumber"],
      (t, b, who) => {
        if (t["status"] === "Closed") return null;
        const at = touch(t, who.user);
        Object.assign(t, {
          closedDate: at,
          closedDateText: dateText(at),
          closedBy: who.user.id,
          closureType: typeof b["closureType"] === "string" && b["closureType"] ? b["closureType"] : "Resolved",
          remark: typeof b["remark"] === "string" ? b["remark"] : "",
          closeInterval: Math.round((at - Number(t["createdDate"])) / 1000),
        });
        setStatus(t, "Closed");
        return null;
      },
      true,
    ),
  );

  // ------------------------------------------------------------ files

  const upload = guarded((req, who) => {
    const file = req.files["file"]?.[0];
    if (!file) return failed("Required request part 'file' is not present", 400);
    const id = nextId();
    state.files.push({
      id,
      name: file.filename || "file",
      type: file.type || "application/octet-stream",
      size: file.size,
      contentBase64: file.content.toString("base64"),
      uploadedBy: who.user.id,
      uploadedAt: clock(),
    });
    // As the doc shows: the link comes back with the caller's token appended.
    return ok(`${origin()}${G}/tickets/files/${id}/${encodeURIComponent(file.filename || "file")}?access_token=Bearer ${who.token}`);
  });
  router.on("POST", `${G}/tickets/files`, upload);
  router.on("POST", `${G}/tickets/files/media`, upload);

  router.on(
    "GET",
    `${G}/tickets/files/:fileId/:name`,
    guarded((req) => {
      const f = state.files.find((x) => x.id === req.params["fileId"]);
      if (!f) return failed(`File ${req.params["fileId"]} not found`, 404);
      return { status: 200, headers: { "content-type": f.type }, body: Buffer.from(f.contentBase64, "base64").toString("utf8") };
    }, true),
  );

  // ------------------------------------------------------------ single ticket (after the fixed paths)

  const showTicket = guarded((req) => {
    const n = req.params["ticketNumber"]!;
    const t = ticketByNumber(n);
    return t ? ok(t) : failed(`Ticket ${n} not found`);
  });
  router.on("GET", `${G}/tickets/data/:ticketNumber`, showTicket);
  router.on("GET", `${G}/tickets/:ticketNumber`, showTicket);

  return router;
}
