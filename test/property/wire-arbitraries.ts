/**
 * fast-check arbitraries for what arrives on the wire: JSON values shaped like each vendor's
 * zod wire schema (src/providers/<vendor>/schema.ts), written by hand from the schemas and the
 * vendor documents. Optional fields are absent, null or present; text is hostile; enums include
 * values nobody documented; timestamps come in every form the schemas let through.
 */
import fc from "fast-check";
import { anyString } from "./hostile.js";

// ------------------------------------------------------------------------------ building blocks

/** A JSON object whose keys may each be missing. */
export const obj = <T>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record<T, never>(shape, { requiredKeys: [] });
/** Present, or null. */
export const orNull = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.constant(null));
/** Not a name every object answers to (those have their own property, see prototypeKey). */
export const notPrototypeKey = (s: string) => !(s in Object.prototype);

/** Known values, plus strings nobody documented. */
export const enumish = (...known: string[]) => fc.oneof(fc.constantFrom(...known), anyString.filter(notPrototypeKey), fc.constantFrom("UNKNOWN", "archived", "-1", "42"));

/**
 * Names every plain JavaScript object answers to: a lookup table (`TABLE[value] ?? fallback`)
 * indexed with one of these returns a function or an object, not undefined. They have their own
 * property, so a failure names this bug and not another.
 */
export const prototypeKey = fc.constantFrom("toString", "constructor", "valueOf", "hasOwnProperty", "__proto__", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString");

export const text = anyString;
/** Ids as vendors send them: numbers, numeric strings, UUIDs, any other non-empty text. An empty id has its own property. */
export const idLike = fc.oneof(fc.integer({ min: 0 }).map(String), fc.uuid(), anyString.filter((s) => s.length > 0));
export const idNumberOrString = fc.oneof(fc.integer(), idLike);

// ------------------------------------------------------------------------------ time

const plausible = fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true });
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const wall = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
const offset = fc.integer({ min: -14 * 60, max: 14 * 60 }).map((m) => `${m < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(m) / 60))}:${pad(Math.abs(m) % 60)}`);

/** Timestamps as strings, in every form a vendor (or a broken vendor) might use. */
export const timestampString = fc.oneof(
  plausible.map((d) => d.toISOString()),
  plausible.map((d) => d.toISOString().replace(".000Z", "Z")),
  plausible.map((d) => d.toISOString().replace("Z", "123Z")), // microseconds
  fc.tuple(plausible, offset).map(([d, o]) => d.toISOString().replace("Z", o)),
  fc.tuple(plausible, offset).map(([d, o]) => `${d.toISOString().replace("Z", o)}[Asia/Jakarta]`), // Java ZonedDateTime
  plausible.map((d) => d.toISOString().slice(0, 19)), // no zone
  plausible.map((d) => d.toISOString().slice(0, 10)), // a date
  plausible.map(wall), // "yyyy-MM-dd HH:mm:ss"
  plausible.map((d) => wall(d).replace(/-/g, " - ").replace(/:/g, " : ")), // the Sobot doc's spaced example
  plausible.map((d) => String(d.getTime())), // epoch ms as digits
  plausible.map((d) => String(Math.floor(d.getTime() / 1000))), // epoch seconds
  fc.constantFrom(
    "",
    " ",
    "0",
    "16780853234040", // 14 digits: a typo in the Sobot doc's own example
    "2020-02-30T00:00:00Z",
    "2020-13-01 00:00:00",
    "2024-03-31 02:30:00", // a DST gap in Europe
    "Invalid Date",
    "null",
  ),
  anyString,
);

/** Epoch milliseconds as a JSON number: plausible, zero, negative, fractional, the doc's 14-digit typo. */
export const epochNumber = fc.oneof(
  plausible.map((d) => d.getTime()),
  fc.constantFrom(0, -1, 1.5, 1603363255372.7, 16780853234040),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e13, max: 1e13 }),
);

/**
 * Timestamps past what an ISO-8601 "YYYY-..." string can hold (years before 0 or after 9999, epochs
 * past JavaScript's Date range): a vendor sentinel such as 9999-12-31 in a zone west of UTC gets
 * there. The model wants null or a valid ISO date for them, never a crash.
 */
export const extremeTimestamp = fc.oneof(
  fc.constantFrom(
    "99999999999999999999",
    "10000",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31 23:59:59",
    "+275760-09-13T00:00:00Z",
    "-000001-01-01T00:00:00Z",
    "0000-01-01T00:00:00Z",
  ),
  fc.constantFrom(253402300800000, 8.64e15, 8.64e15 + 1, 1e20, Number.MAX_SAFE_INTEGER, -62198755200001),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: 253402300800000 }),
);

// ------------------------------------------------------------------------------ Comm100

const comm100Time = orNull(fc.oneof(timestampString, epochNumber));
const comm100Named = obj({ id: orNull(idNumberOrString), name: orNull(text), displayName: orNull(text), email: orNull(text), phoneNumber: orNull(text) });
const comm100Attachment = obj({ id: orNull(text), fileKey: orNull(text), name: orNull(text), size: orNull(fc.nat()), type: orNull(text), url: orNull(text) });
const base64Body = text.map((t) => `data:text/plain;charset=utf-8;base64,${Buffer.from(t, "utf8").toString("base64")}`);

export const comm100Ticket = fc
  .tuple(
    obj({
      subject: orNull(text),
      originalConversationId: orNull(text),
      assigneeId: orNull(idLike),
      departmentAssigneeId: orNull(idLike),
      channelId: orNull(enumish("Email", "Chat", "Facebook", "SMS")),
      contactOrVisitorId: orNull(idLike),
      assigneeType: orNull(enumish("agent", "department")),
      contactOrVisitorType: orNull(enumish("contact", "visitor")),
      status: orNull(enumish("new", "pendingInternal", "pendingExternal", "onHold", "resolved")),
      priority: orNull(enumish("low", "normal", "high", "urgent")),
      isReadByAgent: orNull(fc.boolean()),
      mergedToTargetId: orNull(idNumberOrString),
      createdTime: comm100Time,
      lastUpdatedTime: comm100Time,
      tagIds: orNull(fc.array(idNumberOrString, { maxLength: 3 })),
      tags: orNull(fc.array(fc.record({ id: idNumberOrString, name: fc.option(orNull(text), { nil: undefined }) }, { requiredKeys: ["id"] }), { maxLength: 3 })),
      assignee: orNull(comm100Named),
      departmentAssignee: orNull(comm100Named),
      contactOrVisitor: orNull(comm100Named),
      eventLogs: orNull(fc.array(obj({ id: orNull(text), time: comm100Time, operatorId: orNull(text), operatorType: orNull(text), type: orNull(text), description: orNull(text) }), { maxLength: 3 })),
    }),
    idNumberOrString,
  )
  .map(([t, id]) => ({ ...t, id }));

export const comm100Message = fc
  .tuple(
    obj({
      ticketId: orNull(idNumberOrString),
      sentById: orNull(idLike),
      sentByType: orNull(enumish("agent", "contact", "visitor", "chatbot", "channelAccount", "system", "outreachCampaign")),
      time: comm100Time,
      type: orNull(text),
      body: orNull(fc.oneof(text, base64Body)),
      isInternal: orNull(fc.boolean()),
      attachments: orNull(fc.array(comm100Attachment, { maxLength: 2 })),
    }),
    idNumberOrString,
  )
  .map(([m, id]) => ({ ...m, id }));

export const comm100Note = fc
  .tuple(obj({ agentId: orNull(idLike), createdTime: comm100Time, text: orNull(fc.oneof(text, base64Body)), attachments: orNull(fc.array(comm100Attachment, { maxLength: 2 })) }), idNumberOrString)
  .map(([n, id]) => ({ ...n, id }));

// ------------------------------------------------------------------------------ Sobot

/** Sobot's `str`: a string, a number or null. */
const sStr = orNull(fc.oneof(text, fc.integer()));
const sCode = (...known: string[]) => orNull(fc.oneof(enumish(...known), fc.integer({ min: -5, max: 200 })));
const sMs = orNull(fc.oneof(epochNumber, epochNumber.map(String), timestampString));
const sobotFileUrl = orNull(fc.oneof(text, fc.constantFrom("https://img.sobot.com/a/%E6%96%87.png", "https://img.sobot.com/a/50%off.pdf", "https://img.sobot.com/a/")));
const sobotFile = obj({ file_name: sStr, file_url: sobotFileUrl, file_type: orNull(fc.oneof(enumish("jpg", "png", "pdf", ".docx"), fc.integer())) });

const sobotListShape = {
  ticket_title: sStr,
  ticket_content: sStr,
  ticket_code: sStr,
  ticket_from: sCode("0", "1", "12", "21", "34"),
  ticket_level: sCode("0", "1", "2", "3"),
  ticket_status: sCode("0", "1", "2", "3", "99", "98", "101", "1001"),
  start_type: sCode("0", "1", "2", "3", "6"),
  start_name: sStr,
  ticket_type_name: sStr,
  ticket_typeid: sStr,
  deal_agent_name: sStr,
  deal_group_name: sStr,
  deal_agentid: sStr,
  deal_groupid: sStr,
  userid: sStr,
  create_datetime: orNull(timestampString),
  create_datetime_ms: sMs,
  update_datetime: orNull(timestampString),
  update_datetime_ms: sMs,
  user_nick: sStr,
  user_name: sStr,
  user_tels: orNull(fc.oneof(text, fc.array(text, { maxLength: 3 }).map((l) => l.join(",")))),
  user_emails: orNull(fc.oneof(text, fc.array(text, { maxLength: 3 }).map((l) => l.join(";")))),
  score: orNull(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom("5", "", "n/a", "1e999"), fc.double({ noNaN: true, noDefaultInfinity: true }))),
  remark: sStr,
  evaluation_datetime: orNull(timestampString),
  evaluation_datetime_ms: sMs,
};

export const sobotListTicket = fc.tuple(obj(sobotListShape), idNumberOrString).map(([t, ticketid]) => ({ ...t, ticketid }));

const sobotReply = obj({
  replyid: sStr,
  reply_title: sStr,
  reply_content: sStr,
  reply_type: sCode("0", "1"),
  reply_datetime: orNull(timestampString),
  reply_datetime_ms: sMs,
  start_type: sCode("0", "1", "2", "3", "6"),
  update_user_name: sStr,
  file_list: orNull(fc.array(sobotFile, { maxLength: 2 })),
  reply_type_new: sCode("0", "1", "2", "3"),
});

const sobotLog = obj({
  update_title: sStr,
  update_contents: sStr,
  log_from: sStr,
  update_datetime: orNull(timestampString),
  update_datetime_ms: sMs,
  start_type: sCode("0", "1", "4", "5"),
  update_agent_name: sStr,
});

export const sobotDetail = fc
  .tuple(
    obj({
      ...sobotListShape,
      companyid: sStr,
      file_list: orNull(fc.array(sobotFile, { maxLength: 2 })),
      extend_fields_list: orNull(fc.array(obj({ fieldid: sStr, field_name: sStr, field_type: sStr, field_text: sStr, field_value: sStr }), { maxLength: 3 })),
      deal_list: orNull(fc.array(sobotReply, { maxLength: 3 })),
      update_log_list: orNull(fc.array(sobotLog, { maxLength: 3 })),
      closed_datetime: orNull(timestampString),
      closed_datetime_ms: sMs,
    }),
    idNumberOrString,
  )
  .map(([t, ticketid]) => ({ ...t, ticketid }));

/** query_ticket_status_infos items: the tenant's custom statuses. */
export const sobotStatusInfo = fc
  .tuple(
    obj({ status_id: sStr, status_name: sStr, status_type: orNull(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }).map(String), text)), is_delete: orNull(fc.oneof(fc.constantFrom(0, 1), fc.constantFrom("0", "1"))) }),
    fc.oneof(fc.constantFrom("0", "1", "2", "3", "99", "101", "1001"), fc.integer({ min: 0, max: 2000 }), text),
  )
  .map(([s, status_code]) => ({ ...s, status_code }));

export const timeZone = fc.constantFrom("Asia/Shanghai", "UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Australia/Lord_Howe", "America/St_Johns", "Europe/Berlin");

// ------------------------------------------------------------------------------ 3Dolphins

/** 3Dolphins' tolerant schema reads a field of the wrong type as absent: send some. */
const wrongType = fc.oneof(fc.constant({}), fc.constant([1, 2]), fc.boolean(), fc.constant("not-a-number"));
const dStr = orNull(fc.oneof(text, fc.integer(), wrongType));
const dNum = orNull(fc.oneof(epochNumber, epochNumber.map(String), fc.constant("12.5"), wrongType));
const dBool = orNull(fc.oneof(fc.boolean(), fc.constantFrom("true", "false"), wrongType));
const dList = orNull(fc.oneof(fc.array(fc.oneof(text, fc.integer()), { maxLength: 3 }), text, wrongType));

/** ticketNumber is the one field the schema requires (a blank one is refused: a ZodError). */
export const threeDolphinsTicketNumber = fc.oneof(fc.integer({ min: 1 }), fc.integer({ min: 1 }).map(String), text.filter((s) => s.trim() !== ""));

const threeDolphinsTicketFields = obj({
  id: dStr,
  subject: dStr,
  message: dStr,
  messageId: dStr,
  status: orNull(enumish("Unassigned", "Assigned", "Open", "Pending", "Closed", "closed", " Pending ")),
  timelineStatus: orNull(enumish("Unassigned", "Assigned", "Closed")),
  severity: orNull(enumish("Not Set", "Low", "Medium", "High", "Critical", "Urgent")),
  priority: dBool,
  assignedAgent: dStr,
  agentName: dStr,
  group: dStr,
  toGroup: dStr,
  supervisor: dStr,
  escalated: dBool,
  escalatedDate: dNum,
  escalatedFrom: dStr,
  escalatedTo: dStr,
  channelType: dStr,
  contactId: dStr,
  accountId: dStr,
  accountName: dStr,
  friendlyName: dStr,
  ticketTags: dList,
  contact: orNull(fc.oneof(obj({ id: dStr, contactFirstName: dStr, contactLastName: dStr, contactEmail: dList, contactEmailString: dStr, phones: dList, phonesString: dStr }), wrongType)),
  answer: dBool,
  incoming: dBool,
  replyAgent: orNull(fc.oneof(fc.constantFrom("Bot", "ticket-automation", "agent-1"), text)),
  parent: dNum,
  createdDate: dNum,
  modifiedDate: dNum,
  assignedDate: dNum,
  openDate: dNum,
  pendingDate: dNum,
  closedDate: dNum,
  closedBy: dStr,
  closureType: dStr,
  remark: dStr,
  transferedDate: dNum,
  transferedFrom: dStr,
  customFields: orNull(fc.oneof(fc.dictionary(text, fc.oneof(text, fc.integer(), fc.constant(null)), { maxKeys: 3 }), wrongType)),
});

export const threeDolphinsTicket = fc.tuple(threeDolphinsTicketFields, threeDolphinsTicketNumber).map(([t, ticketNumber]) => ({ ...t, ticketNumber }));

export const threeDolphinsMessage = obj({
  id: dStr,
  messageId: dStr,
  ticketNumber: dStr,
  message: orNull(fc.oneof(text, text.filter(isWellFormed).map((t) => `see http://127.0.0.1:9/graph/tickets/files/abc/${encodeURIComponent(t)}.png ok`), fc.constant("http://127.0.0.1:9/graph/tickets/files/%E0%A4%A/x"))),
  textMessage: dStr,
  cleanUpMessage: dStr,
  answer: dBool,
  ticketAnswer: dBool,
  incoming: dBool,
  replyAgent: orNull(fc.oneof(fc.constantFrom("Bot", "ticket-automation", "agent-1"), text)),
  agentName: dStr,
  accountId: dStr,
  accountName: dStr,
  friendlyName: dStr,
  parent: dNum,
  createdDate: dNum,
  attachmentExist: dBool,
});

function isWellFormed(t: string): boolean {
  try {
    encodeURIComponent(t);
    return true;
  } catch {
    return false; // a lone surrogate
  }
}

export const THREE_DOLPHINS_FILE_BASE = "http://127.0.0.1:9/graph/tickets/files";

// ------------------------------------------------------------------------------ Zaia

const zStr = orNull(text);
const zDate = orNull(timestampString);
/** A chat message body: a string, `{ text }`, or an array of strings and `{ text | content }` parts (schema.ts). */
const zaiaContent = fc.oneof(
  text,
  obj({ text: zStr }),
  fc.array(fc.oneof(text, obj({ text: zStr, content: zStr, type: fc.constantFrom("text", "image") })), { maxLength: 3 }),
);

export const zaiaRow = fc
  .tuple(
    obj({
      summary: zStr,
      createdAt: zDate,
      ongoingAt: zDate,
      completedAt: zDate,
      assigneeId: orNull(idLike),
      assigneeName: zStr,
      assigneeEmail: zStr,
      assigneePicture: zStr,
      channelId: zStr,
      channelName: zStr,
      channelType: orNull(enumish("widget", "waha", "whatsapp", "instagram", "api")),
      chatIsRemoved: orNull(fc.boolean()),
      chatOwnerId: orNull(idLike),
      isOwnerBlocked: orNull(fc.boolean()),
      ownerEntity: orNull(enumish("users", "external-users")),
      ownerName: zStr,
      ownerEmail: zStr,
      ownerIdentifier: orNull(fc.oneof(text, fc.constantFrom("+55 11 99999-0000", "someone@example.com", "@handle"))),
      pendingChatMessages: orNull(fc.integer()),
      responderEntity: orNull(enumish("agents", "squads", "workflows")),
      responderId: zStr,
      responderName: zStr,
      responderVersionId: zStr,
      responderVersionNumber: orNull(fc.integer()),
      ticketingTeamId: orNull(idLike),
      ticketingTeamName: zStr,
      workspaceId: zStr,
    }),
    fc.record({ id: fc.oneof(fc.uuid(), text.filter((s) => s.length > 0)), chatId: fc.oneof(fc.uuid(), text.filter((s) => s.length > 0)), status: enumish("pending", "ongoing", "completed") }),
  )
  .map(([row, required]) => ({ ...row, ...required }));

export const zaiaEntity = fc
  .tuple(
    obj({ summary: zStr, createdAt: zDate, updatedAt: zDate, assigneeId: orNull(idLike), circumstance: orNull(enumish("takeover", "handover")), completedAt: zDate, lastViewedAt: zDate, ongoingAt: zDate, ticketingTeamId: orNull(idLike) }),
    fc.record({ id: fc.oneof(fc.uuid(), text.filter((s) => s.length > 0)), chatId: fc.oneof(fc.uuid(), text.filter((s) => s.length > 0)), status: enumish("pending", "ongoing", "completed") }),
  )
  .map(([e, required]) => ({ ...e, ...required }));

export const zaiaChatMessage = fc
  .tuple(
    obj({
      chatId: zStr,
      chatThreadId: zStr,
      ticketId: zStr,
      content: orNull(zaiaContent),
      text: orNull(zaiaContent),
      message: orNull(zaiaContent),
      senderEntity: orNull(enumish("external-users", "users", "agents", "squads", "workflows")),
      senderId: orNull(idLike),
      createdAt: zDate,
      updatedAt: zDate,
      sender: orNull(obj({ id: orNull(idLike), entity: zStr, name: zStr, picture: zStr })),
    }),
    fc.oneof(fc.uuid(), fc.integer(), text.filter((s) => s.length > 0)),
  )
  .map(([m, id]) => ({ ...m, id }));
