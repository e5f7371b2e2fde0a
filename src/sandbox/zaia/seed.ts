/**
 * The Zaia simulator's state, in Zaia's own terms (vendor-docs/zaia-ticket-api.txt), and a
 * deterministic seed: a workspace with human users, ticketing teams, AI responders (agents,
 * squads, workflows), channels of every type, chats owned by external users (and a few
 * platform users), tickets in every status and the chat messages around them.
 * Enum values are the simulator's own readings (readings.ts; several are GUESSES). Statuses are
 * stored in the simulator's lifecycle names and spelt per variant on the wire (wire.ts).
 */
import {
  AGENT_REPLIES,
  BODIES,
  createPicker,
  emailFor,
  FIRST_NAMES,
  personName,
  subjectFor,
  type Picker,
} from "../shared/seed.js";
import type { ContractFixtures } from "../types.js";
import { CIRCUMSTANCE, HUMAN_SENDER_ENTITY, OWNER_ENTITY, type Lifecycle } from "./readings.js";

export const SEED = 20_240_607;
export const STATE_VERSION = 1;

export interface User {
  id: string;
  name: string;
  email: string;
  picture: string | null;
}
export interface Team {
  id: string;
  name: string;
  picture: string | null;
}
export interface Responder {
  id: string;
  entity: string;
  name: string;
  picture: string | null;
  versionId: string | null;
  versionNumber: number | null;
}
export interface Channel {
  id: string;
  name: string;
  type: string;
}
/** A chat owner "super identity". */
export interface Owner {
  id: string;
  entity: string;
  name: string | null;
  email: string | null;
  identifier: string | null;
  isBlocked: boolean | null;
}
export interface Chat {
  id: string;
  channelId: string | null;
  ownerId: string;
  responderId: string;
  threadId: string;
  isRemoved: boolean;
  createdAt: string;
}
export interface TicketRec {
  id: string;
  chatId: string;
  status: Lifecycle;
  circumstance: string;
  summary: string;
  assigneeId: string | null;
  ticketingTeamId: string | null;
  createdAt: string;
  updatedAt: string;
  ongoingAt: string | null;
  completedAt: string | null;
  lastViewedAt: string | null;
  tags: { tagId: string; createdAt: string }[];
}
export interface MessageRec {
  id: string;
  chatId: string;
  chatThreadId: string | null;
  ticketId: string | null;
  content: string;
  senderEntity: string;
  senderId: string;
  createdAt: string;
}
export interface Tag {
  id: string;
  name: string;
  color: string;
}

export interface ZaiaState {
  version: number;
  seed: number;
  workspaceId: string;
  /** The profile's user (settings.userId). */
  meId: string;
  users: User[];
  teams: Team[];
  responders: Responder[];
  channels: Channel[];
  owners: Owner[];
  chats: Chat[];
  tickets: TicketRec[];
  messages: MessageRec[];
  tags: Tag[];
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const TEAMS = ["Customer Care", "Billing", "Technical Support", "Sales"];
const RESPONDERS: [entity: string, name: string, versioned: boolean][] = [
  ["agents", "Lia, support agent", true],
  ["agents", "Max, sales agent", true],
  ["squads", "Onboarding squad", false],
  ["workflows", "Order status workflow", true],
  ["workflows", "Refund triage workflow", true],
];
const CHANNELS: [type: string, name: string][] = [
  ["widget", "Website chat"],
  ["whatsapp", "WhatsApp Business"],
  ["waha", "WhatsApp (WAHA)"],
  ["instagram", "Instagram @acme.store"],
  ["api", "Mobile app"],
];
const TAGS: [string, string][] = [
  ["vip", "2"],
  ["refund", "5"],
  ["bug", "0"],
  ["delivery", "7"],
  ["billing", "3"],
  ["churn-risk", "9"],
];
const AI_ANSWERS = [
  "I can help with that. Could you tell me a bit more?",
  "I checked our help center but could not find an answer for this case.",
  "Let me look that up for you.",
];
const HANDOVER_LINES = [
  "I am transferring you to a human agent who can help with this.",
  "One of our team members will take it from here.",
];

const iso = (ms: number) => new Date(ms).toISOString();

function identifierFor(p: Picker, channelType: string | null, name: string | null): string | null {
  switch (channelType) {
    case "whatsapp":
    case "waha":
      return `+55 11 9${p.int(1000, 9999)}-${p.int(1000, 9999)}`;
    case "instagram":
      return `@${(name ?? p.pick(FIRST_NAMES)).split(" ")[0]!.toLowerCase()}_${p.int(10, 999)}`;
    case "widget":
      return p.chance(0.5) && name ? emailFor(name, "mail.example") : `visitor-${p.int(100000, 999999)}`;
    case "api":
      return `app-user-${p.int(1000, 99999)}`;
    default:
      return null;
  }
}

export function seedState(opts: { tickets: number; now: Date; seed?: number }): ZaiaState {
  const seed = opts.seed ?? SEED;
  const p = createPicker(seed);
  const now = opts.now.getTime();

  const users: User[] = Array.from({ length: 6 }, (_, i) => {
    const name = personName(p);
    return { id: p.uuid(), name, email: emailFor(name, "acme-support.example"), picture: i % 2 === 0 ? `https://cdn.zaia.app/avatars/${i + 1}.png` : null };
  });
  const teams: Team[] = TEAMS.map((name, i) => ({ id: p.uuid(), name, picture: i === 0 ? "https://cdn.zaia.app/teams/care.png" : null }));
  const responders: Responder[] = RESPONDERS.map(([entity, name, versioned]) => ({
    id: p.uuid(),
    entity,
    name,
    picture: entity === "agents" ? `https://cdn.zaia.app/agents/${name.split(",")[0]!.toLowerCase()}.png` : null,
    versionId: versioned ? p.uuid() : null,
    versionNumber: versioned ? p.int(1, 14) : null,
  }));
  const channels: Channel[] = CHANNELS.map(([type, name]) => ({ id: p.uuid(), name, type }));
  const tags: Tag[] = TAGS.map(([name, color]) => ({ id: p.uuid(), name, color }));

  const owners: Owner[] = [];
  const chats: Chat[] = [];
  const tickets: TicketRec[] = [];
  const messages: MessageRec[] = [];

  const newChat = (createdAt: number): Chat => {
    const channel = p.chance(0.05) ? null : p.pick(channels);
    let owner: Owner;
    if (p.chance(0.08)) {
      const user = p.pick(users);
      owner = { id: p.uuid(), entity: OWNER_ENTITY.user, name: user.name, email: user.email, identifier: null, isBlocked: null };
    } else {
      const name = p.chance(0.12) ? null : personName(p);
      owner = {
        id: p.uuid(),
        entity: OWNER_ENTITY.external,
        name,
        email: null,
        identifier: identifierFor(p, channel?.type ?? null, name),
        isBlocked: p.chance(0.03),
      };
    }
    owners.push(owner);
    ownerById.set(owner.id, owner);
    const chat: Chat = {
      id: p.uuid(),
      channelId: channel?.id ?? null,
      ownerId: owner.id,
      responderId: p.pick(responders).id,
      threadId: p.uuid(),
      isRemoved: p.chance(0.05),
      createdAt: iso(createdAt),
    };
    chats.push(chat);
    return chat;
  };

  // Seeding 10,000 tickets must take a second or two (issue 12): the lookups below are indexed,
  // and the picker is called in the same sequence as before, so the same seed gives the same state.
  const ownerById = new Map<string, Owner>();
  /** Chats whose tickets are all completed, in creation order (a returning customer's chat). */
  const reusable: Chat[] = [];
    const message = (chat: Chat, ticketId: string | null, at: number, senderEntity: string, senderId: string, content: string) => {
    messages.push({ id: p.uuid(), chatId: chat.id, chatThreadId: chat.threadId, ticketId, content, senderEntity, senderId, createdAt: iso(at) });
  };

  // Oldest first, spread over the last 60 days; the newest are the open ones.
  const count = Math.max(0, opts.tickets);
  for (let i = 0; i < count; i++) {
    const age = Math.round(((count - i) / Math.max(count, 1)) * 60 * DAY) + p.int(0, 3 * HOUR);
    const createdAt = now - age;
    const status: Lifecycle =
      age > 7 * DAY ? (p.chance(0.92) ? "completed" : p.pick(["pending", "ongoing"] as const)) : p.pick(["pending", "pending", "ongoing", "ongoing", "completed"] as const);
    // A returning customer: reuse a chat whose tickets are all completed.
    const reused = reusable.length > 0 && p.chance(0.15) ? p.pick(reusable) : undefined;
    const chat = reused ?? newChat(createdAt - p.int(2, 30) * MIN);
    // A ticket's status is set once here: a chat with an open ticket is never reusable again.
    if (reused && status !== "completed") reusable.splice(reusable.indexOf(reused), 1);
    if (!reused && status === "completed") reusable.push(chat);
    const owner = ownerById.get(chat.ownerId)!;
    const responder = responders.find((r) => r.id === chat.responderId)!;
    const circumstance = status === "pending" || p.chance(0.7) ? CIRCUMSTANCE.handover : CIRCUMSTANCE.takeover;
    const topic = subjectFor(p);
    const assignee = status === "pending" && p.chance(0.5) ? null : p.pick(users);
    const ongoingAt = status === "pending" ? null : createdAt + p.int(2, 90) * MIN;
    const completedAt = status === "completed" ? (ongoingAt ?? createdAt) + p.int(10, 48 * 60) * MIN : null;
    const ticket: TicketRec = {
      id: p.uuid(),
      chatId: chat.id,
      status,
      circumstance,
      summary:
        circumstance === CIRCUMSTANCE.handover
          ? `${topic}. The customer asked for a person and ${responder.name} handed the chat over.`
          : `${topic}. An agent took over the chat from ${responder.name}.`,
      assigneeId: assignee?.id ?? null,
      ticketingTeamId: p.chance(0.85) ? p.pick(teams).id : null,
      createdAt: iso(createdAt),
      updatedAt: iso(completedAt ?? ongoingAt ?? createdAt),
      ongoingAt: ongoingAt === null ? null : iso(ongoingAt),
      completedAt: completedAt === null ? null : iso(completedAt),
      lastViewedAt: assignee && p.chance(0.6) ? iso((ongoingAt ?? createdAt) + p.int(1, 30) * MIN) : null,
      tags: [],
    };
    for (const tag of tags) if (p.chance(0.12)) ticket.tags.push({ tagId: tag.id, createdAt: ticket.createdAt });
    tickets.push(ticket);

    // The AI part of the chat (before the ticket), then the ticket's own messages.
    let at = createdAt - p.int(3, 20) * MIN;
    message(chat, null, at, owner.entity, owner.id, topic);
    message(chat, null, (at += MIN), responder.entity, responder.id, p.pick(AI_ANSWERS));
    message(chat, ticket.id, createdAt, owner.entity, owner.id, `${p.pick(BODIES)} Can I talk to a person?`);
    message(chat, ticket.id, createdAt + 20_000, responder.entity, responder.id, p.pick(HANDOVER_LINES));
    if (ongoingAt !== null && assignee) {
      at = ongoingAt;
      message(chat, ticket.id, at, HUMAN_SENDER_ENTITY, assignee.id, p.pick(AGENT_REPLIES));
      if (p.chance(0.6)) message(chat, ticket.id, (at += p.int(2, 60) * MIN), owner.entity, owner.id, p.pick(BODIES));
      if (status === "completed") message(chat, ticket.id, (at += p.int(2, 60) * MIN), HUMAN_SENDER_ENTITY, assignee.id, p.pick(AGENT_REPLIES));
    } else if (p.chance(0.5)) {
      message(chat, ticket.id, createdAt + p.int(2, 30) * MIN, owner.entity, owner.id, "Hello? Is anyone there?");
    }
  }

  return {
    version: STATE_VERSION,
    seed,
    workspaceId: p.uuid(),
    meId: users[0]!.id,
    users,
    teams,
    responders,
    channels,
    owners,
    chats,
    tickets,
    messages,
    tags,
  };
}

/** A state handed back by `opts.state`, if it looks like ours. */
export function restoreState(value: unknown): ZaiaState | null {
  if (!value || typeof value !== "object") return null;
  const s = value as Partial<ZaiaState>;
  if (s.version !== STATE_VERSION || !Array.isArray(s.tickets) || !Array.isArray(s.chats) || !Array.isArray(s.users)) return null;
  return structuredClone(value) as ZaiaState;
}

/** Values valid in this state for the shared contract suite. */
export function fixturesFor(state: ZaiaState): ContractFixtures {
  const chatById = new Map(state.chats.map((c) => [c.id, c]));
  const chat = (id: string) => chatById.get(id);
  const visible = state.tickets.filter((t) => !chat(t.chatId)?.isRemoved);
  const withMessages = new Set(state.messages.map((m) => m.ticketId));
  const open = visible.filter((t) => t.status === "pending" && withMessages.has(t.id)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const ticket = open[0] ?? visible[0];
  // Per chat: has tickets, all of them completed.
  const allCompleted = new Map<string, boolean>();
  for (const t of state.tickets) allCompleted.set(t.chatId, (allCompleted.get(t.chatId) ?? true) && t.status === "completed");
  const idle = state.chats.find((c) => !c.isRemoved && allCompleted.get(c.id) === true);
  const known = new Set([
    ...state.tickets.map((t) => t.id),
    ...state.chats.map((c) => c.id),
    ...state.users.map((u) => u.id),
    ...state.teams.map((t) => t.id),
    ...state.owners.map((o) => o.id),
  ]);
  const p = createPicker(state.seed + 1);
  const unknownId = () => {
    let id = p.uuid();
    while (known.has(id)) id = p.uuid();
    known.add(id);
    return id;
  };
  const missing = unknownId();
  const team = state.teams[1] ?? state.teams[0];
  const other = state.users.find((u) => u.id !== state.meId) ?? state.users[0];
  return {
    ticketId: ticket?.id ?? missing,
    missingTicketId: missing,
    assigneeId: other?.id ?? state.meId,
    missingAgentId: unknownId(),
    teamId: team?.id,
    // Zaia tickets have no subject or first message: a create names the chat, the team and (by default) the profile's user.
    create: idle ? { subject: "", fields: { chatId: idle.id }, team: team?.id } : undefined,
    listAllCount: visible.length,
  };
}
