import { describe, expect, it } from "vitest";
import { PRIORITIES, STATUSES } from "../../../src/model/enums.js";
import { MessageSchema, TicketSchema } from "../../../src/model/schema.js";
import {
  authorOf,
  contentTypeFor,
  epochToIso,
  fileLinksIn,
  firstMessageOf,
  historyOf,
  matchesText,
  messageFromVendor,
  parseZonedDateTime,
  PRIORITY_TO_VENDOR,
  priorityFromVendor,
  STATUS_TO_VENDOR,
  statusFromVendor,
  ticketFromVendor,
} from "../../../src/providers/3dolphins/map.js";
import { EnvelopeSchema, WireMessageSchema, WireTicketSchema } from "../../../src/providers/3dolphins/schema.js";

/** Fields of the doc's update/reassign sample answer (placeholders kept as printed). */
const REASSIGNED = {
  id: "[Id]",
  owner: "[ownerId]",
  createdDate: 1599538196973,
  createdBy: "f1b380ced4477dd87e8d7ad842af7ae2",
  modifiedDate: 1599538402102,
  accountId: "[accountId]",
  accountName: "[accountName]",
  answer: false,
  assignedAgent: "[agentId]",
  assignedDate: 1599538402056,
  assignedDateText: "2020-09-08 11:13",
  channelType: "[channelType]",
  contactId: "[contactId]",
  incoming: true,
  message: "[message]",
  messageId: "[messageId]",
  parent: 1,
  priority: false,
  severity: "Not Set",
  status: "Assigned",
  timelineStatus: "Assigned",
  subject: "[subject]",
  supervisor: "[supervisorId]",
  ticketNumber: "[ticketNumber]",
  transferedFrom: "Bot",
  ticketTags: ["default", "default"],
  customFields: { online_date: 1599538197055 },
  contact: { id: "[Id]", username: "[username]", socialAccounts: [], rating: 4, contactTouchpoints: [] },
  agentName: "[agentName]",
  statusStyle: "ticket-assigned",
};

describe("3dolphins status table", () => {
  it("maps every documented/inferred vendor status, unknown -> open", () => {
    expect(statusFromVendor("Unassigned")).toBe("new");
    expect(statusFromVendor("Assigned")).toBe("open");
    expect(statusFromVendor("Open")).toBe("open");
    expect(statusFromVendor("Pending")).toBe("pending");
    expect(statusFromVendor("Closed")).toBe("closed");
    expect(statusFromVendor("closed")).toBe("closed");
    expect(statusFromVendor("Escalated")).toBe("open");
    expect(statusFromVendor(undefined)).toBe("open");
  });

  it("a vendor value named like an Object.prototype member is just an unknown value", () => {
    for (const v of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      expect(statusFromVendor(v), v).toBe("open");
      expect(priorityFromVendor(v, false), v).toBeNull();
      expect(contentTypeFor(`report.${v.toLowerCase()}`), v).toBeNull();
    }
  });

  it("round-trips: every vendor status a normalized status queries maps back to it", () => {
    for (const s of STATUSES) {
      for (const v of STATUS_TO_VENDOR[s]) expect(statusFromVendor(v), `${s} <- ${v}`).toBe(s);
    }
    expect(STATUS_TO_VENDOR.on_hold).toEqual([]);
    expect(STATUS_TO_VENDOR.resolved).toEqual([]);
    expect(STATUS_TO_VENDOR.open).toEqual(["Assigned", "Open"]);
  });
});

describe("3dolphins priority table", () => {
  it("maps severity, with the priority flag meaning urgent", () => {
    expect(priorityFromVendor("Not Set", false)).toBeNull();
    expect(priorityFromVendor("Low", false)).toBe("low");
    expect(priorityFromVendor("Medium", null)).toBe("normal");
    expect(priorityFromVendor("High", undefined)).toBe("high");
    expect(priorityFromVendor("high", false)).toBe("high");
    expect(priorityFromVendor("Low", true)).toBe("urgent");
    expect(priorityFromVendor("Bizarre", false)).toBeNull();
    expect(priorityFromVendor(undefined, undefined)).toBeNull();
  });

  it("round-trips every normalized priority", () => {
    for (const p of PRIORITIES) {
      const v = PRIORITY_TO_VENDOR[p];
      expect(priorityFromVendor(v.severity ?? "Not Set", v.priority ?? false), p).toBe(p);
    }
  });
});

describe("3dolphins dates", () => {
  it("epoch ms -> ISO UTC with milliseconds", () => {
    expect(epochToIso(1595403499334)).toBe("2020-07-22T07:38:19.334Z");
    expect(epochToIso("1595403499334")).toBe("2020-07-22T07:38:19.334Z");
    expect(epochToIso(0)).toBeNull();
    expect(epochToIso(null)).toBeNull();
    expect(epochToIso("garbage")).toBeNull();
  });

  it("parses Java ZonedDateTime expireAt strings", () => {
    expect(parseZonedDateTime("2020-10-22T17:40:55.372+07:00[Asia/Jakarta]")).toBe(Date.parse("2020-10-22T10:40:55.372Z"));
    expect(parseZonedDateTime("2020-10-22T10:40:55.372123456Z[UTC]")).toBe(Date.parse("2020-10-22T10:40:55.372Z"));
    expect(parseZonedDateTime("2020-10-22T17:40:55+07:00")).toBe(Date.parse("2020-10-22T10:40:55Z"));
    expect(parseZonedDateTime("tomorrow")).toBeNull();
    expect(parseZonedDateTime(undefined)).toBeNull();
  });
});

describe("3dolphins ticket mapping", () => {
  it("maps the doc's reassign sample", () => {
    const t = ticketFromVendor(WireTicketSchema.parse(REASSIGNED), "work");
    expect(() => TicketSchema.parse(t)).not.toThrow();
    expect(t).toMatchObject({
      id: "[ticketNumber]",
      number: null,
      subject: "[subject]",
      status: "open",
      vendorStatus: "Assigned",
      priority: null,
      assignee: { id: "[agentId]", name: "[agentName]", email: null },
      team: null,
      requester: { id: "[contactId]", name: "[accountName]" },
      channel: "[channelType]",
      tags: ["default"],
      createdAt: "2020-09-08T04:09:56.973Z",
      updatedAt: "2020-09-08T04:13:22.102Z",
      vendor: "3dolphins",
      profile: "work",
    });
    expect(t.raw).toBeUndefined();
    expect(ticketFromVendor(WireTicketSchema.parse(REASSIGNED), "work", REASSIGNED).raw).toBe(REASSIGNED);
  });

  it("tolerates odd types, extra fields and unknown values", () => {
    const w = WireTicketSchema.parse({ ticketNumber: "123", subject: null, message: "hi", status: "Snoozed", severity: "Critical", ticketTags: "vip", priority: "false", createdDate: "1598866866045", brandNew: { x: 1 }, contact: "not an object" });
    const t = ticketFromVendor(w, "p");
    expect(t).toMatchObject({ id: "123", subject: "hi", status: "open", vendorStatus: "Snoozed", priority: "urgent", tags: ["vip"], createdAt: "2020-08-31T09:41:06.045Z", requester: null });
  });

  it("prefers the contact's name, email and phone for the requester, and toGroup for the team", () => {
    const w = WireTicketSchema.parse({
      ticketNumber: "1",
      contactId: "c1",
      accountName: "MINDA",
      toGroup: "g1",
      group: "Bot",
      contact: { contactFirstName: "Shafitri", contactLastName: " Nurhanifa", contactEmail: ["Shafitri@yahoo.com"], phones: ["081294379508"] },
    });
    const t = ticketFromVendor(w, "p");
    expect(t.requester).toEqual({ id: "c1", name: "Shafitri Nurhanifa", email: "Shafitri@yahoo.com", phone: "081294379508" });
    expect(t.team).toEqual({ id: "g1", name: null });
    expect(ticketFromVendor(WireTicketSchema.parse({ ticketNumber: "1", group: "Bot" }), "p").team).toBeNull();
  });

  it("refuses a record without a ticketNumber with a ZodError naming the field (exit 1 upstream)", () => {
    // A fraction is a wrong shape; a whole number is tolerated (next test).
    for (const bad of [{ subject: "x" }, { ticketNumber: "  " }, { ticketNumber: null }, { ticketNumber: 1.5 }]) {
      const r = WireTicketSchema.safeParse(bad);
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["ticketNumber"]);
    }
  });

  it("tolerates a whole-number ticketNumber, read as its digits", () => {
    expect(WireTicketSchema.parse({ ticketNumber: 12345 }).ticketNumber).toBe("12345");
  });

  it("builds history from the lifecycle timestamps, oldest first", () => {
    const w = WireTicketSchema.parse({
      ticketNumber: "1",
      createdDate: 1598932282864,
      assignedDate: 1598932284198,
      assignedAgent: "a1",
      agentName: "Ana",
      openDate: 1598932303746,
      pendingDate: 1598932305361,
      closedDate: 1598932344043,
      closedBy: "a1",
      closureType: "Resolved",
      remark: "CAS-19-AW3702",
    });
    expect(historyOf(w).map((h) => [h.action, h.actor, h.detail])).toEqual([
      ["created", null, null],
      ["assigned", null, "to Ana"],
      ["opened", null, null],
      ["pending", null, null],
      ["closed", "a1", "Resolved: CAS-19-AW3702"],
    ]);
  });

  it("--query FIELD=VALUE reads the vendor record; plain text searches subject and first message", () => {
    const raw = { ticketNumber: "7", subject: "Refund please", channelType: "whatsapp", contact: { username: "afeeeh" } };
    const w = WireTicketSchema.parse(raw);
    expect(matchesText(w, raw, "channelType=whatsapp")).toBe(true);
    expect(matchesText(w, raw, "channelType=email")).toBe(false);
    expect(matchesText(w, raw, "contact.username=AFE")).toBe(true);
    expect(matchesText(w, raw, "refund")).toBe(true);
    expect(matchesText(w, raw, "invoice")).toBe(false);
  });
});

describe("3dolphins messages", () => {
  const base = { accountId: "cust-1", accountName: "Shafitri", friendlyName: "WebChat", agentName: "Fadhil" };

  it("answer/incoming decide the side; replyAgent decides bot, automation or agent", () => {
    expect(authorOf({ ...base, answer: false })).toEqual({ type: "customer", id: "cust-1", name: "Shafitri" });
    expect(authorOf({ ...base, incoming: true })).toEqual({ type: "customer", id: "cust-1", name: "Shafitri" });
    expect(authorOf({ ...base, answer: true, replyAgent: "Bot" })).toEqual({ type: "bot", id: "Bot", name: "Bot" });
    expect(authorOf({ ...base, answer: true, replyAgent: "ticket-automation" })).toMatchObject({ type: "system", id: "ticket-automation" });
    expect(authorOf({ ...base, answer: true, replyAgent: "a1b2" })).toEqual({ type: "agent", id: "a1b2", name: "Fadhil" });
    expect(authorOf({ ...base, incoming: false, replyAgent: "a1b2" })).toMatchObject({ type: "agent" });
    expect(authorOf({ ...base, answer: true })).toMatchObject({ type: "system", id: null });
  });

  it("maps the doc's conversation bubble", () => {
    const m = messageFromVendor(
      WireMessageSchema.parse({ id: "[Id]", answer: true, replyAgent: "Bot", message: "[message]", messageId: "[messageId] ", createdDate: 1598935344537, friendlyName: "WebChat" }),
    );
    expect(() => MessageSchema.parse(m)).not.toThrow();
    expect(m).toEqual({
      id: "[messageId]",
      author: { type: "bot", id: "Bot", name: "Bot" },
      body: "[message]",
      internal: false,
      createdAt: "2020-09-01T04:42:24.537Z",
      attachments: [],
    });
  });

  it("the ticket record is the customer's first message", () => {
    const first = firstMessageOf(WireTicketSchema.parse({ ...REASSIGNED, message: "/start" }));
    expect(first).toMatchObject({ id: "[messageId]", body: "/start", author: { type: "customer", id: "[accountId]" } });
    expect(firstMessageOf(WireTicketSchema.parse({ ticketNumber: "1" }))).toBeNull();
  });

  it("finds links to the server's own files as attachments", () => {
    const base = "http://h/dolphin/apiv1/graph/tickets/files";
    const body = `See:\na.pdf: ${base}/f00d/a%20b.pdf\nelsewhere: http://other/x.png`;
    expect(fileLinksIn(body, base)).toEqual([{ id: "f00d", name: "a b.pdf", size: null, contentType: "application/pdf", url: `${base}/f00d/a%20b.pdf` }]);
  });
});

describe("3dolphins envelope", () => {
  it("reads the documented envelope, tolerating the samples' quirks", () => {
    expect(EnvelopeSchema.parse({ status: "success", data: "[]", hasMore: false, nextIndex: 0, prevIndex: 0, totalResults: 0 })).toMatchObject({ status: "success", hasMore: false });
    expect(EnvelopeSchema.parse({ status: "success", data: 0, hasMore: "true", nextIndex: "50" })).toMatchObject({ hasMore: true, nextIndex: 50 });
  });

  it("an answer that is not the envelope is a ZodError naming what is missing, never a guess", () => {
    for (const body of [{ data: [] }, [], "ok", null]) {
      const r = EnvelopeSchema.safeParse(body);
      expect(r.success, JSON.stringify(body)).toBe(false);
    }
    expect(EnvelopeSchema.safeParse({ data: [] }).error?.issues[0]?.path).toEqual(["status"]);
  });
});
