/**
 * save_ticket_reply as a read-modify-write (DESIGN.md section 2). Its required fields are the
 * ticket's title, description, status and priority (doc lines 2601-2618), so every write echoes
 * the ticket as read, changed only where asked. The receiving agent and group are echoed too
 * (ECHO_ASSIGNMENT_AND_FIELDS): when the ticket carries only their names (the doc's own example,
 * lines 3515-3537) they are resolved through get_data_dict, and a name that cannot be resolved
 * stops the write before anything is sent rather than dropping the assignee.
 */
import { CliError, OperationError } from "../../errors.js";
import type { Current, SobotCore } from "./core.js";
import { lookupRefused, type Kind, type Named } from "./directory.js";
import { ECHO_ASSIGNMENT_AND_FIELDS, STALE_READ_CODE, STATE_ONLY_REPLY_TYPE } from "./guesses.js";
import { toEpoch } from "./time.js";

/** One half of the assignment: undefined keeps it as read, null leaves it out, a Named sets it. */
export type Half = Named | null | undefined;

export interface ReplyChange {
  /** reply_type: "0" visible to all, "1" agents only (line 2607). Default: STATE_ONLY_REPLY_TYPE. */
  replyType?: "0" | "1";
  content?: string;
  /** Uploaded file URLs (reply_file_str, ";"-separated, line 2616). */
  files?: string[];
  status?: string;
  level?: string;
  agent?: Half;
  group?: Half;
}

const FIELDS: Record<Kind, { id: "deal_agentid" | "deal_groupid"; name: "deal_agent_name" | "deal_group_name" }> = {
  agent: { id: "deal_agentid", name: "deal_agent_name" },
  group: { id: "deal_groupid", name: "deal_group_name" },
};

export function createReplyWriter(core: SobotCore) {
  /** The receiving agent or group as read, with its id even when the ticket gave only the name. */
  const current = async (cur: Current, kind: Kind, ticketRef: string): Promise<Named | null> => {
    const id = cur.wire[FIELDS[kind].id]?.trim() || null;
    const name = cur.wire[FIELDS[kind].name]?.trim() || null;
    if (id) return { id, name };
    if (!name) return null;
    let found: Named[];
    try {
      found = await core.directory.find(kind, name);
    } catch (err) {
      if (!lookupRefused(err)) throw err;
      found = [];
    }
    if (found.length === 1) return { id: found[0]!.id, name };
    throw new OperationError(
      `Sobot's ticket ${ticketRef} is assigned to the ${kind} "${name}" without its id, and get_data_dict lists ${found.length === 0 ? "no" : "several"} ${kind}s of that name: ` +
        `the write would drop that ${kind}, so nothing was sent`,
      { vendor: "sobot", hint: `Set the ${kind} explicitly first: ticket assign ${ticketRef} ${kind === "agent" ? "--to" : "--team"} <id>` },
    );
  };

  const body = async (cur: Current, change: ReplyChange, ticketRef: string): Promise<Record<string, unknown>> => {
    const w = cur.wire;
    const agent = core.actingAgent();
    const updatedAt = toEpoch(w.update_datetime_ms, w.update_datetime, core.timeZone);
    const out: Record<string, unknown> = {
      ticketid: w.ticketid,
      ticket_title: w.ticket_title ?? "",
      ticket_content: w.ticket_content ?? "",
      // Our read time, never before the version we read (client clock behind Sobot's).
      get_ticket_datetime_ms: Math.max(cur.readAt, updatedAt),
      reply_type: change.replyType ?? STATE_ONLY_REPLY_TYPE,
      reply_agentid: agent.id,
      reply_agent_name: agent.name,
      ticket_status: change.status ?? w.ticket_status ?? "",
      ticket_level: change.level ?? w.ticket_level ?? "",
    };
    if (change.content !== undefined) out.reply_content = change.content;
    if (change.files && change.files.length > 0) out.reply_file_str = change.files.join(";");
    for (const kind of ["group", "agent"] as const) {
      const asked = change[kind];
      const who = asked === undefined ? (ECHO_ASSIGNMENT_AND_FIELDS ? await current(cur, kind, ticketRef) : null) : asked;
      if (!who) continue;
      out[FIELDS[kind].id] = who.id;
      if (who.name) out[FIELDS[kind].name] = who.name;
    }
    if (ECHO_ASSIGNMENT_AND_FIELDS) {
      const fields = (w.extend_fields_list ?? []).filter((f) => f.fieldid);
      if (fields.length > 0) out.extend_fields = fields.map((f) => ({ fieldid: f.fieldid, field_value: f.field_value ?? "" }));
    }
    return out;
  };

  /**
   * Sends one save_ticket_reply built from the ticket as read. When Sobot answers 400016 (the
   * ticket changed since we read it: "please refresh", line 4942), the write was refused, so it
   * reads the ticket again and sends once more.
   */
  const save = async (id: string, ticketRef: string, action: string, change: ReplyChange, first?: Current): Promise<Current> => {
    let cur = first ?? (await core.fetchCurrent(id, ticketRef));
    for (let attempt = 0; ; attempt++) {
      const payload = await body(cur, change, ticketRef);
      try {
        await core.api().postJson("save_ticket_reply", payload, { action, subject: `ticket ${ticketRef}` });
        return cur;
      } catch (err) {
        if (attempt > 0 || !(err instanceof CliError) || err.vendorCode !== STALE_READ_CODE) throw err;
        cur = await core.fetchCurrent(id, ticketRef);
      }
    }
  };

  return { body, save };
}
