/**
 * Deterministic 3Dolphins seed: agents and supervisors, groups, four channels (whatsapp, telegram,
 * webchat, email) and tickets laid out over the last ~45 days with their conversations, in the
 * field names of the vendor doc's samples.
 */
import { AGENT_REPLIES, BODIES, createPicker, emailFor, personName, subjectFor, type Picker } from "../shared/seed.js";
import { dateText, hex32, prettyDate, SEVERITY_STYLE, STATUS_STYLE, type Rec, type SimChannel, type SimUser, type ThreeDolphinsState } from "./model.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

export const BOT_GREETING = "Hi! Thanks for contacting us. An agent will be with you shortly.";

interface Customer {
  contactId: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  /** Per channel type: the accountId (social id) and screen name. */
  social: Record<string, { id: string; screen: string }>;
}

function customerFor(p: Picker): Customer {
  const name = personName(p);
  const [firstName = name, ...rest] = name.split(" ");
  const phone = `628${p.int(11, 99)}${p.int(1000000, 9999999)}`;
  const email = emailFor(name, p.pick(["gmail.com", "yahoo.co.id", "example.com"]));
  const handle = firstName.toLowerCase().normalize("NFD").replace(/[^a-z]/g, "") + String(p.int(1, 99));
  return {
    contactId: hex32(p.random),
    firstName,
    lastName: rest.join(" "),
    email,
    phone,
    social: {
      whatsapp: { id: phone, screen: phone },
      telegram: { id: String(p.int(100000000, 999999999)), screen: handle },
      webchat: { id: `${phone}-${firstName.toUpperCase()}`, screen: email },
      email: { id: email, screen: email },
    },
  };
}

function contactRecord(c: Customer, channelType: string, createdMs: number, systemId: string): Rec {
  const social = c.social[channelType]!;
  const suffix = channelType.charAt(0).toUpperCase() + channelType.slice(1);
  return {
    id: c.contactId,
    owner: systemId,
    createdDate: createdMs,
    createdBy: systemId,
    modifiedDate: createdMs,
    modifiedBy: systemId,
    contactFirstName: c.firstName,
    contactLastName: c.lastName,
    contactEmail: [c.email],
    contactEmailString: c.email,
    phoneTypes: ["Mobile"],
    phones: [c.phone],
    phonesString: c.phone,
    [`socialId${suffix}`]: [social.id],
    [`socialName${suffix}`]: [c.firstName],
    [`socialScreenName${suffix}`]: [social.screen],
    username: social.screen,
    socialAccounts: [`images/channel/ic_${channelType}.png`],
    contactAccountIds: [social.id],
    haveAnySocialAccounts: true,
    rating: 0,
  };
}

/** One conversation bubble, shaped like the conversations sample. */
export function bubble(
  t: Rec,
  fields: { id: string; messageId: string; at: number; answer: boolean; message: string; replyAgent?: string; agentName?: string; createdBy: string; systemId: string },
): Rec {
  const rec: Rec = {
    id: fields.id,
    owner: fields.systemId,
    createdDate: fields.at,
    createdBy: fields.createdBy,
    modifiedDate: fields.at,
    modifiedBy: fields.createdBy,
    accountId: fields.answer ? t["channel"] : t["accountId"],
    accountName: fields.answer ? t["channelName"] : t["accountName"],
    accountScreen: t["accountScreen"],
    answer: fields.answer,
    channel: t["channel"],
    channelKey: `${fields.messageId}-${String(t["channelKey"]).split("-").pop()}`,
    channelType: t["channelType"],
    createdDateText: dateText(fields.at),
    message: fields.message,
    messageId: fields.messageId,
    parent: 0,
    severity: t["severity"],
    subject: t["subject"],
    ticketNumber: t["ticketNumber"],
    transactionId: "",
    markRead: false,
    channelName: t["channelName"],
    internalCallRecipient: false,
    selected: false,
    unreadMessages: 0,
    ticketAnswer: fields.answer,
    statusStyle: "",
    overReplySla: false,
    prettyDate: prettyDate(fields.at),
    prettyDateTimeline: prettyDate(fields.at),
    dateTimeline: fields.at,
    friendlyName: fields.answer ? t["channelName"] : t["friendlyName"],
    attachmentExist: false,
    ccList: [],
    emailRecipient: "",
    ccListFormatted: "",
    slaStatusText: "Ongoing",
  };
  if (fields.replyAgent !== undefined) rec["replyAgent"] = fields.replyAgent;
  if (fields.agentName !== undefined) rec["agentName"] = fields.agentName;
  return rec;
}

export function seedThreeDolphins(count: number, now: Date, seed = 3): ThreeDolphinsState {
  const p = createPicker(seed);
  const nowMs = now.getTime();
  const systemId = hex32(p.random);
  const mkUser = (role: SimUser["role"]): SimUser => {
    const name = personName(p);
    return { id: hex32(p.random), name, username: emailFor(name, "x").split("@")[0]!, role };
  };
  const users = [...Array.from({ length: 6 }, () => mkUser("agent")), ...Array.from({ length: 2 }, () => mkUser("supervisor"))];
  const agents = users.filter((u) => u.role === "agent");
  const supervisors = users.filter((u) => u.role === "supervisor");
  const groups = ["Customer Service", "Billing", "Technical Support"].map((name) => ({ id: hex32(p.random), name }));
  const channels: SimChannel[] = [
    { id: hex32(p.random), type: "whatsapp", name: "WhatsApp Business", key: hex32(p.random).slice(0, 12) },
    { id: hex32(p.random), type: "telegram", name: "Telegram Bot", key: hex32(p.random).slice(0, 12) },
    { id: hex32(p.random), type: "webchat", name: "Web Chat", key: hex32(p.random).slice(0, 12) },
    { id: hex32(p.random), type: "email", name: "Email Support", key: hex32(p.random).slice(0, 12) },
  ];
  const customers = Array.from({ length: Math.max(10, Math.ceil(count / 3)) }, () => customerFor(p));
  const state: ThreeDolphinsState = { version: 1, systemId, users, groups, channels, tickets: [], conversations: {}, files: [], tokens: [], serial: 0 };

  const capped = (ms: number) => Math.min(ms, nowMs - MINUTE);
  for (let i = 0; i < count; i++) {
    // Oldest first over ~45 days; numbers grow with time (yyMMdd + a running sequence).
    const created = nowMs - Math.round(((count - i) * 45 * DAY) / Math.max(count, 1)) - p.int(0, 30) * MINUTE;
    const ch = p.pick(channels);
    const c = p.pick(customers);
    const social = c.social[ch.type]!;
    const ticketNumber = `${dateText(created).slice(2, 10).replace(/-/g, "")}${String(i + 1).padStart(4, "0")}`;
    const messageId = hex32(p.random);
    const isEmail = ch.type === "email";
    const firstLine = isEmail ? p.pick(BODIES) : subjectFor(p);
    const subject = isEmail ? subjectFor(p) : firstLine;
    const status = p.pick(["Unassigned", "Unassigned", "Assigned", "Assigned", "Assigned", "Open", "Pending", "Pending", "Closed", "Closed"]);
    const severity = p.pick(["Not Set", "Not Set", "Not Set", "Low", "Medium", "Medium", "High"]);
    const customerName = `${c.firstName}${c.lastName ? ` ${c.lastName}` : ""}`;
    const t: Rec = {
      id: hex32(p.random),
      owner: systemId,
      createdDate: created,
      createdBy: systemId,
      modifiedDate: created,
      modifiedBy: systemId,
      accountId: social.id,
      accountName: customerName,
      accountScreen: social.screen,
      answer: false,
      greetingStatus: !isEmail,
      channel: ch.id,
      channelKey: `${messageId}-${ch.key}`,
      channelType: ch.type,
      contactId: c.contactId,
      correlationId: "",
      createdDateText: dateText(created),
      incoming: true,
      message: firstLine,
      messageId,
      notified: false,
      parent: 1,
      priority: p.chance(0.12),
      redistribute: false,
      severity,
      status: "Unassigned",
      timelineStatus: "Unassigned",
      subject,
      ticketNumber,
      unassignedDate: created + 1000,
      unassignedDateText: dateText(created + 1000),
      ticketTags: ["default", ...(p.chance(0.35) ? [p.pick(["Billing", "Complaint", "Fitur – Live Chat", "Delivery", "Account"])] : [])],
      contact: contactRecord(c, ch.type, created - p.int(1, 30) * DAY, systemId),
      channelName: ch.name,
      internalCallRecipient: false,
      selected: false,
      unreadMessages: 0,
      ticketAnswer: false,
      statusStyle: STATUS_STYLE["Unassigned"],
      prettyDate: prettyDate(created),
      friendlyName: customerName,
      ccList: [],
      overReplySla: false,
      prettyDateTimeline: prettyDate(created),
      dateTimeline: created,
      severityStyle: SEVERITY_STYLE[severity],
      slaStyle: "ticket-ongoing-sla",
      attachmentExist: false,
      emailRecipient: isEmail ? "support@sandbox.example.com" : "",
      ccListFormatted: "",
      slaStatusText: "Ongoing",
    };
    const convo: Rec[] = [];
    let at = created;
    const say = (answer: boolean, message: string, agent?: SimUser | "Bot") => {
      at = capped(at + p.int(1, 40) * MINUTE);
      const id = hex32(p.random);
      const replyAgent = agent === "Bot" ? "Bot" : agent?.id;
      const agentName = agent === "Bot" ? undefined : agent?.name;
      convo.push(
        bubble(t, {
          id,
          messageId: hex32(p.random),
          at,
          answer,
          message,
          replyAgent,
          agentName,
          createdBy: answer && agent !== "Bot" && agent ? agent.id : systemId,
          systemId,
        }),
      );
    };
    if (!isEmail) say(true, BOT_GREETING, "Bot");

    if (status !== "Unassigned") {
      const agent = p.pick(agents);
      const group = p.pick(groups);
      at = capped(at + p.int(1, 30) * MINUTE);
      Object.assign(t, {
        assignedAgent: agent.id,
        agentName: agent.name,
        assignedDate: at,
        assignedDateText: dateText(at),
        group: group.id,
        toGroup: group.id,
        supervisor: p.pick(supervisors).id,
        transferedFrom: "Bot",
        status: "Assigned",
        dateTimeline: at,
      });
      say(true, p.pick(AGENT_REPLIES), agent);
      // responseTime: seconds from creation to the agent's first answer (doc lines 71-72, 86).
      t["responseTime"] = Math.round((at - created) / 1000);
      if (p.chance(0.6)) say(false, p.pick(BODIES));
      if (status === "Open" || status === "Pending" || status === "Closed") {
        t["openDate"] = at;
        t["openDateText"] = dateText(at);
        say(true, p.pick(AGENT_REPLIES), agent);
      }
      if (status === "Pending" || (status === "Closed" && p.chance(0.5))) {
        at = capped(at + p.int(1, 60) * MINUTE);
        t["pendingDate"] = at;
        t["pendingDateText"] = dateText(at);
      }
      if (status === "Closed") {
        at = capped(at + p.int(5, 600) * MINUTE);
        Object.assign(t, {
          closedDate: at,
          closedDateText: dateText(at),
          closedBy: agent.id,
          closeInterval: Math.round((at - created) / 1000),
          closureType: "Resolved",
          remark: p.chance(0.3) ? `CAS-${p.int(10, 25)}-AW${p.int(1000, 9999)}` : "",
          withinSla: p.chance(0.7),
        });
      }
      t["status"] = status;
      t["timelineStatus"] = status;
      t["statusStyle"] = STATUS_STYLE[status];
    } else if (p.chance(0.4)) {
      say(false, p.pick(BODIES));
    }
    t["modifiedDate"] = at;
    const last = convo[convo.length - 1];
    if (last) t["lastMessage"] = last["message"];
    state.tickets.push(t);
    state.conversations[ticketNumber] = convo;
  }
  state.tickets.reverse();
  // The contract fixture needs an open, assigned ticket: make sure one exists even in tiny seeds.
  if (!state.tickets.some((t) => t["status"] === "Assigned") && state.tickets[0]) {
    const t = state.tickets[0];
    const agent = agents[0]!;
    Object.assign(t, { status: "Assigned", timelineStatus: "Assigned", statusStyle: STATUS_STYLE["Assigned"], assignedAgent: agent.id, agentName: agent.name, assignedDate: t["createdDate"] });
  }
  return state;
}
