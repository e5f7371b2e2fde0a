/**
 * `create`: POST save_agent_ticket (doc lines 2430-2525) as the profile's agent, in a leaf
 * category, with files uploaded first. Everything is checked before the first write: an input
 * Sobot cannot carry (tags, a status the account lacks) is refused (exit 6), an unknown agent or
 * group is NotFoundError, a non-leaf category a usage error.
 */
import { UnsupportedError, UsageError } from "../../errors.js";
import type { Status } from "../../model/enums.js";
import type { Attachment, Ticket } from "../../model/types.js";
import type { CreateInput, LocalFile } from "../types.js";
import type { SobotCore } from "./core.js";
import { leafCategories, lookupRefused } from "./directory.js";
import { mustPropagate } from "./errors.js";
import { channelCode, PRIORITY_TO_LEVEL, toChannel } from "./map.js";
import { CreatedSchema, parseAt, type WireCategory } from "./schema.js";

/** The leaf category for an id or an exact name; the tree is unknown when the dictionary is refused. */
async function leafFor(core: SobotCore, category: string): Promise<string> {
  let leaves: WireCategory[] = [];
  try {
    leaves = leafCategories((await core.directory.dict()).ticket_type_list);
  } catch (err) {
    if (!lookupRefused(err)) throw err;
  }
  if (leaves.length === 0) return category;
  const byId = leaves.find((c) => c.typeid === category);
  if (byId?.typeid) return byId.typeid;
  const byName = leaves.filter((c) => c.type_name?.toLowerCase() === category.toLowerCase());
  if (byName.length === 1 && byName[0]!.typeid) return byName[0]!.typeid;
  const known = leaves
    .slice(0, 12)
    .map((c) => `${c.typeid} (${c.type_name ?? "?"})`)
    .join(", ");
  throw new UsageError(`"${category}" is not a leaf Sobot ticket category (ticket_typeid must be a leaf, doc line 2471); leaf categories: ${known}`, { vendor: "sobot" });
}

export function createCreate(core: SobotCore, uploadFiles: (files: LocalFile[]) => Promise<Attachment[]>, reread: (id: string) => Promise<Ticket>) {
  return async (input: CreateInput): Promise<Ticket> => {
    if (!input.subject?.trim()) throw new UsageError("Sobot needs a ticket title: pass --subject", { vendor: "sobot" });
    if (!input.body?.trim()) throw new UsageError("Sobot needs a problem description (ticket_content): pass --body", { vendor: "sobot" });
    if (input.tags && input.tags.length > 0) throw new UnsupportedError("Sobot tickets have no tags (save_agent_ticket takes none): drop --tag", { vendor: "sobot" });
    const category = input.category ?? core.setting("category");
    if (!category) {
      throw new UsageError("Sobot needs a ticket category (a leaf ticket_typeid): pass --category, or set the profile's category setting", { vendor: "sobot" });
    }
    let ticketFrom = "0"; // Ticket Center (line 2461)
    if (input.channel !== undefined) {
      const code = channelCode(input.channel);
      if (code === undefined) throw new UsageError(`unknown Sobot channel "${input.channel}": use a ticket_from code or a name such as ticket_center, email, crm`, { vendor: "sobot" });
      ticketFrom = code;
    }
    const companyid = core.requireSetting("companyid", "save_agent_ticket requires the enterprise id");
    const agent = core.actingAgent();
    const table = await core.directory.statuses();
    const wantedStatus: Status = input.status ?? (input.assignee || input.team ? "open" : "new");
    const statusCode = table.codeFor(wantedStatus);
    if (statusCode === undefined) {
      throw new UnsupportedError(`this Sobot account has no "${wantedStatus}" status (on_hold needs a custom status of type Pause)`, { vendor: "sobot" });
    }
    const assignee = input.assignee ? await core.directory.resolve("agent", input.assignee) : undefined;
    const team = input.team ? await core.directory.resolve("group", input.team) : undefined;
    const typeid = await leafFor(core, category);

    const body: Record<string, unknown> = {
      companyid,
      ticket_title: input.subject,
      ticket_content: input.body,
      ticket_from: ticketFrom,
      create_agentid: agent.id,
      create_agent_name: agent.name,
      ticket_status: statusCode,
      ticket_level: PRIORITY_TO_LEVEL[input.priority ?? "normal"],
      ticket_typeid: typeid,
    };
    if (input.requester) body.userid = input.requester;
    if (team) {
      body.deal_groupid = team.id;
      if (team.name) body.deal_group_name = team.name;
    }
    if (assignee) {
      body.deal_agentid = assignee.id;
      if (assignee.name) body.deal_agent_name = assignee.name;
    }
    const fields = Object.entries(input.fields ?? {});
    if (fields.length > 0) body.extend_fields = fields.map(([fieldid, field_value]) => ({ fieldid, field_value }));
    if (input.attachments && input.attachments.length > 0) {
      body.file_str = (await uploadFiles(input.attachments)).map((a) => a.url).join(";");
    }
    const env = await core.api().postJson("save_agent_ticket", body, { action: "create the ticket" });
    const { ticketid } = parseAt(CreatedSchema, env.item, "item");
    try {
      // The ticket as Sobot stored it; its id is the one the create answered (item.ticketid, line 2514).
      return { ...(await reread(ticketid)), id: ticketid };
    } catch (err) {
      if (mustPropagate(err)) throw err;
      core.ctx.warn(`ticket ${ticketid} was created, but reading it back failed (${(err as Error).message})`);
      return {
        id: ticketid,
        number: null,
        subject: input.subject,
        status: wantedStatus,
        vendorStatus: statusCode,
        priority: input.priority ?? "normal",
        assignee: assignee ? { id: assignee.id, name: assignee.name, email: null } : null,
        team: team ? { id: team.id, name: team.name } : null,
        requester: input.requester ? { id: input.requester, name: null, email: null, phone: null } : null,
        channel: toChannel(ticketFrom),
        tags: [],
        createdAt: null,
        updatedAt: null,
        vendor: "sobot",
        profile: core.ctx.profile.name,
      };
    }
  };
}
