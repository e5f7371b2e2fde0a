/**
 * One entry point per kind of result, choosing the format from the global flags:
 * table (people), --json (streamed array / object), --ndjson, --csv, and --fields for all.
 * "table" is a table on a terminal only: when stdout is not a TTY it is plain tab-separated lines
 * with ISO dates and no header (./plain.ts), streamed for lists.
 */
import { CliError, UsageError } from "../errors.js";
import { batchWrites } from "./batch.js";
import type { IO } from "../io.js";
import { itemsOf, pagesOf } from "../model/paged.js";
import type { Message, Ticket, TicketDetail } from "../model/types.js";
import { writeCsv } from "./csv.js";
import { DEFAULT_TICKET_COLUMNS, DETAIL_FIELDS, MESSAGE_FIELDS, parseFields, pick, TICKET_FIELDS } from "./fields.js";
import { toJson, writeJsonArray, writeNdjson } from "./json.js";
import { plainLine } from "./plain.js";

/** The table renderer (string-width, wrap-ansi) loads only for a table: JSON, NDJSON, CSV and plain lines never need it (issue 12). */
const table = () => import("./table.js");

export type Format = "table" | "json" | "ndjson" | "csv";

export interface OutputFlags {
  json?: boolean | undefined;
  ndjson?: boolean | undefined;
  csv?: boolean | undefined;
  fields?: string | undefined;
}

export function formatOf(flags: OutputFlags): Format {
  const chosen = (["json", "ndjson", "csv"] as const).filter((f) => flags[f]);
  if (chosen.length > 1) throw new UsageError(`choose one output format: ${chosen.map((f) => `--${f}`).join(" or ")}`);
  return chosen[0] ?? "table";
}

export interface Output {
  format: Format;
  io: IO;
  now: Date;
  fieldsRaw: string | undefined;
  /**
   * The default columns of a ticket table and of plain lines (no --fields); DEFAULT_TICKET_COLUMNS
   * unless set (a fan-out list puts `profile` first).
   */
  ticketColumns?: readonly string[] | undefined;
}

export function createOutput(io: IO, flags: OutputFlags, now: Date): Output {
  return { format: formatOf(flags), io, now, fieldsRaw: flags.fields };
}

/** What writeTicketList learned past its limit, when asked to look. */
export interface Peek {
  /** Set when an item beyond `limit` arrived (it is not printed): the limit cut the list. */
  more: boolean;
}

/**
 * Up to `limit` items, a page at a time (the last page cut at the limit); stops early (ending the
 * source's walk) once `stop()` says so after a page. With `peek`, the list is read past the limit
 * until one more item is seen (the source must be asked for limit + 1) to learn whether the limit
 * cut the list; it is never yielded. A failure while peeking is not the list's failure: everything
 * asked for was printed, so only an interruption still ends the run.
 */
async function* take<T>(pages: AsyncIterable<T[]>, limit: number | undefined, stop: () => boolean, peek?: Peek): AsyncIterable<T[]> {
  if (limit === 0) return;
  let n = 0;
  const it = pages[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<T[]>;
      try {
        next = await it.next();
      } catch (err) {
        if (peek && limit !== undefined && n >= limit && !(err instanceof CliError && (err.code === "interrupted" || err.code === "terminated"))) return;
        throw err;
      }
      if (next.done) return;
      let page = next.value;
      if (page.length === 0) continue;
      if (limit !== undefined) {
        if (n >= limit) {
          if (peek) peek.more = true;
          return;
        }
        if (n + page.length > limit) {
          page = page.slice(0, limit - n);
          if (peek) peek.more = true;
          yield page;
          return;
        }
      }
      yield page;
      n += page.length;
      if ((limit !== undefined && n >= limit && !peek) || stop()) return;
    }
  } finally {
    // End the source's walk (its finally blocks run) when we stop before it is done.
    await it.return?.();
  }
}

/**
 * Streams a ticket list (JSON/NDJSON/CSV/plain write each page of tickets as it arrives). Returns
 * how many. `counter.count` says how many were written even when the walk fails part-way; what was
 * written stays valid (a closed JSON array, whole lines and rows; a table of the rows before the
 * failure). With `peek`, `tickets` holds up to limit + 1 and `peek.more` says whether the limit cut it.
 */
export async function writeTicketList(o: Output, tickets: AsyncIterable<Ticket>, limit: number | undefined, counter: { count: number } = { count: 0 }, peek?: Peek): Promise<number> {
  const allowed = [...TICKET_FIELDS, "raw"];
  const fields = parseFields(o.fieldsRaw, allowed);
  const pages = take(pagesOf(tickets), limit, () => Boolean(o.io.closed?.aborted), peek);
  if (o.format === "table" && o.io.isTTY) return writeTicketTable(o, pages, fields, counter);
  // One write per page rather than per ticket (./batch.ts); what is held is written before this returns or throws.
  const batched = batchWrites(o.io.out);
  try {
    return await writeTicketStream(o, pages, fields, counter, batched.write);
  } finally {
    batched.flush();
  }
}

/** JSON, NDJSON, CSV, and plain lines on a pipe: each page of tickets written as it arrives. */
async function writeTicketStream(o: Output, pages: AsyncIterable<Ticket[]>, fields: string[] | undefined, counter: { count: number }, write: (s: string) => void): Promise<number> {
  switch (o.format) {
    case "json":
      return writeJsonArray(write, pages, (t) => pick(t, fields), counter);
    case "ndjson":
      return writeNdjson(write, pages, (t) => pick(t, fields), counter);
    case "csv":
      return writeCsv(write, itemsOf(pages), fields ?? TICKET_FIELDS, counter);
    case "table": {
      // A pipe: one plain line per ticket, written as it arrives.
      const keys = fields ?? o.ticketColumns ?? DEFAULT_TICKET_COLUMNS;
      for await (const page of pages) {
        for (const t of page) {
          write(plainLine(t as unknown as Record<string, unknown>, keys));
          counter.count++;
        }
      }
      return counter.count;
    }
  }
}

/** A table on a terminal: every row read first (column widths), then drawn. */
async function writeTicketTable(o: Output, pages: AsyncIterable<Ticket[]>, fields: string[] | undefined, counter: { count: number }): Promise<number> {
  const rows: Ticket[] = [];
  const { renderTable } = await table();
  const flush = () => {
    if (rows.length > 0) o.io.out(renderTable(o.io, rows as unknown as Record<string, unknown>[], fields ?? o.ticketColumns ?? DEFAULT_TICKET_COLUMNS, o.now));
    counter.count = rows.length;
  };
  try {
    for await (const page of pages) rows.push(...page);
  } catch (err) {
    flush();
    throw err;
  }
  flush();
  return rows.length;
}

async function* once<T>(x: T): AsyncIterable<T> {
  yield x;
}

/** A single ticket (write verbs). */
export async function writeTicket(o: Output, t: Ticket): Promise<void> {
  const fields = parseFields(o.fieldsRaw, [...TICKET_FIELDS, "raw"]);
  if (o.format === "json") o.io.out(`${toJson(pick(t, fields), true)}\n`);
  else if (o.format === "ndjson") o.io.out(`${toJson(pick(t, fields))}\n`);
  else if (o.format === "csv") await writeCsv(o.io.out, once(t), fields ?? TICKET_FIELDS);
  else if (fields) o.io.out((await table()).renderTable(o.io, [t as unknown as Record<string, unknown>], fields, o.now));
  else o.io.out((await table()).renderTicket(o.io, t, o.now));
}

export async function writeDetail(o: Output, t: TicketDetail): Promise<void> {
  const fields = parseFields(o.fieldsRaw, [...DETAIL_FIELDS, "raw"]);
  if (o.format === "json") o.io.out(`${toJson(pick(t, fields), true)}\n`);
  else if (o.format === "ndjson") o.io.out(`${toJson(pick(t, fields))}\n`);
  else if (o.format === "csv") await writeCsv(o.io.out, once(t), fields ?? TICKET_FIELDS);
  else if (fields) o.io.out((await table()).renderTable(o.io, [t as unknown as Record<string, unknown>], fields, o.now));
  else o.io.out((await table()).renderDetail(o.io, t, o.now));
}

export async function writeMessage(o: Output, m: Message): Promise<void> {
  const fields = parseFields(o.fieldsRaw, MESSAGE_FIELDS);
  if (o.format === "json") o.io.out(`${toJson(pick(m, fields), true)}\n`);
  else if (o.format === "ndjson") o.io.out(`${toJson(pick(m, fields))}\n`);
  else if (o.format === "csv") await writeCsv(o.io.out, once(m), fields ?? MESSAGE_FIELDS);
  else o.io.out((await table()).renderMessage(o.io, m, o.now));
}

/** Plain records (vendors, profiles, attachments): `keys` are the columns and the JSON keys. */
export async function writeRecords(o: Output, rows: Record<string, unknown>[], keys: readonly string[], tableKeys = keys): Promise<void> {
  const fields = parseFields(o.fieldsRaw, keys);
  const list = rows.map((r) => pick(r, fields));
  if (o.format === "json") o.io.out(`${toJson(list, true)}\n`);
  else if (o.format === "ndjson") for (const r of list) o.io.out(`${toJson(r)}\n`);
  else if (o.format === "csv") await writeCsv(o.io.out, (async function* () { yield* list; })(), fields ?? keys);
  else if (rows.length > 0) o.io.out((await table()).renderTable(o.io, rows, fields ?? tableKeys, o.now));
}
