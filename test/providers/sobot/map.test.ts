/** Sobot mapping tables (both ways), times, windows and ret_code errors, from the doc's own examples. */
import { describe, expect, it } from "vitest";
import { AuthError, NetworkError, NotFoundError, OperationError, UsageError } from "../../../src/errors.js";
import { PRIORITIES, STATUSES } from "../../../src/model/enums.js";
import { TicketDetailSchema, TicketSchema } from "../../../src/model/schema.js";
import { sobotError } from "../../../src/providers/sobot/errors.js";
import {
  BUILTIN_STATUS,
  CHANNELS,
  LEVEL_TO_PRIORITY,
  PRIORITY_TO_LEVEL,
  STATUS_TO_CODE,
  StatusTable,
  channelCode,
  mapDetail,
  mapTicket,
  toAuthorType,
  toChannel,
  toPriority,
  type MapContext,
} from "../../../src/providers/sobot/map.js";
import { NetworkError as PageError } from "../../../src/errors.js";
import { PageGuard } from "../../../src/providers/shared/pages.js";
import { pageKey, walkWindows, windowsNewestFirst, type TimeWindow } from "../../../src/providers/sobot/pagination.js";
import { ListTicketSchema, StatusInfoSchema, TicketDetailSchema as WireDetail } from "../../../src/providers/sobot/schema.js";
import { isValidTimeZone, parseZoned, toIso } from "../../../src/providers/sobot/time.js";

/** query_ticket_status_infos, as in the doc's return example (trimmed). */
const STATUS_INFOS = [
  { status_id: "4ea3", status_code: "0", status_name: "Not Received", status_type: 1, is_delete: 0 },
  { status_id: "13e6", status_code: "1", status_name: "Processing", status_type: 2, is_delete: 0 },
  { status_id: "fa04", status_code: "2", status_name: "Awaiting Agent Reply", status_type: 2, is_delete: 0 },
  { status_id: "a62b", status_code: "1012", status_name: "Custom dealing", status_type: 2, is_delete: 0 },
  { status_id: "178a", status_code: "1023", status_name: "Custom waiting reply", status_type: 3, is_delete: 0 },
  { status_id: "8fea", status_code: "1104", status_name: "Pausing", status_type: 4, is_delete: 0 },
  { status_id: "52ca", status_code: "3", status_name: "Resolved", status_type: 5, is_delete: 0 },
  { status_id: "8de5", status_code: "99", status_name: "Closed", status_type: 6, is_delete: 0 },
  { status_id: "ab09", status_code: "98", status_name: "Deleted", status_type: 7, is_delete: 0 },
  { status_id: "1e32", status_code: "1072", status_name: "Deleted new1212", status_type: 2, is_delete: 1 },
].map((i) => StatusInfoSchema.parse(i));

describe("sobot status table", () => {
  it("maps the built-in codes both ways", () => {
    const table = new StatusTable();
    expect(Object.fromEntries(["0", "1", "2", "3", "99", "98"].map((c) => [c, table.toStatus(c)]))).toEqual({
      "0": "new",
      "1": "open",
      "2": "pending",
      "3": "resolved",
      "99": "closed",
      "98": "closed",
    });
    for (const status of STATUSES) {
      const code = table.codeFor(status);
      if (status === "on_hold") {
        expect(code).toBeUndefined();
        continue;
      }
      expect(code).toBe(STATUS_TO_CODE[status]);
      expect(table.toStatus(code!)).toBe(status);
    }
    expect(BUILTIN_STATUS["98"]).toBe("closed");
  });

  it("maps custom statuses by status_type, both ways", () => {
    const table = new StatusTable(STATUS_INFOS);
    expect(table.toStatus("1104")).toBe("on_hold");
    expect(table.toStatus("1023")).toBe("pending");
    expect(table.toStatus("1012")).toBe("open");
    // With custom statuses on, code 2 is whatever its status_type says (here In Progress).
    expect(table.toStatus("2")).toBe("open");
    expect(table.toStatus("1072")).toBe("open");
    expect(table.toStatus("55555")).toBe("open");
    expect(table.codeFor("on_hold")).toBe("1104");
    expect(table.codeFor("pending")).toBe("1023");
    expect(table.codeFor("closed")).toBe("99");
    expect(table.codeFor("resolved")).toBe("3");
    for (const status of STATUSES) expect(table.toStatus(table.codeFor(status)!)).toBe(status);
    expect(table.codesFor(["on_hold"])).toEqual(["1104"]);
    expect(table.codesFor(["pending"])).toEqual(["1023"]);
    expect(table.codesFor(["open"]).sort()).toEqual(["1", "1012", "1072", "2"]);
  });
});

describe("sobot priority, channel and author tables", () => {
  it("maps ticket_level both ways", () => {
    for (const p of PRIORITIES) expect(toPriority(PRIORITY_TO_LEVEL[p])).toBe(p);
    for (const [level, p] of Object.entries(LEVEL_TO_PRIORITY)) expect(PRIORITY_TO_LEVEL[p]).toBe(level);
    expect(toPriority("7")).toBeNull();
    expect(toPriority(null)).toBeNull();
  });

  it("maps ticket_from both ways, passing unknown codes through", () => {
    for (const [code, slug] of Object.entries(CHANNELS)) {
      expect(toChannel(code)).toBe(slug);
      expect(channelCode(slug)).toBe(code);
    }
    expect(new Set(Object.values(CHANNELS)).size).toBe(Object.keys(CHANNELS).length);
    expect(toChannel("77")).toBe("77");
    expect(channelCode("12")).toBe("12");
    expect(channelCode("WhatsApp")).toBe("25");
    expect(channelCode("ticket center")).toBe("0");
    expect(channelCode("carrier pigeon")).toBeUndefined();
    expect(toChannel("")).toBeNull();
  });

  it("maps start_type to author types", () => {
    expect(["0", "1", "2", "3", "6", "x", null].map((t) => toAuthorType(t))).toEqual(["agent", "customer", "system", "bot", "system", "system", "system"]);
  });
});

describe("sobot times", () => {
  it("reads yyyy-MM-dd HH:mm:ss in the profile's zone", () => {
    expect(new Date(parseZoned("2018-09-18 10:14:05", "Asia/Shanghai")!).toISOString()).toBe("2018-09-18T02:14:05.000Z");
    expect(new Date(parseZoned("2018- 09 - 18 12 :00: 00", "Asia/Shanghai")!).toISOString()).toBe("2018-09-18T04:00:00.000Z");
    // New York in summer (EDT, -4) and winter (EST, -5).
    expect(new Date(parseZoned("2024-07-01 09:30:00", "America/New_York")!).toISOString()).toBe("2024-07-01T13:30:00.000Z");
    expect(new Date(parseZoned("2024-01-15 09:30:00", "America/New_York")!).toISOString()).toBe("2024-01-15T14:30:00.000Z");
    expect(new Date(parseZoned("2024-03-10 12:00:00", "America/New_York")!).toISOString()).toBe("2024-03-10T16:00:00.000Z");
    expect(new Date(parseZoned("2023-06-01 00:00:00", "Asia/Kolkata")!).toISOString()).toBe("2023-05-31T18:30:00.000Z");
    expect(parseZoned("yesterday", "Asia/Shanghai")).toBeNull();
    expect(parseZoned("2018-13-01 00:00:00", "Asia/Shanghai")).toBeNull();
  });

  it("prefers *_ms, and falls back to the string when ms is missing or implausible (the doc's 14-digit typo)", () => {
    expect(toIso(1678085323404, "2000-01-01 00:00:00", "Asia/Shanghai")).toBe("2023-03-06T06:48:43.404Z");
    expect(toIso("1678085323404", null, "Asia/Shanghai")).toBe("2023-03-06T06:48:43.404Z");
    expect(toIso(16780853234040, "2018-09-18 09:10:05", "Asia/Shanghai")).toBe("2018-09-18T01:10:05.000Z");
    expect(toIso(null, "2018-09-18 09:10:05", "Europe/London")).toBe("2018-09-18T08:10:05.000Z");
    expect(toIso(undefined, "", "Asia/Shanghai")).toBeNull();
  });
});

describe("sobot list windows", () => {
  const DAY = 86_400_000;
  it("covers [from, to] with non-overlapping windows of at most 28 days, newest first", () => {
    const to = Date.UTC(2025, 4, 20, 12);
    const from = to - 90 * DAY;
    const ws = [...windowsNewestFirst(from, to)];
    expect(ws).toHaveLength(4);
    expect(ws[0]!.end).toBe(to);
    expect(ws.at(-1)!.start).toBe(from);
    for (const [i, w] of ws.entries()) {
      expect(w.end - w.start).toBeLessThan(28 * DAY);
      if (i > 0) expect(w.end).toBe(ws[i - 1]!.start - 1);
    }
    expect([...windowsNewestFirst(to, to)]).toEqual([{ start: to, end: to }]);
    expect([...windowsNewestFirst(to + 1, to)]).toEqual([]);
  });

  const guard = () => new PageGuard({ vendor: "sobot", displayName: "Sobot", maxPages: 20 });
  const walk = (fetchPage: (w: TimeWindow, n: number) => Promise<{ items: string[]; pageCount: number | null }>, windows: TimeWindow[] = [{ start: 0, end: 9 }]) =>
    walkWindows<string>({ windows, pageSize: 2, guard: guard(), idOf: (x) => x, fetchPage });

  it("walks pages until page_count or a short page, window after window, and stops when the caller stops", async () => {
    const asked: string[] = [];
    const fetchPage = async (w: TimeWindow, n: number) => {
      asked.push(pageKey(w, n));
      return { items: n < 3 ? [`${w.start}-${n}a`, `${w.start}-${n}b`] : [`${w.start}-${n}a`], pageCount: 3 };
    };
    const all: string[] = [];
    for await (const x of walk(fetchPage, [{ start: 10, end: 19 }, { start: 0, end: 9 }])) all.push(x);
    expect(all).toEqual(["10-1a", "10-1b", "10-2a", "10-2b", "10-3a", "0-1a", "0-1b", "0-2a", "0-2b", "0-3a"]);
    expect(asked).toEqual(["window 10-19 page 1", "window 10-19 page 2", "window 10-19 page 3", "window 0-9 page 1", "window 0-9 page 2", "window 0-9 page 3"]);
    // A consumer that stops inside page 1 on its own (| head, an error of its own): page 2 was
    // requested as soon as page 1 passed the guard, while page 1 was handed out (prefetch.ts,
    // OVERLAP); the walk waits for it and asks for nothing after it.
    asked.length = 0;
    for await (const _ of walk(fetchPage)) break;
    expect(asked).toEqual(["window 0-9 page 1", "window 0-9 page 2"]);
  });

  it("stops with exit 7 on a page of tickets already sent (a server repeating a page), never yielding one twice", async () => {
    const seen: string[] = [];
    const err = await (async () => {
      for await (const x of walk(async () => ({ items: ["a", "b"], pageCount: null }))) seen.push(x);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PageError);
    expect((err as Error).message).toContain("window 0-9 page 2");
    expect(seen).toEqual(["a", "b"]);
  });

  it("skips tickets of an earlier window met again (a server ignoring the window) and ends that window", async () => {
    const asked: string[] = [];
    const fetchPage = async (w: TimeWindow, n: number) => {
      asked.push(pageKey(w, n));
      return { items: n === 1 ? ["a", "b"] : ["c"], pageCount: 5 };
    };
    const got: string[] = [];
    for await (const x of walk(fetchPage, [{ start: 10, end: 19 }, { start: 0, end: 9 }])) got.push(x);
    expect(got).toEqual(["a", "b", "c"]);
    expect(asked).toEqual(["window 10-19 page 1", "window 10-19 page 2", "window 0-9 page 1"]);
  });

  it("stops with exit 7 past the page bound when every page is new and full", async () => {
    let n = 0;
    const err = await (async () => {
      for await (const _ of walk(async () => ({ items: [`x${n++}`, `x${n++}`], pageCount: null }))) void 0;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PageError);
    expect((err as Error).message).toContain("ran past 20 pages");
  });
});

describe("sobot ret_code errors", () => {
  const ctx = { action: "read ticket abc", subject: "ticket abc" };
  it.each([
    ["900001", AuthError],
    ["900002", AuthError],
    ["900003", AuthError],
    ["900004", AuthError],
    ["700046", AuthError],
    ["400020", NotFoundError],
    ["400021", NotFoundError],
    ["400003", UsageError],
    ["400013", UsageError],
    ["400314", UsageError],
    ["400016", OperationError],
    ["400007", OperationError],
    ["400014", OperationError],
  ] as const)("maps %s, with the code as vendorCode (a refusal: nothing happened)", (code, type) => {
    const err = sobotError(code, "the vendor's words", ctx);
    expect(err).toBeInstanceOf(type);
    expect(err.message).toContain("the vendor's words");
    expect(err.vendorCode).toBe(code);
    expect(err.vendor).toBe("sobot");
  });
  it("maps 999999 to NetworkError without vendorCode: Sobot does not say whether it happened", () => {
    const err = sobotError("999999", "Unknown System Exception", ctx);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.vendorCode).toBeUndefined();
  });
  it("tells a token endpoint refusal in the doc's words, never the answer's", () => {
    const err = sobotError("900003", 'token 4ac37cb2e9c740dba4b75a34d5358802 was {"token":"x"}', { action: "issue an API token", authEndpoint: true });
    expect(err.message).toBe("Sobot refused the request: signature error (ret_code 900003)");
  });
  it("names the subject of a not-found", () => {
    expect(sobotError("400020", "Ticket info not found", ctx).message).toBe("Sobot: ticket abc not found (Ticket info not found, ret_code 400020)");
  });
});

describe("sobot ticket mapping (the doc's examples)", () => {
  const ctx: MapContext = { profile: "p", timeZone: "Asia/Shanghai", statuses: new StatusTable(), raw: false };

  it("maps a query_tickets item; agent and group ids come from the directory", () => {
    const item = {
      create_datetime: "2018-09-18 07:34:25",
      create_datetime_ms: 16780853234040,
      deal_group_name: "123",
      deal_agent_name: "ming",
      start_name: "admin1",
      start_type: "0",
      ticket_code: "20190912000003",
      ticket_content: "<p>34433434</p>",
      ticket_from: "0",
      ticket_level: "0",
      ticket_status: "0",
      ticket_title: "4343",
      ticket_type_name: "other",
      ticketid: "f294176887284c5597794c636d5a1bfe",
      update_datetime: "2018-09-18 07:54:35",
      update_datetime_ms: 1678085323404,
      user_emails: "wangxun0104@hotmail.com",
      user_name: "user3",
      user_nick: "user3",
      user_tels: "18280240680,13800000000",
    };
    const directory = { agentIdByName: (n: string) => (n === "ming" ? "0a37c8156d094311890e48fbc06501c4" : null), groupIdByName: () => null };
    const t = mapTicket(ListTicketSchema.parse(item), { ...ctx, directory });
    expect(() => TicketSchema.parse(t)).not.toThrow();
    expect(t).toEqual({
      id: "f294176887284c5597794c636d5a1bfe",
      number: "20190912000003",
      subject: "4343",
      status: "new",
      vendorStatus: "0",
      priority: "low",
      assignee: { id: "0a37c8156d094311890e48fbc06501c4", name: "ming", email: null },
      team: null,
      requester: { id: null, name: "user3", email: "wangxun0104@hotmail.com", phone: "18280240680" },
      channel: "ticket_center",
      tags: [],
      createdAt: "2018-09-17T23:34:25.000Z",
      updatedAt: "2023-03-06T06:48:43.404Z",
      vendor: "sobot",
      profile: "p",
    });
    expect(mapTicket(ListTicketSchema.parse(item), { ...ctx, raw: true }, item).raw).toBe(item);
  });

  it("maps a get_ticket_by_id item: description first, replies oldest first, files, custom fields, history", () => {
    const item = {
      companyid: "acb290d666814d65834c70073aed65f2",
      create_datetime: "2018-09-18 10:14:05",
      create_datetime_ms: 1678085323404,
      deal_groupid: "",
      deal_group_name: "",
      deal_list: [
        {
          file_list: [{ file_name: "201905281146jpg", file_type: "jpg", file_url: "https://img-sg.sobot.io/console/x/ticket/a.jpg" }],
          reply_content: "<p>343</p>",
          reply_datetime: "2018-09-18 10:34:45",
          reply_datetime_ms: 1678085623404,
          reply_title: "Reply to customers in Beijing ",
          reply_type: "0",
          start_type: "0",
          update_user_name: "admin2",
          replyid: "c11897076adc4dd98f7a64f026fc2632",
        },
        { reply_content: "note", reply_type: "1", reply_type_new: 3, reply_datetime_ms: 1678085423404, start_type: "0", update_user_name: "admin2", replyid: "r2" },
        { reply_content: "", reply_type: "0", reply_datetime_ms: 1678085523404, start_type: "0", update_user_name: "admin2", replyid: "r3", file_list: [] },
      ],
      deal_agent_name: "admin2",
      deal_agentid: "efcfda336b5d4caeb4fd71392c54b5c9",
      extend_fields_list: [
        { field_name: "Dropdown list", fieldid: "3cee", field_type: "6", field_text: "999", field_value: "540264609760473" },
        { field_name: "time", fieldid: "4e1e", field_type: "4", field_text: "", field_value: "00:00" },
      ],
      file_list: [],
      start_name: "Beijing customers",
      start_type: "1",
      ticket_code: "1534758910",
      ticket_content: "<p>test</p>",
      ticket_from: "1",
      ticket_level: "0",
      ticket_status: "2",
      ticket_title: "Customer message",
      ticket_typeid: "c6aef17dca6b4ee5b9dc4206d8162abt",
      ticket_type_name: "Consulting/consulting 1/consulting 2",
      ticketid: "d6aef19dca6b4ee5b9dc4206d8162105",
      update_log_list: [
        { log_from: "1", start_type: "0", update_contents: '{"reply":"343"}', update_agent_name: "admin2", update_datetime_ms: 1678085623404, update_title: "Ticket update" },
        { log_from: "1", start_type: "1", update_contents: "{}", update_datetime: "2018-09-18 10:14:05", update_datetime_ms: 1678085323404, update_title: "Ticket create" },
      ],
      update_datetime_ms: 1678085623404,
      user_nick: "Beijing customers",
      userid: "fdd41fb55c4f41e4afa4906064deced3",
      score: 1,
    };
    const d = mapDetail(WireDetail.parse(item), ctx, true);
    expect(() => TicketDetailSchema.parse(d)).not.toThrow();
    expect(d.status).toBe("pending");
    expect(d.assignee).toEqual({ id: "efcfda336b5d4caeb4fd71392c54b5c9", name: "admin2", email: null });
    expect(d.team).toBeNull();
    expect(d.requester?.id).toBe("fdd41fb55c4f41e4afa4906064deced3");
    expect(d.channel).toBe("desktop_site");
    expect(d.messages.map((m) => [m.id, m.author.type, m.internal, m.body])).toEqual([
      ["d6aef19dca6b4ee5b9dc4206d8162105:description", "customer", false, "test"],
      ["r2", "agent", true, "note"],
      ["c11897076adc4dd98f7a64f026fc2632", "agent", false, "343"],
    ]);
    expect(d.messages[0]!.author.id).toBe("fdd41fb55c4f41e4afa4906064deced3");
    expect(d.attachments).toEqual([{ id: null, name: "201905281146jpg", size: null, contentType: "image/jpeg", url: "https://img-sg.sobot.io/console/x/ticket/a.jpg" }]);
    expect(d.customFields).toEqual({ "Dropdown list": "999", time: "00:00" });
    expect(d.history?.map((h) => h.action)).toEqual(["Ticket create", "Ticket update"]);
    expect(d.history?.[1]).toEqual({ at: "2023-03-06T06:53:43.404Z", actor: "admin2", action: "Ticket update", detail: '{"reply":"343"}' });
    expect(mapDetail(WireDetail.parse(item), ctx, false).history).toBeUndefined();
  });

  it("is tolerant: unknown codes pass through, numbers for strings, nulls", () => {
    const t = mapTicket(
      ListTicketSchema.parse({ ticketid: 12345, ticket_status: 7777, ticket_level: null, ticket_from: 99, ticket_code: 20200611000021, extra: { x: 1 } }),
      ctx,
    );
    expect(t).toMatchObject({ id: "12345", number: "20200611000021", status: "open", vendorStatus: "7777", priority: null, channel: "99", requester: null, assignee: null });
  });
});

describe("Sobot's timezone setting", () => {
  it("accepts what Intl accepts (canonical names, aliases, any case, UTC) and refuses the rest", () => {
    for (const zone of ["Asia/Shanghai", "America/New_York", "Asia/Calcutta", "asia/shanghai", "UTC"]) expect(isValidTimeZone(zone), zone).toBe(true);
    for (const zone of ["Mars/Olympus", "", "Asia/Shanghai "]) expect(isValidTimeZone(zone), JSON.stringify(zone)).toBe(false);
  });
});
