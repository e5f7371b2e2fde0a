/**
 * 3Dolphins writes (vendor-docs/3dolphins-ticket-api.txt): sendMessage and the update/* family.
 * Bodies are checked as the document prints them (rules.ts); where it prints none, readings.ts
 * says what the simulator takes.
 */
import type { Router, SimRequest } from "../shared/server.js";
import { G, type Caller, type SimContext } from "./context.js";
import { dateText, type Rec } from "./model.js";
import { CLOSE_FIELDS, CLOSED_IS_FINAL, TRANSFER_FIELDS } from "./readings.js";
import { isAnswer, ok, type Answer } from "./replies.js";
import { jsonObject, requiredStrings, teamMemberId } from "./rules.js";
import { bubble } from "./seed.js";

export function registerWrites(router: Router, c: SimContext): void {
  const { state, reading, guarded } = c;

  /** The answer of an update/*: the updated ticket (the samples), or nothing in the "bare" reading. */
  const updated = (t: Rec): Answer => ok(reading.writeAnswers === "bare" ? null : t);

  /** The ticket a write names, or the refusal: unknown, or closed (readings.ts CLOSED_IS_FINAL). */
  function writable(req: SimRequest, n: string, allowClosed = false): Rec | Answer {
    const t = c.ticketByNumber(n);
    if (!t) return c.refuse(req, "not_found", `Ticket ${n} not found`);
    if (CLOSED_IS_FINAL && !allowClosed && t["status"] === "Closed") return c.refuse(req, "conflict", `Ticket ${n} is already closed`);
    return t;
  }

  /** A JSON update naming a ticket: body rules, then the ticket. */
  function target(req: SimRequest, fields: readonly string[], allowClosed = false): { body: Rec; t: Rec } | Answer {
    const body = jsonObject(req);
    if (isAnswer(body)) return body;
    const bad = requiredStrings(body, fields, req.path);
    if (bad) return bad;
    const t = writable(req, String(body["ticketNumber"]), allowClosed);
    return isAnswer(t) ? t : { body, t };
  }

  /** A body naming a ticket and a `teamMember` (reassign, transferToAgent): body rules, the ticket, the agent. */
  function memberTarget(req: SimRequest): { t: Rec; memberId: string } | Answer {
    const body = jsonObject(req);
    if (isAnswer(body)) return body;
    const bad = requiredStrings(body, ["ticketNumber"], req.path);
    if (bad) return bad;
    const memberId = teamMemberId(body, req.path);
    if (isAnswer(memberId)) return memberId;
    const t = writable(req, String(body["ticketNumber"]));
    if (isAnswer(t)) return t;
    if (!c.userById(memberId)) return c.refuse(req, "not_found", `Agent ${memberId} not found`);
    return { t, memberId };
  }

  function assignTo(t: Rec, agentId: string, who: Caller): void {
    const agent = c.userById(agentId)!;
    const at = c.touch(t, who.user);
    Object.assign(t, { assignedAgent: agent.id, agentName: agent.name, assignedDate: at, assignedDateText: dateText(at), reassigned: true, reassignedText: "true" });
  }

  // ------------------------------------------------------------ sendMessage (doc lines 73-86)

  router.on(
    "POST",
    `${G}/tickets/sendMessage`,
    guarded((req, who) => {
      const found = target(req, ["ticketNumber", "channelType", "replyAgent", "message"]);
      if (isAnswer(found)) return found;
      const { body, t } = found;
      if (String(body["channelType"]).toLowerCase() !== String(t["channelType"]).toLowerCase()) {
        return c.refuse(req, "conflict", `channelType ${String(body["channelType"])} does not match ticket ${String(t["ticketNumber"])} (${String(t["channelType"])})`);
      }
      // replyAgent is an agent id, or "Bot" (doc line 324).
      const agentId = String(body["replyAgent"]);
      const agent = agentId === "Bot" ? undefined : c.userById(agentId);
      if (agentId !== "Bot" && !agent) return c.refuse(req, "not_found", `Agent ${agentId} not found`);
      const at = c.touch(t, who.user);
      const rec = bubble(t, {
        id: c.nextId(),
        messageId: c.nextId(),
        at,
        answer: true,
        message: String(body["message"]),
        replyAgent: agentId,
        agentName: agent?.name,
        createdBy: who.user.id,
        systemId: state.systemId,
      });
      (state.conversations[String(t["ticketNumber"])] ??= []).push(rec);
      t["lastMessage"] = rec["message"];
      t["ticketAnswer"] = true;
      // The first answer by an agent (not the bot) sets responseTime, in seconds (doc lines 71-72, 86).
      if (agent && !(Number(t["responseTime"]) > 0)) t["responseTime"] = Math.max(1, Math.round((at - Number(t["createdDate"])) / 1000));
      return ok(reading.writeAnswers === "bare" ? rec : t);
    }),
  );

  // ------------------------------------------------------------ assignment (doc lines 168-220)

  router.on(
    "PUT",
    `${G}/tickets/update/reassign`,
    guarded((req, who) => {
      const found = memberTarget(req);
      if (isAnswer(found)) return found;
      assignTo(found.t, found.memberId, who);
      c.setStatus(found.t, "Assigned");
      return updated(found.t);
    }),
  );

  // GUESS body (readings.ts): reassign's shape; the sample answer puts the ticket back to Unassigned (line 220).
  router.on(
    "PUT",
    `${G}/tickets/update/transferToAgent`,
    guarded((req, who) => {
      const found = memberTarget(req);
      if (isAnswer(found)) return found;
      const { t, memberId } = found;
      const at = c.touch(t, who.user);
      Object.assign(t, { transferedFrom: t["assignedAgent"] ?? "Bot", transferedTo: memberId, transferedDate: at, transferedDateText: dateText(at), reassigned: true });
      c.setStatus(t, "Unassigned");
      return updated(t);
    }),
  );

  // GUESS body {ticketNumber, toGroup} (readings.ts TRANSFER_FIELDS).
  router.on(
    "PUT",
    `${G}/tickets/update/transfer`,
    guarded((req, who) => {
      const found = target(req, TRANSFER_FIELDS);
      if (isAnswer(found)) return found;
      const { body, t } = found;
      const group = state.groups.find((g) => g.id === body["toGroup"]);
      if (!group) return c.refuse(req, "not_found", `Group ${String(body["toGroup"])} not found`);
      const at = c.touch(t, who.user);
      Object.assign(t, {
        transferedFrom: t["assignedAgent"] ?? "Bot",
        transferedDate: at,
        transferedDateText: dateText(at),
        toGroup: group.id,
        group: group.id,
        unassignedDate: at,
        unassignedDateText: dateText(at),
      });
      delete t["assignedAgent"];
      delete t["agentName"];
      c.setStatus(t, "Unassigned");
      return updated(t);
    }),
  );

  // Body as printed (line 203, its missing quote fixed); INFERRED: the supervisor takes the ticket (readings.ts).
  router.on(
    "PUT",
    `${G}/tickets/update/escalate`,
    guarded((req, who) => {
      const found = target(req, ["ticketNumber", "supervisorId"]);
      if (isAnswer(found)) return found;
      const { body, t } = found;
      const sup = c.userById(String(body["supervisorId"]));
      if (!sup || sup.role !== "supervisor") return c.refuse(req, "not_found", `Supervisor ${String(body["supervisorId"])} not found`);
      const from = t["assignedAgent"] ?? who.user.id;
      assignTo(t, sup.id, who);
      Object.assign(t, { escalated: true, escalatedDate: t["modifiedDate"], escalatedFrom: from, escalatedTo: sup.id, supervisor: sup.id });
      c.setStatus(t, "Assigned");
      return updated(t);
    }),
  );

  // GUESS body {ticketNumber} (readings.ts CLOSE_FIELDS); other fields are ignored. Closing a closed ticket answers it unchanged.
  router.on(
    "PUT",
    `${G}/tickets/update/close`,
    guarded((req, who) => {
      const found = target(req, CLOSE_FIELDS, true);
      if (isAnswer(found)) return found;
      const { t } = found;
      if (t["status"] !== "Closed") {
        const at = c.touch(t, who.user);
        Object.assign(t, {
          closedDate: at,
          closedDateText: dateText(at),
          closedBy: who.user.id,
          closureType: "Resolved",
          remark: "",
          closeInterval: Math.round((at - Number(t["createdDate"])) / 1000),
        });
        c.setStatus(t, "Closed");
      }
      return updated(t);
    }),
  );

  // ------------------------------------------------------------ generic updates (doc lines 127-166)

  router.on(
    "PUT",
    `${G}/tickets/update`,
    guarded((req, who) => {
      const found = target(req, ["ticketNumber", "channelType", "replyAgent"], true);
      if (isAnswer(found)) return found;
      const { body, t } = found;
      const agentId = String(body["replyAgent"]);
      if (agentId !== "Bot" && !c.userById(agentId)) return c.refuse(req, "not_found", `Agent ${agentId} not found`);
      c.touch(t, who.user);
      t["replyAgent"] = agentId;
      return updated(t);
    }),
  );

  // No body printed: the ticket is in the path; the answers carry "partial": true (lines 138, 152).
  const partial = guarded((req, who) => {
    const n = req.params["ticketNumber"]!;
    const t = c.ticketByNumber(n);
    if (!t) return c.refuse(req, "not_found", `Ticket ${n} not found`);
    c.touch(t, who.user);
    return updated({ ...t, partial: true });
  });
  router.on("PUT", `${G}/tickets/update/id/:ticketNumber`, partial);
  router.on("PUT", `${G}/tickets/update/:ticketNumber`, partial);
}
