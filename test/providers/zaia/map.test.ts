import { describe, expect, it } from "vitest";
import { STATUSES } from "../../../src/model/enums.js";
import { MessageSchema, TicketSchema } from "../../../src/model/schema.js";
import { ZodError, type z } from "zod";
import { GUESSED_STATUSES, STATUS_DIALECTS } from "../../../src/providers/zaia/guesses.js";
import { chatMessageToModel, entityToTicket, requesterFromRow, rowCustomFields, rowHistory, rowToTicket, toIso } from "../../../src/providers/zaia/map.js";
import { ChatMessagesSchema, DetailRowSchema, TicketEntitySchema } from "../../../src/providers/zaia/schema.js";
import { allowedValuesIn, createStatusFor, modelStatus, vendorStatusesFor } from "../../../src/providers/zaia/statuses.js";

/** Parse as the provider does: a wrong shape throws the ZodError. */
const parseWire = <S extends z.ZodType>(schema: S, value: unknown, _what?: string): z.output<S> => schema.parse(value);

const ctx = { profile: "p", raw: false };

const fullRow = {
  assigneeEmail: "ana.silva@acme.example",
  assigneeId: "5f0c1a52-9d7e-4b3a-8c21-0e6f4d2b9a11",
  assigneeName: "Ana Silva",
  assigneePicture: null,
  channelId: "0b6c2f9e-4c1d-4a8e-9f3a-2d5e7b1c8a40",
  channelName: "WhatsApp Business",
  channelType: "whatsapp",
  chatId: "7d1e3c55-2a4b-4c6d-8e9f-1a2b3c4d5e6f",
  chatIsRemoved: false,
  chatOwnerId: "c3d4e5f6-a7b8-4c9d-8e0f-112233445566",
  completedAt: null,
  createdAt: "2024-05-01T10:00:00Z",
  id: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
  isOwnerBlocked: false,
  ongoingAt: "2024-05-01T10:30:00.5+02:00",
  ownerEmail: null,
  ownerEntity: "external-users",
  ownerIdentifier: "+55 11 91234-5678",
  ownerName: "Budi Santoso",
  pendingChatMessages: 2,
  responderEntity: "agents",
  responderId: "aa8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
  responderName: "Lia, support agent",
  responderPicture: null,
  responderVersionId: null,
  responderVersionNumber: 3,
  status: "ongoing",
  summary: "Refund for duplicate charge",
  ticketingTeamId: "bb8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
  ticketingTeamName: "Billing",
  ticketingTeamPicture: null,
  workspaceId: "cc8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
};

describe("Zaia status tables", () => {
  it("maps every spelling of the three stages to the model, and each model stage back to its own spelling", () => {
    for (const dialect of STATUS_DIALECTS) {
      expect(dialect.map(modelStatus)).toEqual(["new", "open", "closed"]);
      for (const s of dialect) expect(createStatusFor(modelStatus(s), dialect)).toBe(s);
    }
    expect(modelStatus("In Progress")).toBe("open");
    expect(modelStatus("in-progress")).toBe("open");
  });

  it("maps every model status to the values that carry it (or says Zaia has none)", () => {
    const values = [...GUESSED_STATUSES];
    for (const s of STATUSES) {
      const { statuses, unmapped } = vendorStatusesFor([s], values);
      if (statuses.length === 0) {
        expect(unmapped).toEqual([s]);
        expect(createStatusFor(s, values)).toBeNull();
        continue;
      }
      for (const z of statuses) expect(s === "resolved" ? "closed" : s).toBe(modelStatus(z));
    }
    expect(vendorStatusesFor(["resolved", "closed", "new"], values).statuses).toEqual(["pending", "completed"]);
    expect(vendorStatusesFor(["pending", "on_hold"], values)).toEqual({ statuses: [], unmapped: ["pending", "on_hold"] });
    expect(vendorStatusesFor(["open"], ["PENDING", "ONGOING", "COMPLETED"]).statuses).toEqual(["ONGOING"]);
  });

  it("reads the allowed values from a refusal, in the wordings it may take", () => {
    expect(allowedValuesIn("status must be one of the following values: PENDING, ONGOING, COMPLETED")).toEqual(["PENDING", "ONGOING", "COMPLETED"]);
    expect(allowedValuesIn("Invalid enum value. Expected values: 'open' | 'closed'")).toEqual(["open", "closed"]);
    expect(allowedValuesIn("Invalid status")).toBeNull();
    expect(allowedValuesIn(undefined)).toBeNull();
  });

  it("passes an unknown Zaia status through as vendorStatus without crashing", () => {
    const row = parseWire(DetailRowSchema, { ...fullRow, status: "snoozed" }, "a ticket");
    const t = rowToTicket(row, fullRow, ctx);
    expect(t.vendorStatus).toBe("snoozed");
    expect(t.status).toBe("open");
    expect(() => TicketSchema.parse(t)).not.toThrow();
  });
});

describe("Zaia dates", () => {
  it("re-prints ISO dates as UTC with milliseconds, and null for nothing", () => {
    expect(toIso("2024-05-01T10:00:00Z")).toBe("2024-05-01T10:00:00.000Z");
    expect(toIso("2024-05-01T10:30:00.5+02:00")).toBe("2024-05-01T08:30:00.500Z");
    expect(toIso(null)).toBeNull();
    expect(toIso(undefined)).toBeNull();
    expect(toIso("")).toBeNull();
    expect(toIso("not a date")).toBeNull();
  });
});

describe("Zaia detail row -> Ticket", () => {
  it("maps assignee, team, channel, owner and dates", () => {
    const row = parseWire(DetailRowSchema, fullRow, "a ticket");
    const t = rowToTicket(row, fullRow, ctx);
    expect(() => TicketSchema.parse(t)).not.toThrow();
    expect(t).toMatchObject({
      id: fullRow.id,
      number: null,
      subject: "Refund for duplicate charge",
      status: "open",
      vendorStatus: "ongoing",
      priority: null,
      assignee: { id: fullRow.assigneeId, name: "Ana Silva", email: "ana.silva@acme.example" },
      team: { id: fullRow.ticketingTeamId, name: "Billing" },
      requester: { id: fullRow.chatOwnerId, name: "Budi Santoso", email: null, phone: "+55 11 91234-5678" },
      channel: "whatsapp",
      tags: [],
      createdAt: "2024-05-01T10:00:00.000Z",
      // The latest lifecycle timestamp: ongoingAt (08:30Z) is earlier than createdAt here.
      updatedAt: "2024-05-01T10:00:00.000Z",
      vendor: "zaia",
      profile: "p",
    });
    expect(t.raw).toBeUndefined();
    expect(rowToTicket(row, fullRow, { profile: "p", raw: true }).raw).toBe(fullRow);
  });

  it("turns missing or null nullable fields into null, never undefined or empty strings", () => {
    const minimal = { id: fullRow.id, chatId: fullRow.chatId, status: "pending" };
    const row = parseWire(DetailRowSchema, minimal, "a ticket");
    for (const [k, v] of Object.entries(row)) expect(v, k).not.toBeUndefined();
    const t = rowToTicket(row, minimal, ctx);
    expect(() => TicketSchema.parse(t)).not.toThrow();
    expect(t).toMatchObject({ subject: "", assignee: null, team: null, requester: null, channel: null, createdAt: null, updatedAt: null });
    expect(JSON.stringify(t)).not.toContain('"undefined"');
    const fields = rowCustomFields(row);
    for (const [k, v] of Object.entries(fields)) expect(v, k).not.toBeUndefined();
  });

  it("reads the requester from a platform user's email or an external identifier", () => {
    const row = (o: Record<string, unknown>) => parseWire(DetailRowSchema, { ...fullRow, ...o }, "a ticket");
    expect(requesterFromRow(row({ ownerEntity: "users", ownerEmail: "me@acme.example", ownerIdentifier: null }))).toMatchObject({
      email: "me@acme.example",
      phone: null,
    });
    expect(requesterFromRow(row({ ownerIdentifier: "someone@mail.example" }))).toMatchObject({ email: "someone@mail.example", phone: null });
    expect(requesterFromRow(row({ ownerName: null, ownerIdentifier: "@budi_12" }))).toMatchObject({ name: "@budi_12", email: null, phone: null });
  });

  it("ignores extra fields and rejects a row without an id, naming the field", () => {
    const row = parseWire(DetailRowSchema, { ...fullRow, brandNewField: 1 }, "a ticket");
    expect(row).not.toHaveProperty("brandNewField");
    const err = (() => {
      try {
        return parseWire(DetailRowSchema, { ...fullRow, id: undefined }, "a ticket");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ZodError);
    expect((err as ZodError).issues[0]?.path).toEqual(["id"]);
  });

  it("derives history from the lifecycle timestamps", () => {
    const row = parseWire(DetailRowSchema, { ...fullRow, completedAt: "2024-05-02T00:00:00Z" }, "a ticket");
    expect(rowHistory(row).map((h) => [h.action, h.at])).toEqual([
      ["created", "2024-05-01T10:00:00.000Z"],
      ["ongoing", "2024-05-01T08:30:00.500Z"],
      ["completed", "2024-05-02T00:00:00.000Z"],
    ]);
  });
});

describe("Zaia ticket entity -> Ticket", () => {
  it("maps the write response when the detail row is not available", () => {
    const wire = {
      createdAt: "2024-05-01T10:00:00Z",
      id: fullRow.id,
      updatedAt: "2024-05-03T10:00:00Z",
      assigneeId: fullRow.assigneeId,
      chatId: fullRow.chatId,
      circumstance: "takeover",
      completedAt: "2024-05-03T10:00:00Z",
      lastViewedAt: null,
      ongoingAt: null,
      status: "completed",
      summary: "s",
      ticketingTeamId: null,
    };
    const t = entityToTicket(parseWire(TicketEntitySchema, wire, "x"), wire, ctx);
    expect(() => TicketSchema.parse(t)).not.toThrow();
    expect(t).toMatchObject({ status: "closed", assignee: { id: fullRow.assigneeId, name: null, email: null }, team: null, updatedAt: "2024-05-03T10:00:00.000Z" });
  });
});

describe("Zaia chat messages -> Message", () => {
  const owner = fullRow.chatOwnerId;
  const msg = (o: Record<string, unknown>) => parseWire(ChatMessagesSchema, [{ id: "m1", createdAt: "2024-05-01T10:00:00Z", ...o }], "chat messages")[0]!;

  it("decides the author from the chat owner, then the sender entity", () => {
    expect(chatMessageToModel(msg({ senderId: owner, senderEntity: "users", content: "hi" }), owner).author.type).toBe("customer");
    expect(chatMessageToModel(msg({ senderId: "x", senderEntity: "external-users" }), owner).author.type).toBe("customer");
    expect(chatMessageToModel(msg({ senderId: "u", senderEntity: "users" }), owner).author.type).toBe("agent");
    for (const e of ["agents", "squads", "workflows"]) expect(chatMessageToModel(msg({ senderId: "r", senderEntity: e }), owner).author.type).toBe("bot");
    expect(chatMessageToModel(msg({ senderEntity: "something-new" }), owner).author.type).toBe("system");
  });

  it("reads the body and the joined sender, and produces a valid Message", () => {
    const m = chatMessageToModel(msg({ senderId: "u", senderEntity: "users", text: "from text", sender: { name: "Ana Silva" } }), owner);
    expect(() => MessageSchema.parse(m)).not.toThrow();
    expect(m).toMatchObject({ body: "from text", internal: false, createdAt: "2024-05-01T10:00:00.000Z", author: { name: "Ana Silva", id: "u" } });
  });

  it("reads a body from content parts, { text } or text, and a sender that is only nested", () => {
    const parts = chatMessageToModel(msg({ content: [{ type: "text", text: "Hello " }, { type: "text", text: "there" }], sender: { id: owner, entity: "external-users", name: "Budi" } }), owner);
    expect(parts).toMatchObject({ body: "Hello there", author: { type: "customer", id: owner, name: "Budi" } });
    expect(chatMessageToModel(msg({ content: { text: "boxed" } }), owner).body).toBe("boxed");
    expect(chatMessageToModel(msg({ message: "plain" }), owner).body).toBe("plain");
    expect(chatMessageToModel(msg({ sender: { id: "u", entity: "users" } }), owner).author.type).toBe("agent");
  });

  it("accepts a bare array or a data/items envelope, and refuses anything else", () => {
    const one = [{ id: "m1", content: "x" }];
    expect(parseWire(ChatMessagesSchema, one, "m")).toHaveLength(1);
    expect(parseWire(ChatMessagesSchema, { data: one }, "m")).toHaveLength(1);
    expect(parseWire(ChatMessagesSchema, { items: one }, "m")).toHaveLength(1);
    expect(parseWire(ChatMessagesSchema, { data: one, pagination: { limit: 250 } }, "m")).toHaveLength(1);
    expect(() => parseWire(ChatMessagesSchema, { messages: "nope" }, "m")).toThrow(ZodError);
  });
});
