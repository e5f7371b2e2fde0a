/**
 * Comm100 ticket routes ([S1], vendor-docs/comm100-ticket-api.txt): list with nextPage, get with
 * include, create (201), full-update PUT, delete (204), and the colon verbs :merge, :read,
 * :unread and :recycle. Requests are checked by the rules in validate.ts.
 */
import type { Router, SimReply, SimRequest } from "../shared/server.js";
import { createdAnswer, fail, findTicket, guarded, isReply, jsonBody, newId, PREFIX, queryValue, referenceProblem, type RouteContext } from "./common.js";
import { addMessage, messageFromBody } from "./messages.js";
import type { WireTicket } from "./model.js";
import { messagesOf, present } from "./present.js";
import { PAGE_SIZE } from "./readings.js";
import { badInclude, LIST_QUERY, queryProblem, ticketProblem } from "./validate.js";

/** Fields a PUT sets ([S1] lines 433-454). */
const WRITABLE = [
  "subject",
  "originalConversationId",
  "assigneeId",
  "departmentAssigneeId",
  "channelId",
  "channelAccountId",
  "contactOrVisitorId",
  "createdById",
  "assigneeType",
  "contactOrVisitorType",
  "status",
  "priority",
  "createdByType",
  "isReadByAgent",
  "isInRecycleBin",
  "contactLanguage",
  "agentLanguage",
  "autoTranslationStatus",
  "tagIds",
] as const;

/** What an omitted field becomes under a full update (readings.putOmitted = "clear"). */
const CLEARED: Partial<Record<(typeof WRITABLE)[number], unknown>> = {
  tagIds: [],
  status: "new",
  priority: "normal",
  isReadByAgent: false,
  isInRecycleBin: false,
  autoTranslationStatus: false,
  contactLanguage: "",
  agentLanguage: "",
};

function includesOf(req: SimRequest): string[] | SimReply {
  const raw = queryValue(req, "include");
  if (!raw) return [];
  const parts = raw.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = badInclude(parts);
  return bad === undefined ? parts : fail(400, `The value '${bad}' is not valid for include.`);
}

/** pageIndex/pageSize (2020 draft, vendor-notes 2.3): positive integers, pageSize at most 50. */
function paging(req: SimRequest): { index: number; size: number } | SimReply {
  const index = Number(queryValue(req, "pageIndex") ?? "1");
  const size = Number(queryValue(req, "pageSize") ?? String(PAGE_SIZE.default));
  if (!Number.isInteger(index) || index < 1) return fail(400, "The value of pageIndex must be a positive integer.");
  if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE.max) return fail(400, `The value of pageSize must be between 1 and ${PAGE_SIZE.max}.`);
  return { index, size };
}

function listTickets(ctx: RouteContext, req: SimRequest): SimReply {
  const includes = includesOf(req);
  if (isReply(includes)) return includes;
  const page = paging(req);
  if (isReply(page)) return page;
  const q: Record<string, string> = {};
  for (const name of [...Object.keys(LIST_QUERY), "keywords"]) {
    const v = queryValue(req, name);
    if (v === null || v === "") continue;
    const problem = queryProblem(name, v);
    if (problem) return fail(400, problem);
    q[name] = v;
  }
  const { state } = ctx;
  const same = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();
  // Every page of one query walks the same rows: filtered and sorted once between two writes (indexes.ts).
  const rows = ctx.index.list(JSON.stringify(q), () => {
    let rows = state.tickets.filter((t) => !t.isInRecycleBin);
    if (q["tagid"]) rows = rows.filter((t) => t.tagIds.some((id) => same(id, q["tagid"]!)));
    if (q["contactOrVisitor"]) rows = rows.filter((t) => same(t.contactOrVisitorId, q["contactOrVisitor"]!));
    if (q["contactOrVisitorType"]) rows = rows.filter((t) => t.contactOrVisitorType === q["contactOrVisitorType"]);
    if (q["time"]) rows = rows.filter((t) => Date.parse(t.lastUpdatedTime) >= Date.parse(q["time"]!));
    if (q["lastRepliedTime"]) rows = rows.filter((t) => t.lastRepliedTime !== null && Date.parse(t.lastRepliedTime) >= Date.parse(q["lastRepliedTime"]!));
    const keywords = q["keywords"]?.toLowerCase();
    if (keywords) {
      rows = rows.filter((t) => t.subject.toLowerCase().includes(keywords) || messagesOf(ctx, t.id).some((m) => m.body.toLowerCase().includes(keywords)));
    }
    return rows.sort((a, b) => b.lastUpdatedTime.localeCompare(a.lastUpdatedTime) || b.id - a.id);
  });
  const total = rows.length;
  const tickets = rows.slice((page.index - 1) * page.size, page.index * page.size).map((t) => present(ctx, t, includes));
  if (ctx.readings.listForm === "array") return { status: 200, body: tickets };
  const link = (index: number) => {
    const params = new URLSearchParams(req.query);
    for (const key of [...params.keys()]) if (/^page(index|size)$/i.test(key)) params.delete(key);
    params.set("pageIndex", String(index));
    params.set("pageSize", String(page.size));
    const path = `${req.path}?${params.toString()}`;
    if (ctx.readings.nextPage === "root-relative") return path;
    if (ctx.readings.nextPage === "base-relative") return path.slice(`${PREFIX}/`.length);
    return `${ctx.origin()}${path}`;
  };
  return {
    status: 200,
    body: {
      tickets,
      nextPage: page.index * page.size < total ? link(page.index + 1) : null,
      previousPage: page.index > 1 ? link(page.index - 1) : null,
      total,
    },
  };
}

function createTicket(ctx: RouteContext, req: SimRequest): SimReply {
  const body = jsonBody(req);
  if (isReply(body)) return body;
  const problem = ticketProblem("create", body);
  if (problem) return fail(400, problem);
  const refused = referenceProblem(ctx, body);
  if (refused) return refused;
  const { state } = ctx;
  const id = state.nextTicketId++;
  const at = ctx.now().toISOString();
  const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : null);
  const t: WireTicket = {
    id,
    subject: String(body["subject"]),
    originalConversationId: str("originalConversationId"),
    assigneeId: str("assigneeId"),
    departmentAssigneeId: str("departmentAssigneeId"),
    channelId: String(body["channelId"]),
    channelAccountId: str("channelAccountId"),
    lastMessageId: null,
    lastMessageChannelId: null,
    lastMessageChannelAccountId: null,
    contactOrVisitorId: String(body["contactOrVisitorId"]),
    createdById: str("createdById"),
    lastRepliedById: null,
    resolvedById: null,
    assigneeType: str("assigneeType") ?? (body["assigneeId"] ? "agent" : null),
    contactOrVisitorType: str("contactOrVisitorType") ?? "contact",
    status: str("status") ?? "new",
    priority: str("priority") ?? "normal",
    createdByType: str("createdByType") ?? "agent",
    lastRepliedByType: null,
    resolvedByType: null,
    isReadByAgent: false,
    isReadByContact: false,
    ifHasDraft: false,
    mergedToTargetId: null,
    totalReplies: 0,
    createdTime: at,
    lastUpdatedTime: at,
    lastRepliedTime: null,
    lastStatusChangedTime: at,
    resolvedTime: null,
    isInRecycleBin: false,
    reopenedTime: null,
    contactLanguage: str("contactLanguage") ?? "",
    agentLanguage: str("agentLanguage") ?? "",
    autoTranslationStatus: body["autoTranslationStatus"] === true,
    responseTimeSpan: 0,
    replyingAgent: "noReply",
    responseCount: 0,
    resolvedTimeSpan: 0,
    firstResponseTimeSpan: 0,
    tagIds: (body["tagIds"] as string[] | null | undefined) ?? [],
  };
  state.tickets.push(t);
  for (const m of (body["messages"] as Record<string, unknown>[] | null | undefined) ?? []) addMessage(ctx, t, messageFromBody(t, m, state));
  state.eventLogs.push({ id: newId(state), ticketId: id, time: at, operatorId: t.createdById, operatorType: t.createdByType ?? "agent", type: "created", description: "Ticket created" });
  return createdAnswer(ctx, present(ctx, t, []));
}

function updateTicket(ctx: RouteContext, req: SimRequest): SimReply {
  const body = jsonBody(req);
  if (isReply(body)) return body;
  const problem = ticketProblem("update", body);
  if (problem) return fail(400, problem);
  const t = findTicket(ctx, req.params["id"]!);
  if (isReply(t)) return t;
  const refused = referenceProblem(ctx, body);
  if (refused) return refused;
  const before = { ...t };
  const target = t as unknown as Record<string, unknown>;
  for (const field of WRITABLE) {
    const v = body[field];
    if (v !== undefined) target[field] = v;
    else if (ctx.readings.putOmitted === "clear") target[field] = CLEARED[field] ?? null;
  }
  const at = ctx.now().toISOString();
  const log = (type: string, description: string) =>
    ctx.state.eventLogs.push({ id: newId(ctx.state), ticketId: t.id, time: at, operatorId: null, operatorType: "agent", type, description });
  t.lastUpdatedTime = at;
  if (before.status !== t.status) {
    t.lastStatusChangedTime = at;
    if (t.status === "resolved") {
      t.resolvedTime = at;
      t.resolvedByType = "agent";
    } else if (before.status === "resolved") {
      t.reopenedTime = at;
    }
    log("statusChanged", `Status changed from ${before.status} to ${t.status}`);
  }
  if (before.assigneeId !== t.assigneeId) log("assigned", `Assigned to ${ctx.state.agents.find((a) => a.id === t.assigneeId)?.name ?? "nobody"}`);
  if (before.priority !== t.priority) log("priorityChanged", `Priority changed from ${before.priority} to ${t.priority}`);
  return { status: 200, body: present(ctx, t, []) };
}

function mergeTickets(ctx: RouteContext, req: SimRequest): SimReply {
  const body = jsonBody(req);
  if (isReply(body)) return body;
  const target = findTicket(ctx, req.params["id"]!);
  if (isReply(target)) return target;
  // [S1] line 282 types sourceId integer and marks it required; its sample (line 295) sends "9527". Both are taken.
  const raw = body["sourceId"];
  if (raw === undefined || raw === null) return fail(400, "The sourceId field is required.");
  if (!((typeof raw === "number" && Number.isSafeInteger(raw)) || (typeof raw === "string" && /^\d+$/.test(raw)))) {
    return fail(400, "The value of sourceId is not a valid integer.");
  }
  const source = findTicket(ctx, String(raw));
  if (isReply(source)) return source;
  if (source.id === target.id) return fail(400, "A ticket cannot be merged into itself.");
  if (source.mergedToTargetId !== null) return fail(400, `Ticket ${source.id} has already been merged.`);
  const { state } = ctx;
  const at = ctx.now().toISOString();
  for (const m of state.messages) if (m.ticketId === source.id) m.ticketId = target.id;
  for (const n of state.notes) if (n.ticketId === source.id) n.ticketId = target.id;
  source.mergedToTargetId = target.id;
  source.isInRecycleBin = true;
  source.lastUpdatedTime = at;
  // Messages and notes moved to the target in place: the groups by ticket are rebuilt.
  ctx.index.regroup();
  target.totalReplies = ctx.index.messagesOf(target.id).length;
  target.lastUpdatedTime = at;
  state.eventLogs.push({ id: newId(state), ticketId: target.id, time: at, operatorId: null, operatorType: "agent", type: "merged", description: `Ticket ${source.id} merged into this ticket` });
  // "No Content" says line 285; the sample answers "HTTP/1.1 200 OK" with no body (line 299).
  return { status: 200 };
}

export function ticketRoutes(r: Router, ctx: RouteContext): void {
  const on = (method: string, path: string, h: (req: SimRequest) => SimReply) => r.on(method, `${PREFIX}/ticketing/${path}`, guarded(ctx, h));
  on("GET", "tickets", (req) => listTickets(ctx, req));
  on("GET", "tickets/:id", (req) => {
    const includes = includesOf(req);
    if (isReply(includes)) return includes;
    const t = findTicket(ctx, req.params["id"]!);
    return isReply(t) ? t : { status: 200, body: present(ctx, t, includes) };
  });
  on("POST", "tickets", (req) => createTicket(ctx, req));
  on("PUT", "tickets/:id", (req) => updateTicket(ctx, req));
  on("DELETE", "tickets/:id", (req) => {
    const t = findTicket(ctx, req.params["id"]!);
    if (isReply(t)) return t;
    ctx.state.tickets = ctx.state.tickets.filter((x) => x.id !== t.id);
    return { status: 204 };
  });
  on("POST", "tickets/:id\\:merge", (req) => mergeTickets(ctx, req));
  const flag = (verb: string, apply: (t: WireTicket) => void, answer: boolean) =>
    on("POST", `tickets/:id\\:${verb}`, (req) => {
      const t = findTicket(ctx, req.params["id"]!);
      if (isReply(t)) return t;
      apply(t);
      return answer ? { status: 200, body: present(ctx, t, []) } : { status: 200 };
    });
  flag("read", (t) => (t.isReadByAgent = true), true);
  flag("unread", (t) => (t.isReadByAgent = false), true);
  // "No Content" (line 394), answered "HTTP/1.1 200 OK" (line 407).
  flag("recycle", (t) => (t.isInRecycleBin = true), false);
}
