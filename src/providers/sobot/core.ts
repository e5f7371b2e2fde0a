/**
 * What every Sobot verb shares: the profile's settings, the transport, the lookups (statuses,
 * data dictionary, ticket numbers) and reading one ticket. Built once per provider.
 */
import { missingField } from "../shared/shape.js";
import { ConfigError, NotFoundError } from "../../errors.js";
import type { ProviderContext } from "../types.js";
import { SobotApi } from "./api.js";
import { SobotDirectory, type Named } from "./directory.js";
import { DEFAULT_TIMEZONE } from "./guesses.js";
import type { MapContext } from "./map.js";
import { parseAt, TicketDetailSchema, type WireTicketDetail } from "./schema.js";
import { TicketRefs } from "./ticket-ref.js";
import { isValidTimeZone } from "./time.js";

/** A ticket as read for a read-modify-write. */
export interface Current {
  wire: WireTicketDetail;
  raw: unknown;
  /** When we read it (get_ticket_datetime_ms). */
  readAt: number;
}

export interface SobotCore {
  ctx: ProviderContext;
  timeZone: string;
  setting(name: string): string | undefined;
  requireSetting(name: string, why: string): string;
  /** The profile's agent: every create and reply is sent as this agent. */
  actingAgent(): Named & { name: string };
  api(): SobotApi;
  directory: SobotDirectory;
  refs: TicketRefs;
  /** get_ticket_by_id for a ticketid (resolve numbers with refs.idOf first); `shown` names it in errors. */
  fetchCurrent(id: string, shown?: string): Promise<Current>;
  mapContext(withNames: boolean): Promise<MapContext>;
}

export function createCore(ctx: ProviderContext): SobotCore {
  const setting = (name: string): string | undefined => {
    const v = ctx.profile.settings[name]?.trim();
    return v ? v : undefined;
  };
  const requireSetting = (name: string, why: string): string => {
    const v = setting(name);
    if (!v) throw new ConfigError(`profile "${ctx.profile.name}" has no ${name} setting: ${why}`, { vendor: "sobot" });
    return v;
  };

  const timeZone = setting("timezone") ?? DEFAULT_TIMEZONE;
  if (!isValidTimeZone(timeZone)) {
    throw new ConfigError(`profile "${ctx.profile.name}" has an unknown timezone "${timeZone}" (use an IANA name such as ${DEFAULT_TIMEZONE})`, { vendor: "sobot" });
  }

  let apiInstance: SobotApi | undefined;
  const api = (): SobotApi =>
    (apiInstance ??= new SobotApi(ctx, {
      appid: requireSetting("appid", "Sobot tokens are issued for an appid"),
      appKey: () => ctx.secret("app_key"),
      timeZone,
    }));
  const directory = new SobotDirectory(api, (m) => ctx.warn(m));

  const fetchCurrent = async (id: string, shown: string = id): Promise<Current> => {
    const subject = `ticket ${shown}`;
    const env = await api().get("get_ticket_by_id", { ticketid: id }, { action: `read ticket ${shown}`, subject });
    const readAt = ctx.now().getTime();
    if (env.item === undefined) missingField(["item"], "the ticket"); // a wrong shape, not a missing ticket
    if (env.item === null) {
      throw new NotFoundError(`Sobot: ${subject} not found (get_ticket_by_id returned no item)`, { vendor: "sobot" });
    }
    return { wire: parseAt(TicketDetailSchema, env.item, "item"), raw: env.item, readAt };
  };

  return {
    ctx,
    timeZone,
    setting,
    requireSetting,
    actingAgent: () => ({
      id: requireSetting("agentId", "Sobot records the acting agent on every create and reply"),
      name: requireSetting("agentName", "Sobot records the acting agent's name on every create and reply"),
    }),
    api,
    directory,
    refs: new TicketRefs(api, () => ctx.now().getTime()),
    fetchCurrent,
    mapContext: async (withNames) => ({
      profile: ctx.profile.name,
      timeZone,
      statuses: await directory.statuses(),
      raw: ctx.raw,
      directory: withNames ? await directory.nameIndex() : undefined,
    }),
  };
}
