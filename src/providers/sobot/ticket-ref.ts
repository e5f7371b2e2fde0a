/**
 * A ticket as the user names it: the ticketid (32 hex characters, what get_ticket_by_id takes,
 * doc line 3387) or the ticket number people see (ticket_code, "20190912000007"). A number is
 * resolved to its ticketid by listing the tickets created around the day the number carries
 * (guesses.ts TICKET_CODE_SEARCH_MARGIN_DAYS); when that finds nothing, the error says how to get
 * the id.
 */
import { NotFoundError } from "../../errors.js";
import { PageGuard } from "../shared/pages.js";
import type { SobotApi } from "./api.js";
import { MAX_PAGE_SIZE, TICKET_CODE_PATTERN, TICKET_CODE_SEARCH_MARGIN_DAYS, TICKET_ID_PATTERN } from "./guesses.js";
import { walkWindows } from "./pagination.js";
import { ListTicketSchema, parseAt, type WireListTicket } from "./schema.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export type RefKind = "id" | "code";

export function refKind(input: string): RefKind | null {
  const v = input.trim();
  if (TICKET_ID_PATTERN.test(v)) return "id";
  if (TICKET_CODE_PATTERN.test(v)) return "code";
  return null;
}

/** The creation day a ticket number carries (yyyyMMdd at its start), as UTC midnight; null when it carries none. */
export function codeDay(code: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})\d{4,}$/.exec(code);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = Date.UTC(y, mo - 1, d);
  const back = new Date(day);
  if (y < 2000 || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return day;
}

const HOW_TO = "Sobot's API takes the ticketid (32 hexadecimal characters), which `ticket list --json` prints as id";

export class TicketRefs {
  private readonly resolved = new Map<string, string>();

  constructor(
    private readonly api: () => SobotApi,
    private readonly now: () => number,
  ) {}

  /** The ticketid for a ticketid or a ticket number. */
  async idOf(ref: string): Promise<string> {
    const v = ref.trim();
    if (refKind(v) !== "code") return v;
    const known = this.resolved.get(v);
    if (known) return known;
    const day = codeDay(v);
    if (day === null) throw new NotFoundError(`Sobot: ticket number ${v} carries no creation date to search by. ${HOW_TO}`, { vendor: "sobot" });
    const start = day - TICKET_CODE_SEARCH_MARGIN_DAYS * DAY_MS;
    const end = Math.min(this.now(), day + (1 + TICKET_CODE_SEARCH_MARGIN_DAYS) * DAY_MS - 1);
    const found = start <= end ? await this.search(v, { start, end }) : undefined;
    if (!found) {
      const date = new Date(day).toISOString().slice(0, 10);
      throw new NotFoundError(`Sobot: no ticket numbered ${v} was created around ${date} (the date its number carries). ${HOW_TO}`, { vendor: "sobot" });
    }
    this.resolved.set(v, found.ticketid);
    return found.ticketid;
  }

  private async search(code: string, window: { start: number; end: number }): Promise<WireListTicket | undefined> {
    const walk = walkWindows<WireListTicket>({
      windows: [window],
      pageSize: MAX_PAGE_SIZE,
      guard: new PageGuard({ vendor: "sobot", displayName: "Sobot" }),
      idOf: (t) => t.ticketid,
      fetchPage: async (w, pageNo) => {
        const env = await this.api().get(
          "query_tickets",
          { create_start_datetime_ms: w.start, create_end_datetime_ms: w.end, page_no: pageNo, page_size: MAX_PAGE_SIZE },
          { action: `look up ticket number ${code}` },
        );
        const items = Array.isArray(env.items) ? env.items : [];
        return { items: items.map((i, n) => parseAt(ListTicketSchema, i, "items", n)), pageCount: env.page_count == null ? null : Number(env.page_count) || null };
      },
    });
    for await (const t of walk) if (t.ticket_code === code) return t;
    return undefined;
  }
}
