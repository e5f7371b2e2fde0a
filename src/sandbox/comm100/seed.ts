/** Deterministic Comm100 seed: agents, departments, contacts, tags and a few hundred tickets with messages. */
import { AGENT_REPLIES, BODIES, createPicker, emailFor, personName, subjectFor, type Picker } from "../shared/seed.js";
import type { Comm100State, WireMessage, WireTicket } from "./model.js";

export const CHANNELS = ["Email", "Live Chat", "Facebook Messenger", "WhatsApp", "SMS"];

function messageFor(p: Picker, ticketId: number, at: Date, fromAgent: boolean, who: string, channelId: string, body: string): WireMessage {
  const id = p.uuid();
  return {
    id,
    ticketId,
    parentId: null,
    sentById: who,
    sentByType: fromAgent ? "agent" : "contact",
    time: at.toISOString(),
    type: "text",
    metadata: null,
    originalId: null,
    channelId,
    body,
    translatedBody: "",
    ifDisplayInTicketCorrespondences: true,
    isOriginalSentToContact: fromAgent,
    showInlineImage: false,
    isRead: true,
    isInternal: false,
    attachments: [],
    messageDelivery: fromAgent ? { messageId: id, status: "success", failReason: null, time: at.toISOString(), groupId: null, orderNum: 0 } : null,
  };
}

export function seedComm100(count: number, now: Date, seed = 100): Comm100State {
  const p = createPicker(seed);
  const agents = Array.from({ length: 6 }, () => {
    const name = personName(p);
    return { id: p.uuid(), name, email: emailFor(name, "support.example.com") };
  });
  const departments = ["Billing", "Technical Support", "Escalations"].map((name) => ({ id: p.uuid(), name }));
  const contacts = Array.from({ length: 40 }, () => {
    const name = personName(p);
    return { id: p.uuid(), name, email: emailFor(name), phoneNumber: p.chance(0.5) ? `+6281${p.int(10000000, 99999999)}` : null };
  });
  const tags = ["vip", "refund", "bug", "shipping", "feedback"].map((name) => ({ id: p.uuid(), name }));
  const state: Comm100State = {
    nextTicketId: 1001 + count,
    tickets: [],
    messages: [],
    notes: [],
    eventLogs: [],
    agents,
    departments,
    contacts,
    tags,
    channels: CHANNELS,
    serial: 0,
  };
  const day = 86_400_000;
  for (let i = 0; i < count; i++) {
    const id = 1001 + i;
    // Spread over the last ~90 days, oldest ids first.
    const created = new Date(now.getTime() - (count - i) * ((90 * day) / Math.max(count, 1)) - p.int(0, 3_600_000));
    const contact = p.pick(contacts);
    const channelId = p.pick(CHANNELS);
    const status = p.pick(["new", "new", "pendingInternal", "pendingInternal", "pendingExternal", "onHold", "resolved", "resolved"]);
    const assigned = status !== "new" || p.chance(0.3);
    const agent = p.pick(agents);
    const replies = p.int(0, 3);
    let at = created;
    const msgs: WireMessage[] = [messageFor(p, id, at, false, contact.id, channelId, p.pick(BODIES))];
    for (let r = 0; r < replies; r++) {
      at = new Date(at.getTime() + p.int(10, 600) * 60_000);
      const fromAgent = r % 2 === 0;
      msgs.push(messageFor(p, id, at, fromAgent, fromAgent ? agent.id : contact.id, channelId, fromAgent ? p.pick(AGENT_REPLIES) : p.pick(BODIES)));
    }
    const last = msgs[msgs.length - 1]!;
    const updated = new Date(Math.min(at.getTime() + p.int(1, 120) * 60_000, now.getTime() - 60_000));
    const ticket: WireTicket = {
      id,
      subject: subjectFor(p),
      originalConversationId: null,
      assigneeId: assigned ? agent.id : null,
      departmentAssigneeId: p.chance(0.6) ? p.pick(departments).id : null,
      channelId,
      channelAccountId: null,
      lastMessageId: last.id,
      lastMessageChannelId: channelId,
      lastMessageChannelAccountId: null,
      contactOrVisitorId: contact.id,
      createdById: contact.id,
      lastRepliedById: last.sentById,
      resolvedById: status === "resolved" ? agent.id : null,
      assigneeType: assigned ? "agent" : null,
      contactOrVisitorType: "contact",
      status,
      priority: p.pick(["low", "normal", "normal", "normal", "high", "urgent"]),
      createdByType: "contact",
      lastRepliedByType: last.sentByType,
      resolvedByType: status === "resolved" ? "agent" : null,
      isReadByAgent: status !== "new",
      isReadByContact: true,
      ifHasDraft: false,
      mergedToTargetId: null,
      totalReplies: msgs.length,
      createdTime: created.toISOString(),
      lastUpdatedTime: updated.toISOString(),
      lastRepliedTime: last.time,
      lastStatusChangedTime: updated.toISOString(),
      resolvedTime: status === "resolved" ? updated.toISOString() : null,
      isInRecycleBin: false,
      reopenedTime: null,
      contactLanguage: "",
      agentLanguage: "",
      autoTranslationStatus: false,
      responseTimeSpan: p.int(10, 5000),
      replyingAgent: replies > 0 ? "agentOnly" : "noReply",
      responseCount: Math.floor(replies / 2),
      resolvedTimeSpan: status === "resolved" ? p.int(1000, 500000) : 0,
      firstResponseTimeSpan: replies > 0 ? p.int(30, 3000) : 0,
      tagIds: p.chance(0.4) ? [p.pick(tags).id] : [],
    };
    state.tickets.push(ticket);
    state.messages.push(...msgs);
    if (p.chance(0.25)) {
      state.notes.push({
        id: p.uuid(),
        ticketId: id,
        agentId: agent.id,
        createdTime: new Date(created.getTime() + 5 * 60_000).toISOString(),
        text: "Customer is on the premium plan; handle with care.",
        attachments: [],
        noteMentions: [],
      });
    }
    state.eventLogs.push({
      id: p.uuid(),
      ticketId: id,
      time: created.toISOString(),
      operatorId: contact.id,
      operatorType: "contact",
      type: "created",
      description: `Ticket created via ${channelId}`,
    });
  }
  // The people, department and tags the document's own samples name ([S1] lines 112-173, 464),
  // so its sample requests are answered as written. Added last: the seeded tickets stay the same.
  state.agents.push({ id: "1487fc9d-92e6-4487-a2e8-92e68d6892e6", name: "Sample Agent", email: "sample.agent@support.example.com" });
  state.departments.push({ id: "91B032D9-0D07-4798-95F7-7EA482BC592C", name: "Sample Department" });
  state.contacts.push({ id: "E23B5D3C-4E7E-4131-9B3A-52B061BA7DE4", name: "Michael", email: "michael@example.com", phoneNumber: null });
  state.tags.push({ id: "bdf96bad-890f-4af5-8f4e-42d2cc29e61b", name: "my tag" }, { id: "1487fc9d-92e6-4487-a2e8-92e68d6892e6", name: "sample tag" });
  return state;
}
