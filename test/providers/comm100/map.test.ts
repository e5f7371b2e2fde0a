import { describe, expect, it } from "vitest";
import { STATUSES } from "../../../src/model/enums.js";
import {
  decodeBody,
  PRIORITY_FROM_COMM100,
  PRIORITY_TO_COMM100,
  STATUS_FROM_COMM100,
  STATUS_TO_COMM100,
  statusFromComm100,
  ticketFromComm100,
} from "../../../src/providers/comm100/map.js";
import { WireTicketSchema } from "../../../src/providers/comm100/schema.js";

describe("Comm100 status and priority tables", () => {
  it("maps every documented Comm100 status, and back to the same value", () => {
    expect(Object.keys(STATUS_FROM_COMM100).sort()).toEqual(["new", "onHold", "pendingExternal", "pendingInternal", "resolved"]);
    for (const [vendor, model] of Object.entries(STATUS_FROM_COMM100)) expect(STATUS_TO_COMM100[model]).toBe(vendor);
  });
  it("maps every normalized status to a documented Comm100 one (closed becomes resolved)", () => {
    for (const s of STATUSES) expect(Object.keys(STATUS_FROM_COMM100)).toContain(STATUS_TO_COMM100[s]);
    expect(STATUS_TO_COMM100.closed).toBe("resolved");
  });
  it("tolerates an unknown status: open, with vendorStatus kept", () => {
    expect(statusFromComm100("archivedSomehow")).toBe("open");
    const t = ticketFromComm100(WireTicketSchema.parse({ id: 5, subject: "x", status: "archivedSomehow" }), "p", undefined);
    expect(t.vendorStatus).toBe("archivedSomehow");
  });
  it("priorities round-trip", () => {
    for (const [vendor, model] of Object.entries(PRIORITY_FROM_COMM100)) expect(PRIORITY_TO_COMM100[model]).toBe(vendor);
  });
});

describe("Comm100 ticket mapping", () => {
  it("normalizes the doc's sample ticket", () => {
    const sample = {
      id: 11, subject: "Chat Transcript with Michael", assigneeId: "1487fc9d-92e6-4487-a2e8-92e68d6892e6", departmentAssigneeId: "91B032D9-0D07-4798-95F7-7EA482BC592C",
      channelId: "F9B07E54-0D35-4F53-BA63-1194E4297291", contactOrVisitorId: "E23B5D3C-4E7E-4131-9B3A-52B061BA7DE4", status: "new", priority: "normal",
      createdTime: "2021-05-12T08:10:53.480Z", lastUpdatedTime: "2021-04-07T05:59:17.887Z", replyingAgent: "", tags: [{ id: "bdf96bad-890f-4af5-8f4e-42d2cc29e61b", name: "my tag" }],
      tagIds: ["1487fc9d-92e6-4487-a2e8-92e68d6892e6"], unexpectedNewField: { whatever: true },
    };
    const t = ticketFromComm100(WireTicketSchema.parse(sample), "work", undefined);
    expect(t).toMatchObject({
      id: "11", number: null, subject: "Chat Transcript with Michael", status: "new", vendorStatus: "new", priority: "normal",
      assignee: { id: "1487fc9d-92e6-4487-a2e8-92e68d6892e6", name: null, email: null }, team: { id: "91B032D9-0D07-4798-95F7-7EA482BC592C", name: null },
      channel: "F9B07E54-0D35-4F53-BA63-1194E4297291", tags: ["my tag"], createdAt: "2021-05-12T08:10:53.480Z", vendor: "comm100", profile: "work",
    });
    expect(t.raw).toBeUndefined();
  });
  it("decodes base64 data-URI bodies and leaves plain text alone", () => {
    expect(decodeBody("data:text/plain;base64,PHA+MTExPC9wPg==")).toBe("<p>111</p>");
    expect(decodeBody("plain text")).toBe("plain text");
    expect(decodeBody(null)).toBe("");
  });
});
