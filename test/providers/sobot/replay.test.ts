/**
 * Replays of the Sobot document itself. A tiny node:http server answers every endpoint with the
 * document's own "Return example", verbatim (test/fixtures/sobot/, copied from
 * ../shared/vendor-docs/sobot-ticket-api.txt), and the provider runs against it over real HTTP.
 * Each assertion checks the normalized result or the exact request sent, and cites the doc line
 * it rests on ("line N" below is a line of vendor-docs/sobot-ticket-api.txt).
 */
import { readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NetworkError } from "../../../src/errors.js";
import { TicketDetailSchema, TicketSchema } from "../../../src/model/schema.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { collect, providerFor, type TestProvider } from "../../helpers/provider.js";

const FIXTURES = new URL("../../fixtures/sobot/", import.meta.url);
const sample = (name: string) => readFileSync(new URL(`${name}.json`, FIXTURES), "utf8");

/** The doc's worked sign example: appid "1", create_time "1569397773", app_key "2" (lines 91-93). */
const NOW = new Date(1569397773 * 1000);
const DOC_TOKEN = "4ac37cb2e9c740dba4b75a34d5358802"; // line 99
const DETAIL_ID = "d6aef19dca6b4ee5b9dc4206d8162105"; // line 3572
const MING = "0a37c8156d094311890e48fbc06501c4"; // lines 1317-1318
const ADMIN2 = "efcfda336b5d4caeb4fd71392c54b5c9"; // lines 1321-1322

interface Seen {
  method: string;
  name: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  json?: Record<string, unknown>;
  form?: Record<string, string>;
  files?: string[];
}
let server: Server;
let origin = "";
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://x");
      const name = url.pathname.split("/").pop()!;
      const record: Seen = { method: req.method ?? "GET", name, query: Object.fromEntries(url.searchParams), headers: req.headers };
      const raw = Buffer.concat(chunks);
      const type = String(req.headers["content-type"] ?? "");
      if (type.startsWith("application/json")) record.json = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
      if (type.startsWith("multipart/form-data")) {
        const form = await new Request("http://x/", { method: "POST", headers: { "content-type": type }, body: raw }).formData();
        record.form = {};
        record.files = [];
        for (const [k, v] of form.entries()) {
          if (typeof v === "string") record.form[k] = v;
          else record.files.push(`${k}:${v.name}`);
        }
      }
      seen.push(record);
      res.writeHead(200, { "content-type": "application/json;charset=UTF-8" });
      res.end(sample(name));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A profile as the doc's examples would have it. */
const docProfile = (): Simulator => ({
  vendor: "sobot",
  baseUrl: origin,
  requests: [],
  credentials: {
    secrets: { app_key: "2" }, // line 91
    settings: {
      appid: "1", // line 91
      companyid: "acb290d666814d65834c70073aed65f2", // line 2495
      agentId: MING, // line 2639
      agentName: "ming", // line 2639
      timezone: "Asia/Shanghai", // line 2908: the default zone
      category: "9", // line 1269: a leaf ("node_flag": "0", line 1265)
    },
  },
  fixtures: { ticketId: DETAIL_ID, missingTicketId: DETAIL_ID, assigneeId: MING, listAllCount: 0 },
  fail: () => undefined,
  exportState: () => ({}),
  close: async () => undefined,
});

let tp: TestProvider;
beforeEach(async () => {
  seen.length = 0;
  tp = await providerFor(docProfile(), { now: () => NOW });
});
const named = (name: string) => seen.filter((r) => r.name === name);

describe("sobot replay: the token", () => {
  it("signs get_token as the doc's worked example and sends the token header on every ticket call", async () => {
    await tp.provider.show(DETAIL_ID);
    const token = named("get_token")[0]!;
    expect(token.method).toBe("GET"); // line 55
    // line 68 and lines 91-93: sign = md5("1" + "1569397773" + "2") = 258eec3118705112b2c53dc8043d4d34
    expect(token.query).toEqual({ appid: "1", create_time: "1569397773", sign: "258eec3118705112b2c53dc8043d4d34" });
    expect(named("get_token")).toHaveLength(1); // lines 26-28: one token for every call
    for (const r of seen.filter((x) => x.name !== "get_token")) {
      expect(r.headers["token"]).toBe(DOC_TOKEN); // line 19: the token in a header named "token"; value from line 99
      expect(r.headers["authorization"]).toBeUndefined(); // line 19: no other auth form
      expect(r.headers["language"]).toBe("en"); // lines 35-37
    }
    expect(tp.redactor.redact(DOC_TOKEN)).toBe("***");
  });
});

describe("sobot replay: show (get_ticket_by_id, lines 3363-3605)", () => {
  it("reads the detail by ticketid with the timezoneid header, and maps the example", async () => {
    const d = await tp.provider.show(DETAIL_ID, { history: true });
    const read = named("get_ticket_by_id")[0]!;
    expect(read.method).toBe("GET"); // line 3371
    expect(read.query).toEqual({ ticketid: DETAIL_ID }); // line 3387
    expect(read.headers["timezoneid"]).toBe("Asia/Shanghai"); // lines 3382, 3393
    expect(() => TicketDetailSchema.parse(d)).not.toThrow();
    expect(d.id).toBe(DETAIL_ID); // line 3572
    expect(d.number).toBe("1534758910"); // line 3564
    expect(d.subject).toBe("Customer message"); // line 3569
    // line 3568 ticket_status "2"; lines 2013-2017: this tenant's "2" is "Awaiting Agent Reply", status_type 2 (In Progress)
    expect(d).toMatchObject({ status: "open", vendorStatus: "2" });
    expect(d.priority).toBe("low"); // line 3567 ticket_level "0", line 3417 0: Low
    expect(d.channel).toBe("desktop_site"); // line 3566 ticket_from "1", line 3416
    // line 3537 deal_agent_name "admin2" with no deal_agentid: the id comes from get_data_dict (lines 1320-1322)
    expect(d.assignee).toEqual({ id: ADMIN2, name: "admin2", email: null });
    expect(named("get_data_dict")).toHaveLength(1);
    expect(d.team).toBeNull(); // lines 3515-3516: deal_groupid "" and deal_group_name ""
    expect(d.requester).toMatchObject({ id: "fdd41fb55c4f41e4afa4906064deced3", name: "Beijing customers" }); // lines 3596-3597
    expect(d.createdAt).toBe("2023-03-06T06:48:43.404Z"); // line 3514 create_datetime_ms 1678085323404
    // line 3565 ticket_content "<p>test</p>" (HTML), from the customer (line 3563 start_type "1")
    expect(d.messages[0]).toMatchObject({ body: "test", internal: false, author: { type: "customer", name: "Beijing customers" } });
    // lines 3518-3535: one public reply "<p>343</p>" by agent admin2 with a jpg
    expect(d.messages[1]).toMatchObject({ id: "c11897076adc4dd98f7a64f026fc2632", body: "343", internal: false, author: { type: "agent", name: "admin2" } });
    expect(d.messages[1]!.attachments).toEqual([
      { id: null, name: "201905281146jpg", size: null, contentType: "image/jpeg", url: "https://img-sg.sobot.io/console/acb290d666814d65834c70073aed65f2/ticket/WeChat image_20190528114613_15686145601jpg" },
    ]); // lines 3520-3526
    expect(d.customFields).toEqual({ "Dropdown list": "999", time: "00:00", test234: "455445" }); // lines 3538-3560
    // lines 3598-3601: evaluation_datetime_ms 1678085323404, score 1, remark
    expect(d.satisfaction).toEqual({ score: 1, remark: "The problem was solved very quickly", at: "2023-03-06T06:48:43.404Z" });
    // lines 3573-3593: two log entries, oldest first
    expect(d.history?.map((h) => h.action)).toEqual(["Ticket create", "Ticket update"]);
  });
});

describe("sobot replay: list (query_tickets, lines 2889-3050; by update time, lines 3125-3287)", () => {
  it("asks one window in epoch ms with page_no and page_size, and maps the example's three tickets", async () => {
    const since = new Date(NOW.getTime() - 10 * 86_400_000);
    const tickets = await collect(tp.provider.list({ since }));
    const q = named("query_tickets")[0]!;
    expect(q.method).toBe("GET"); // line 2897
    // lines 2913-2914: *_ms bounds (Long); lines 2922-2923: page_no, page_size (max 50)
    expect(q.query).toEqual({ create_start_datetime_ms: String(since.getTime()), create_end_datetime_ms: String(NOW.getTime()), page_no: "1", page_size: "50" });
    expect(named("query_tickets")).toHaveLength(1); // line 3044: page_count 1
    expect(tickets.map((t) => t.id)).toEqual(["b6dacd72a5cf4e2999e78a18a9126c72", "266a341702ef40d595915a3c19676745", "f294176887284c5597794c636d5a1bfe"]); // lines 2994, 3017, 3035
    for (const t of tickets) expect(() => TicketSchema.parse(t)).not.toThrow();
    // line 2982: create_datetime_ms 16780853234040 is not a date (14 digits): the zoned string of line 2981 is used
    expect(tickets[0]!.createdAt).toBe("2018-09-18T01:10:05.000Z");
    expect(tickets[0]).toMatchObject({ number: "20190912000007", status: "open", vendorStatus: "1", channel: "desktop_site" }); // lines 2987-2991
    expect(tickets[0]!.assignee).toBeNull(); // line 2984: deal_agent_name ""
    // lines 3024-3025: "ming" in group "123": the agent's id from get_data_dict (line 1318), no group of that name
    expect(tickets[2]!.assignee).toEqual({ id: MING, name: "ming", email: null });
    expect(tickets[2]!.team).toBeNull();
    expect(tickets[2]).toMatchObject({ status: "new", vendorStatus: "0" }); // line 3032; lines 1965-1967: "0" is status_type 1 (New)
    expect(tickets[2]!.requester).toEqual({ id: null, name: "user3", email: "wangxun0104@hotmail.com", phone: "18280240680" }); // lines 3038-3041
  });

  it("with no --since walks two month windows; the example answered for both is listed once, not taken for a loop", async () => {
    const tickets = await collect(tp.provider.list({ limit: 30 }));
    expect(named("query_tickets")).toHaveLength(2); // line 2914: windows of at most one month cover the last 30 days
    expect(tickets.map((t) => t.number)).toEqual(["20190912000007", "20190912000006", "20190912000003"]); // lines 2987, 3010, 3028
  });

  it("--all (24 months of windows) against the example answered for every window: each ticket once, then exit 7 naming the window", async () => {
    const got: (string | null)[] = [];
    const err = await (async () => {
      for await (const t of tp.provider.list({})) got.push(t.number);
    })().catch((e: unknown) => e);
    expect(got).toEqual(["20190912000007", "20190912000006", "20190912000003"]);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/earlier windows again for window \d+-\d+ page 1/);
    expect(named("query_tickets")).toHaveLength(3); // the walk stops at the second repeated window, not 24 months back
  });

  it("--updated-since asks query_tickets_by_update_time with update_*_ms bounds", async () => {
    const since = new Date(NOW.getTime() - 3 * 86_400_000);
    const tickets = await collect(tp.provider.list({ updatedSince: since }));
    const q = named("query_tickets_by_update_time")[0]!;
    expect(q.query).toEqual({ update_start_datetime_ms: String(since.getTime()), update_end_datetime_ms: String(NOW.getTime()), page_no: "1", page_size: "50" }); // lines 3149-3159
    expect(tickets[0]!.updatedAt).toBe("2023-03-06T06:48:43.404Z"); // line 3232 update_datetime_ms 1678085323404
  });
});

/** The request fields each write documents (lines 2456-2476, 2601-2618, 2807-2811): nothing else is sent. */
const DOC_FIELDS: Record<string, string[]> = {
  save_ticket_reply: ["ticket_title", "ticket_content", "ticketid", "get_ticket_datetime_ms", "reply_content", "reply_type", "deal_groupid", "deal_group_name", "deal_agentid", "deal_agent_name", "reply_agentid", "reply_agent_name", "ticket_status", "ticket_level", "reply_file_str", "copy_agent", "extend_fields"],
  save_agent_ticket: ["companyid", "ticket_title", "userid", "ticket_content", "ticket_from", "deal_groupid", "deal_group_name", "deal_agentid", "deal_agent_name", "create_agentid", "create_agent_name", "recordid", "ticket_status", "ticket_level", "ticket_typeid", "file_str", "copy_agent", "extend_fields", "first_contact_type", "first_contact_info"],
  reminder: ["ticketid", "ticket_code", "reminder_agentid", "reminder_remark"],
};
function expectDocumentedJson(r: Seen): Record<string, unknown> {
  expect(r.method).toBe("POST");
  expect(String(r.headers["content-type"])).toMatch(/^application\/json/); // lines 2492, 2635, 2815
  for (const key of Object.keys(r.json!)) expect(DOC_FIELDS[r.name], `${r.name}.${key}`).toContain(key);
  return r.json!;
}

describe("sobot replay: writes", () => {
  it("reply: save_ticket_reply echoes the ticket read, as the table types it, keeping the assignee", async () => {
    const msg = await tp.provider.reply!(DETAIL_ID, { body: "agent reply", internal: false });
    const body = expectDocumentedJson(named("save_ticket_reply")[0]!);
    expect(body).toMatchObject({
      ticketid: DETAIL_ID, // line 2604
      ticket_title: "Customer message", // line 2602, echoed from line 3569
      ticket_content: "<p>test</p>", // line 2603, echoed from line 3565
      reply_content: "agent reply", // line 2606; the value of line 2638
      reply_type: "0", // line 2607: 0 Visible to all
      reply_agentid: MING, // line 2612
      reply_agent_name: "ming", // line 2613
      ticket_status: "2", // line 2614, echoed from line 3568
      ticket_level: "0", // line 2615, echoed from line 3567
      deal_agentid: ADMIN2, // line 2610: the assignee kept (line 3537 resolved through lines 1320-1322)
      deal_agent_name: "admin2", // line 2611
    });
    // line 2605: get_ticket_datetime_ms is a Long (epoch ms), not the example's "get_ticket_datetime" string (line 2639)
    expect(body.get_ticket_datetime_ms).toBe(1678085323404);
    expect(body).not.toHaveProperty("get_ticket_datetime");
    expect(body).not.toHaveProperty("deal_groupid"); // line 3515: the ticket has no group
    for (const k of ["ticket_title", "ticket_content", "ticketid", "reply_type", "ticket_status", "ticket_level"]) expect(typeof body[k], k).toBe("string"); // lines 2602-2615 (String)
    expect(body.extend_fields).toEqual([
      { fieldid: "3ceef648f3d6412abdf8fd6aac5db9f3", field_value: "540264609760473" },
      { fieldid: "4e1e6b21b433461d9bac2cee6d3297d1", field_value: "00:00" },
      { fieldid: "d1dc7e1e13794cf1a936d74b76c4ecc0", field_value: "455445" },
    ]); // lines 2626-2630 (fieldid, field_value), echoed from lines 3538-3560
    // lines 2656-2659: the answer has no reply id; the read-back (the same example) does not hold it yet
    expect(msg).toMatchObject({ body: "agent reply", internal: false, author: { type: "agent", id: MING, name: "ming" } });
  });

  it("reply --internal and close --comment are reply_type 1 (line 2607: Visible to agents only)", async () => {
    await tp.provider.reply!(DETAIL_ID, { body: "note", internal: true });
    await tp.provider.close!(DETAIL_ID, { comment: "closing note" });
    const [note, close] = named("save_ticket_reply").map(expectDocumentedJson);
    expect(note).toMatchObject({ reply_type: "1", reply_content: "note" });
    // line 2614 ticket_status 99: Closed (lines 2111-2115: this tenant's "99" is status_type 6, Closed)
    expect(close).toMatchObject({ reply_type: "1", reply_content: "closing note", ticket_status: "99" });
  });

  it("assign: deal_agentid and deal_agent_name from get_data_dict, by name", async () => {
    await tp.provider.assign!(DETAIL_ID, { assignee: "ming" });
    const body = expectDocumentedJson(named("save_ticket_reply")[0]!);
    expect(body).toMatchObject({ deal_agentid: MING, deal_agent_name: "ming", ticket_status: "2" }); // lines 2610-2611; lines 1316-1318
    expect(body).not.toHaveProperty("reply_content");
  });

  it("escalate: ticket_level 3 (line 2615: 3 Urgent), then a reminder (lines 2807-2811)", async () => {
    await tp.provider.escalate!(DETAIL_ID, { reason: "reminder note" });
    expect(expectDocumentedJson(named("save_ticket_reply")[0]!)).toMatchObject({ ticket_level: "3" });
    const reminder = expectDocumentedJson(named("reminder")[0]!);
    expect(reminder).toEqual({ ticketid: DETAIL_ID, reminder_agentid: MING, reminder_remark: "reminder note" }); // line 2817-2818's shape
  });

  it("create: save_agent_ticket with the table's required fields as strings, then reads item.ticketid back", async () => {
    const created = await tp.provider.create!({ subject: "test", body: "test", priority: "low", requester: "007e447e1c104583971c2e990df0d4ac" });
    expect(created.id).toBe("5c4015d7bf71493db4a53a2877a1ae98"); // line 2520: item.ticketid
    const body = expectDocumentedJson(named("save_agent_ticket")[0]!);
    // lines 2457-2471 (required: companyid, ticket_title, ticket_content, ticket_from, create_agentid,
    // create_agent_name, ticket_status, ticket_level, ticket_typeid); the values of line 2495
    expect(body).toEqual({
      companyid: "acb290d666814d65834c70073aed65f2",
      ticket_title: "test",
      ticket_content: "test",
      ticket_from: "0", // line 2461: 0 Ticket Center
      create_agentid: MING,
      create_agent_name: "ming",
      ticket_status: "0", // line 2469; lines 1965-1967: "0" is New
      ticket_level: "0", // line 2470: 0 Low
      ticket_typeid: "9", // line 2471: a leaf (lines 1264-1269)
      userid: "007e447e1c104583971c2e990df0d4ac", // line 2459
    });
    // lines 2518-2525: item.ticketid, read back with get_ticket_by_id
    expect(named("get_ticket_by_id").at(-1)!.query).toEqual({ ticketid: "5c4015d7bf71493db4a53a2877a1ae98" });
  });

  it("upload: multipart upload_file with file and file_num_key, then reply_file_str with the file_url", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sobot-replay-"));
    const path = join(dir, "WeChat Image_201905281146.jpg");
    writeFileSync(path, "jpg bytes");
    const out = await tp.provider.upload!(DETAIL_ID, [{ path, name: "WeChat Image_201905281146.jpg", size: 9 }], { message: "Files attached" });
    const up = named("upload_file")[0]!;
    expect(up.method).toBe("POST"); // line 2738
    expect(String(up.headers["content-type"])).toMatch(/^multipart\/form-data; ?boundary=/); // line 2734
    expect(up.files).toEqual(["file:WeChat Image_201905281146.jpg"]); // line 2749: file
    expect(Object.keys(up.form!)).toEqual(["file_num_key"]); // line 2750: file_num_key
    const url = "https://img-sg.sobot.io/console/acb290d666814d65834c70073aed65f2/ticket/WeChat image_201905281146jpg"; // line 2774
    expect(out[0]).toMatchObject({ url, name: "WeChat Image_201905281146.jpg" });
    expect(expectDocumentedJson(named("save_ticket_reply")[0]!)).toMatchObject({ reply_file_str: url, reply_content: "Files attached", reply_type: "0" }); // line 2616
  });
});
