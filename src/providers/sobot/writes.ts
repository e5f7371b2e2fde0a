/**
 * Sobot writes on an existing ticket. reply, assign, close and upload are one save_ticket_reply
 * each (rmw.ts); escalate is the CLI's convention: priority raised to urgent, then a reminder.
 * Anything meaning an internal note is sent with reply_type "1" (agents only, doc line 2607).
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { NotFoundError, UsageError } from "../../errors.js";
import type { Status } from "../../model/enums.js";
import type { Attachment, Message, Ticket, TicketDetail } from "../../model/types.js";
import type { AssignInput, CloseInput, EscalateInput, LocalFile, ReplyInput, UploadInput } from "../types.js";
import type { SobotCore } from "./core.js";
import type { Named } from "./directory.js";
import { mustPropagate } from "./errors.js";
import { ASSIGN_OMITS_OTHER_HALF, DEFAULT_ESCALATION_REMARK } from "./guesses.js";
import { sameText } from "./html.js";
import { mapFile, mapReply, PRIORITY_TO_LEVEL, toPriority } from "./map.js";
import { createReplyWriter } from "./rmw.js";
import { parseAt, UploadedSchema } from "./schema.js";
import { toEpoch } from "./time.js";

/** The Ticket part of a detail (write verbs print the ticket, not its conversation). */
export function toTicket(d: TicketDetail): Ticket {
  const { messages: _m, attachments: _a, history: _h, customFields: _c, satisfaction: _s, ...ticket } = d;
  return ticket;
}

export function createWrites(core: SobotCore, show: (id: string) => Promise<TicketDetail>) {
  const writer = createReplyWriter(core);
  const reread = async (id: string): Promise<Ticket> => toTicket(await show(id));

  /** upload_file (multipart: file, file_num_key; doc lines 2726-2778), one file_num_key per batch. */
  const uploadFiles = async (files: LocalFile[]): Promise<Attachment[]> => {
    const fileNumKey = randomUUID();
    const out: Attachment[] = [];
    for (const f of files) {
      const form = new FormData();
      form.append("file", new Blob([await readFile(f.path)]), f.name);
      form.append("file_num_key", fileNumKey);
      const env = await core.api().postForm("upload_file", form, { action: `upload ${f.name}` });
      const { file_url } = parseAt(UploadedSchema, env.item, "item");
      out.push({ ...mapFile({ file_name: f.name, file_url, file_type: null }), name: f.name, size: f.size });
    }
    return out;
  };

  const reply = async (ref: string, input: ReplyInput): Promise<Message> => {
    const files = input.attachments ?? [];
    const text = input.body ?? "";
    if (!text.trim() && files.length === 0) throw new UsageError("a reply needs a body", { vendor: "sobot" });
    const agent = core.actingAgent();
    const id = await core.refs.idOf(ref);
    const cur = await core.fetchCurrent(id, ref);
    const uploaded = files.length > 0 ? await uploadFiles(files) : [];
    const replyType = input.internal ? "1" : "0";
    const sentAt = core.ctx.now().getTime();
    const action = input.internal ? `add an internal note to ticket ${ref}` : `reply to ticket ${ref}`;
    await writer.save(id, ref, action, { replyType, ...(text.trim() ? { content: text } : {}), files: uploaded.map((a) => a.url!) }, cur);
    const sent: Message = {
      id: `${id}:reply:${sentAt}`,
      author: { type: "agent", id: agent.id, name: agent.name },
      body: text,
      internal: input.internal,
      createdAt: new Date(sentAt).toISOString(),
      attachments: uploaded,
    };
    // save_ticket_reply returns no reply id: read the ticket back for the stored reply (HTML: compared as text).
    try {
      const replies = (await core.fetchCurrent(id, ref)).wire.deal_list ?? [];
      const urls = new Set(uploaded.map((a) => a.url));
      let best: { index: number; at: number } | undefined;
      replies.forEach((r, index) => {
        if ((r.reply_type ?? "0") !== replyType) return;
        const matches = text.trim() ? sameText(text, r.reply_content ?? "") : (r.file_list ?? []).some((f) => urls.has(f.file_url));
        if (!matches) return;
        const at = toEpoch(r.reply_datetime_ms, r.reply_datetime, core.timeZone);
        if (!best || at > best.at) best = { index, at };
      });
      if (best) return mapReply(replies[best.index]!, id, best.index, core.timeZone);
    } catch (err) {
      if (mustPropagate(err)) throw err;
      core.ctx.warn(`the reply was sent, but reading ticket ${ref} back failed (${(err as Error).message})`);
    }
    return sent;
  };

  /** One half of an assignment the user did not ask for: left out (ASSIGN_OMITS_OTHER_HALF) or kept. */
  const other = (asked: Named | undefined, counterpart: Named | undefined) => asked ?? (counterpart && ASSIGN_OMITS_OTHER_HALF ? null : undefined);

  const assign = async (ref: string, input: AssignInput): Promise<Ticket> => {
    if (!input.assignee && !input.team) throw new UsageError("assign needs an agent (--to) or a group (--team)", { vendor: "sobot" });
    const agent = input.assignee ? await core.directory.resolve("agent", input.assignee) : undefined;
    const group = input.team ? await core.directory.resolve("group", input.team) : undefined;
    const id = await core.refs.idOf(ref);
    await writer.save(id, ref, `assign ticket ${ref}`, { agent: other(agent, group), group: other(group, agent) });
    return reread(id);
  };

  /** escalate --to: an agent, else a group, by id or name; neither is NotFoundError listing both. */
  const escalationTarget = async (to: string): Promise<{ agent?: Named; group?: Named }> => {
    const agents = await core.directory.find("agent", to);
    if (agents.length > 0) return { agent: await core.directory.resolve("agent", to) };
    const groups = await core.directory.find("group", to);
    if (groups.length > 0) return { group: await core.directory.resolve("group", to) };
    const names = async (kind: "agent" | "group") => (await core.directory.list(kind)).slice(0, 8).map((x) => `${x.id} (${x.name ?? "?"})`).join(", ");
    throw new NotFoundError(`Sobot has no agent or group "${to.trim()}"; agents: ${await names("agent")}; groups: ${await names("group")}`, { vendor: "sobot" });
  };

  const escalate = async (ref: string, input: EscalateInput): Promise<Ticket> => {
    const agent = core.actingAgent();
    const target = input.to ? await escalationTarget(input.to) : {};
    const id = await core.refs.idOf(ref);
    const cur = await core.fetchCurrent(id, ref);
    if (toPriority(cur.wire.ticket_level) !== "urgent" || target.agent || target.group) {
      const change = target.agent || target.group ? { agent: other(target.agent, target.group), group: other(target.group, target.agent) } : {};
      await writer.save(id, ref, `escalate ticket ${ref}`, { level: PRIORITY_TO_LEVEL.urgent, ...change }, cur);
    }
    // Ticket Reminder (doc lines 2787-2836): urges the handler; the remark is for agents.
    await core.api().postJson(
      "reminder",
      { ticketid: id, reminder_agentid: agent.id, reminder_remark: input.reason?.trim() || DEFAULT_ESCALATION_REMARK },
      { action: `send a reminder for ticket ${ref}`, subject: `ticket ${ref}` },
    );
    return reread(id);
  };

  const close = async (ref: string, input: CloseInput): Promise<Ticket> => {
    const table = await core.directory.statuses();
    const target: Status = input.resolve ? "resolved" : "closed";
    const code = table.codeFor(target) ?? (input.resolve ? "3" : "99");
    const id = await core.refs.idOf(ref);
    // --comment is an internal note (the CLI's help): reply_type "1", never "0" (visible to all).
    const comment = input.comment?.trim() ? { replyType: "1" as const, content: input.comment } : {};
    await writer.save(id, ref, `${input.resolve ? "resolve" : "close"} ticket ${ref}`, { status: code, ...comment });
    return reread(id);
  };

  const upload = async (ref: string, files: LocalFile[], input: UploadInput): Promise<Attachment[]> => {
    if (files.length === 0) throw new UsageError("upload needs at least one file", { vendor: "sobot" });
    core.actingAgent();
    const id = await core.refs.idOf(ref);
    const cur = await core.fetchCurrent(id, ref);
    const uploaded = await uploadFiles(files);
    const content = input.message?.trim() ? { content: input.message } : {};
    await writer.save(id, ref, `attach files to ticket ${ref}`, { replyType: input.internal ? "1" : "0", files: uploaded.map((a) => a.url!), ...content }, cur);
    return uploaded;
  };

  return { uploadFiles, reply, assign, escalate, close, upload, reread };
}
