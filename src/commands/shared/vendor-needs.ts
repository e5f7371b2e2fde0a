/**
 * What each vendor needs from the user that its descriptor does not declare (yet): the fields
 * `create` requires, the settings later verbs read from the profile, and what escalate's --to
 * names. The prompts of create, profile add and escalate ask from these tables (issue 11 item 6).
 * Every entry is a FACT read from the provider's own check, cited; when descriptors grow these
 * declarations (SettingSpec.neededBy, Capability.requires), this module goes.
 */
import type { DirectoryKind } from "../../directory/index.js";
import type { VendorName } from "../../model/enums.js";

/** A create field the vendor refuses to do without. */
export interface CreateNeed {
  /** The CreateInput key, or "field:NAME" for a custom field (--field NAME=...). */
  key: "subject" | "requester" | "channel" | "category" | `field:${string}`;
  /** The flag that gives it, for the usage error and the prompt. */
  flag: string;
  /** What to ask. */
  question: string;
  /** Not needed when the profile has this setting (its default). */
  unlessSetting?: string;
  /** Ask with a pick from the directory (and resolve a typed name). */
  kind?: DirectoryKind;
}

export const CREATE_NEEDS: Record<VendorName, readonly CreateNeed[]> = {
  // 3Dolphins has no create (its descriptor: capabilities.create.supported false).
  "3dolphins": [],
  // src/providers/comm100/index.ts create(): subject, channelId (or the channelId setting) and
  // contactOrVisitorId are required (vendor-docs [S1] lines 140, 144, 146).
  comm100: [
    { key: "subject", flag: "--subject", question: "Subject" },
    { key: "channel", flag: "--channel", question: "Channel (e.g. Email)", unlessSetting: "channelId" },
    { key: "requester", flag: "--requester", question: "Requester (contact id, name or email)", kind: "contact" },
  ],
  // src/providers/sobot/create.ts: a title and a leaf category (or the category setting); the
  // description (body) comes from --body or the editor like every vendor's first message.
  sobot: [
    { key: "subject", flag: "--subject", question: "Title" },
    { key: "category", flag: "--category", question: "Category (a leaf ticket_typeid)", unlessSetting: "category" },
  ],
  // src/providers/zaia/index.ts create(): a ticket is opened on an existing chat, --field chatId=<uuid>.
  zaia: [{ key: "field:chatId", flag: "--field chatId=", question: "Chat id (the uuid of the chat the ticket is about)" }],
};

/** A setting the descriptor calls optional that a verb refuses to work without (or falls back on). */
export interface SettingNeed {
  name: string;
  /** Which verbs read it, and what happens without it: said in the prompt. */
  neededBy: string;
}

export const SETTING_NEEDS: Record<VendorName, readonly SettingNeed[]> = {
  "3dolphins": [
    // src/providers/3dolphins/messages.ts replyAgent(): reply and upload refuse without it (doc line 82).
    { name: "replyAgent", neededBy: "reply and upload send as this agent; without it they refuse" },
    // src/providers/3dolphins/index.ts escalate(): the supervisor when escalate has no target.
    { name: "supervisorId", neededBy: "escalate without a target goes to this supervisor; without it escalate needs one" },
  ],
  comm100: [
    // src/providers/comm100/index.ts: agentId is the sender (sentById) of replies and author of notes.
    { name: "agentId", neededBy: "replies and notes are sent as this agent" },
    // src/providers/comm100/index.ts create(): the channel when create has no --channel.
    { name: "channelId", neededBy: "create uses this channel; without it create needs --channel" },
  ],
  sobot: [
    // src/providers/sobot/create.ts: the category when create has no --category.
    { name: "category", neededBy: "create files tickets here; without it create needs --category" },
  ],
  zaia: [
    // src/providers/zaia/inputs.ts requireProfileUserId(): close sends it; create and escalate default to it.
    { name: "userId", neededBy: "close needs it; create and escalate assign to it by default" },
  ],
};

/** What `escalate --to` names, per vendor (the directory kinds a pick offers, in order). */
export const ESCALATE_TARGET: Record<VendorName, { kinds: readonly Exclude<DirectoryKind, "contact">[]; none: string }> = {
  // src/providers/3dolphins/index.ts escalate(): a supervisor id, else the supervisorId setting.
  "3dolphins": { kinds: ["agent"], none: "the profile's supervisorId" },
  // src/providers/comm100/index.ts escalate(): a department, else escalateDepartmentId (optional).
  comm100: { kinds: ["team"], none: "priority urgent only, or the profile's escalateDepartmentId" },
  // Sobot's descriptor: --to also assigns the agent or group.
  sobot: { kinds: ["agent", "team"], none: "raise the level and urge the current handler" },
  // Zaia's descriptor: a human takes the chat over (--to, default the profile's userId).
  zaia: { kinds: ["agent"], none: "the profile's userId takes it over" },
};
