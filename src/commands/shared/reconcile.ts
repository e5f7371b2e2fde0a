/**
 * Reading a ticket back after a write whose answer was lost (DESIGN.md section 7): did the reply,
 * the new ticket or the state change land? Each check answers "found" (with what it found),
 * "absent" (clearly not there) or throws (cannot tell: the read failed too).
 */
import type { Message, Ticket } from "../../model/types.js";
import type { Provider } from "../../providers/types.js";

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

/** A ticket with this subject (and requester), created after `since`, exists. Absent only when the whole list was seen. */
export function createCheck(provider: Provider, subject: string, requester: string | undefined, since: number, scan = 200): Check<Ticket> {
  const want = comparableText(subject);
  return async () => {
    let seen = 0;
    for await (const t of provider.list({ limit: scan })) {
      seen++;
      const sameRequester = !requester || [t.requester?.id, t.requester?.email].some((v) => v?.toLowerCase() === requester.toLowerCase());
      if (comparableText(t.subject) === want && sameRequester && recent(t.createdAt, since)) return { found: true, value: t };
      if (seen >= scan) throw new Error("the new ticket was not among the most recent tickets");
    }
    return { found: false };
  };
}

/** The ticket now shows the state the write set. */
export function stateCheck(provider: Provider, id: string, landed: (t: Ticket) => boolean): Check<Ticket> {
  return async () => {
    const t = await provider.show(id);
    return landed(t) ? { found: true, value: t } : { found: false };
  };
}

export const sameId = (a: string | null | undefined, b: string | undefined): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();
