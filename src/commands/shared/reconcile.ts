/**
 * Reading a ticket back after a write whose answer was lost (DESIGN.md section 7): did the reply,
 * the new ticket or the state change land? Each check answers "found" (with what it found),
 * "absent" (clearly not there) or throws (cannot tell: the read failed too).
 */
import type { Message, Ticket } from "../../model/types.js";
import type { CreateInput, Provider } from "../../providers/types.js";

export type Check<T> = () => Promise<{ found: true; value: T | undefined } | { found: false }>;

/** Clock skew tolerated between us and the vendor when matching "created in the last minutes". */
const SKEW_MS = 10 * 60_000;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Text as a person reads it: HTML tags and entities resolved, whitespace collapsed (vendors that store HTML, Sobot). */
export function comparableText(text: string): string {
  return text
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, " ")
    .trim();
}

const recent = (at: string | null, since: number) => at === null || Date.parse(at) >= since - SKEW_MS;

/** The reply with this text, sent after `since`, is on the ticket. */
export function replyCheck(provider: Provider, id: string, body: string, since: number): Check<Message> {
  const want = comparableText(body);
  return async () => {
    const detail = await provider.show(id);
    const found = [...detail.messages].reverse().find((m) => comparableText(m.body) === want && recent(m.createdAt, since));
    return found ? { found: true, value: found } : { found: false };
  };
}

/**
 * The ticket this input created after `since` exists: found by the provider's own search where it
 * has one (Zaia: by the chat), else by subject and requester among the most recent tickets.
 * Absent only when the provider says so or the whole list was seen.
 */
export function createCheck(provider: Provider, input: CreateInput, since: number, scan = 200): Check<Ticket> | undefined {
  if (provider.findCreated) {
    return async () => {
      const t = await provider.findCreated!(input, new Date(since - SKEW_MS));
      return t ? { found: true, value: t } : { found: false };
    };
  }
  if (!input.subject) return undefined;
  const want = comparableText(input.subject);
  const requester = input.requester;
  return async () => {
    let seen = 0;
    for await (const t of provider.list({ limit: scan })) {
      seen++;
      const sameRequester = !requester || couldBeRequester(t, requester);
      if (comparableText(t.subject) === want && sameRequester && recent(t.createdAt, since)) return { found: true, value: t };
      if (seen >= scan) throw new Error("the new ticket was not among the most recent tickets");
    }
    return { found: false };
  };
}

/** Whether `t` may be the given requester's: a list that does not say who asked (Sobot's list has no customer id) cannot rule a ticket out. */
function couldBeRequester(t: Ticket, requester: string): boolean {
  const r = t.requester;
  if (r?.id) return sameId(r.id, requester) || sameId(r.email, requester);
  if (requester.includes("@") && r?.email) return sameId(r.email, requester);
  return true;
}

/** The ticket now shows the state the write set. */
export function stateCheck(provider: Provider, id: string, landed: (t: Ticket) => boolean): Check<Ticket> {
  return async () => {
    const t = await provider.show(id);
    return landed(t) ? { found: true, value: t } : { found: false };
  };
}

export const sameId = (a: string | null | undefined, b: string | undefined): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();
