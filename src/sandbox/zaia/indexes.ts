/**
 * The Zaia simulator's lookups by id, so a request costs the same at 10,000 tickets as at 100
 * (issue 12: the benchmarks time the CLI, not the simulator). Built once from the state; the only
 * entity the routes create is a ticket (`addTicket`), and chats, owners, messages and the
 * directory never change at run time, so the maps stay exact. Every answer is what a scan of the
 * arrays gave: the first record with an id, messages in array order, sorted with the same stable
 * comparator. List rows (built from tickets, which writes change) are cached per query and
 * dropped by `changed()`, which the route wrapper calls around every write.
 */
import type { Channel, Chat, MessageRec, Owner, Responder, Team, TicketRec, User, ZaiaState } from "./seed.js";
import { ListCache } from "../shared/list-cache.js";

/** A map of records by id where the first record with an id wins, as `Array.find` does. */
function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

/** Records grouped by a key, each group in array order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    let group = map.get(k);
    if (!group) map.set(k, (group = []));
    group.push(item);
  }
  return map;
}

const byCreatedAt = (a: MessageRec, b: MessageRec) => a.createdAt.localeCompare(b.createdAt);


export class ZaiaIndex {
  private readonly tickets: Map<string, TicketRec>;
  private readonly chats: Map<string, Chat>;
  private readonly owners: Map<string, Owner>;
  private readonly users: Map<string, User>;
  private readonly responders: Map<string, Responder>;
  private readonly channels: Map<string, Channel>;
  private readonly teams: Map<string, Team>;
  /** Messages of each ticket, oldest first (stable: ties keep array order). */
  private readonly ticketMessages: Map<string, MessageRec[]>;
  /** Messages of each chat, in array order. */
  private readonly chatMessages: Map<string, MessageRec[]>;
  private earliestChat: string | undefined;
  private readonly lists = new ListCache();

  constructor(readonly state: ZaiaState) {
    this.tickets = byId(state.tickets);
    this.chats = byId(state.chats);
    this.owners = byId(state.owners);
    this.users = byId(state.users);
    this.responders = byId(state.responders);
    this.channels = byId(state.channels);
    this.teams = byId(state.teams);
    this.ticketMessages = groupBy(state.messages, (m) => m.ticketId);
    for (const group of this.ticketMessages.values()) group.sort(byCreatedAt);
    this.chatMessages = groupBy(state.messages, (m) => m.chatId);
  }

  ticket = (id: string): TicketRec | undefined => this.tickets.get(id);
  chat = (id: string): Chat | undefined => this.chats.get(id);
  owner = (id: string): Owner | undefined => this.owners.get(id);
  user = (id: string | null): User | undefined => (id === null ? undefined : this.users.get(id));
  responder = (id: string): Responder | undefined => this.responders.get(id);
  channel = (id: string | null): Channel | undefined => (id === null ? undefined : this.channels.get(id));
  team = (id: string | null): Team | undefined => (id === null ? undefined : this.teams.get(id));

  /** A ticket's messages, oldest first (what filtering every message by ticketId, then sorting, gave). */
  messagesOfTicket(id: string): readonly MessageRec[] {
    return this.ticketMessages.get(id) ?? [];
  }

  /** A chat's messages in the state's order. */
  messagesOfChat(id: string): readonly MessageRec[] {
    return this.chatMessages.get(id) ?? [];
  }

  /** The earliest chat's createdAt (chats never change at run time), or the fallback when there are none. */
  firstChatCreatedAt(fallback: string): string {
    this.earliestChat ??= this.state.chats.reduce((a, c) => (c.createdAt < a ? c.createdAt : a), this.state.chats[0]?.createdAt ?? fallback);
    return this.earliestChat;
  }

  /** Record a ticket the routes just pushed onto state.tickets. */
  addTicket(t: TicketRec): void {
    if (!this.tickets.has(t.id)) this.tickets.set(t.id, t);
    this.changed();
  }

  /** Something was written: cached list answers are stale. */
  changed(): void {
    this.lists.changed();
  }

  /** A list answer for `key`, computed once between two writes. */
  list<T>(key: string, compute: () => T[]): T[] {
    return this.lists.get(key, compute);
  }
}
