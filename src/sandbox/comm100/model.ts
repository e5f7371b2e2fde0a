/**
 * The Comm100 simulator's state, in the vendor's own field names (vendor-docs/comm100-ticket-api.txt,
 * "[S1]"; messages and notes from vendor-notes.md 2.3). The allowed values are copied from [S1].
 * Shapes the documents do not show (event log items, include objects) are GUESSes; readings.ts
 * lists every GUESS the simulator makes.
 */
export const STATUSES = ["new", "pendingInternal", "pendingExternal", "onHold", "resolved"] as const;
export const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export const ROLE_TYPES = ["contact", "visitor", "chatbot", "channelAccount", "system", "agent", "outreachCampaign"] as const;
export const ASSIGNEE_TYPES = ["agent", "chatbot"] as const;
/** Message `type` (vendor-notes 2.3, FACT from the ticketingMessage page). */
export const MESSAGE_TYPES = ["text", "html", "video", "audio", "image", "file", "location", "quickReply", "webView"] as const;
export const INCLUDES = [
  "ticketingTag",
  "ticketingEventLog",
  "ticketingDraft",
  "ticketingMessage",
  "lastMessage",
  "assignee",
  "departmentAssignee",
  "createdBy",
  "lastRepliedBy",
  "contactOrVisitor",
] as const;

export interface Agent {
  id: string;
  name: string;
  email: string;
}
export interface Department {
  id: string;
  name: string;
}
export interface Contact {
  id: string;
  name: string;
  email: string;
  phoneNumber: string | null;
}
export interface Tag {
  id: string;
  name: string;
}

export interface WireTicket {
  id: number;
  subject: string;
  originalConversationId: string | null;
  assigneeId: string | null;
  departmentAssigneeId: string | null;
  channelId: string;
  channelAccountId: string | null;
  lastMessageId: string | null;
  lastMessageChannelId: string | null;
  lastMessageChannelAccountId: string | null;
  contactOrVisitorId: string;
  createdById: string | null;
  lastRepliedById: string | null;
  resolvedById: string | null;
  assigneeType: string | null;
  contactOrVisitorType: string | null;
  status: string;
  priority: string;
  createdByType: string | null;
  lastRepliedByType: string | null;
  resolvedByType: string | null;
  isReadByAgent: boolean;
  isReadByContact: boolean;
  ifHasDraft: boolean;
  mergedToTargetId: number | null;
  totalReplies: number;
  createdTime: string;
  lastUpdatedTime: string;
  lastRepliedTime: string | null;
  lastStatusChangedTime: string | null;
  resolvedTime: string | null;
  isInRecycleBin: boolean;
  reopenedTime: string | null;
  contactLanguage: string;
  agentLanguage: string;
  autoTranslationStatus: boolean;
  responseTimeSpan: number;
  replyingAgent: string;
  responseCount: number;
  resolvedTimeSpan: number;
  firstResponseTimeSpan: number;
  tagIds: string[];
}

export interface WireMessage {
  id: string;
  ticketId: number;
  parentId: string | null;
  sentById: string | null;
  sentByType: string;
  time: string;
  type: string;
  metadata: Record<string, unknown> | null;
  originalId: string | null;
  channelId: string | null;
  body: string;
  translatedBody: string;
  ifDisplayInTicketCorrespondences: boolean;
  isOriginalSentToContact: boolean;
  showInlineImage: boolean;
  isRead: boolean;
  isInternal: boolean;
  attachments: { id: string; fileKey: string; name: string; size: number; type: string; url: string }[];
  messageDelivery: { messageId: string; status: string; failReason: string | null; time: string; groupId: string | null; orderNum: number } | null;
}

export interface WireNote {
  id: string;
  ticketId: number;
  agentId: string | null;
  createdTime: string;
  text: string;
  attachments: { fileKey: string; name: string; size: number; type: string; url: string }[];
  noteMentions: unknown[];
}

/** An event log item: the shape is a reading of the simulator (readings.ts, "Shapes"). */
export interface WireEventLog {
  id: string;
  ticketId: number;
  time: string;
  operatorId: string | null;
  operatorType: string;
  type: string;
  description: string;
}

export interface Comm100State {
  nextTicketId: number;
  tickets: WireTicket[];
  messages: WireMessage[];
  notes: WireNote[];
  eventLogs: WireEventLog[];
  agents: Agent[];
  departments: Department[];
  contacts: Contact[];
  tags: Tag[];
  channels: string[];
  /** Counter for deterministic ids created at run time. */
  serial: number;
}
