/**
 * What the Sobot provider looks up once per run: the tenant's ticket statuses
 * (query_ticket_status_infos, doc lines 1906-1951) and the data dictionary (get_data_dict, lines
 * 1130-1210: categories, skill groups, agents). Agents and groups are resolved by id or exact name;
 * an unknown one is NotFoundError naming it and listing the candidates.
 */
import { CliError, NotFoundError, UsageError } from "../../errors.js";
import type { SobotApi } from "./api.js";
import { StatusTable, type Directory } from "./map.js";
import { DataDictSchema, parseAt, StatusInfoSchema, type WireCategory, type WireDataDict } from "./schema.js";

export interface Named {
  id: string;
  name: string | null;
}

export type Kind = "agent" | "group";

/** How many candidates an error lists. */
const SHOWN = 10;

const key = (name: string) => name.trim().toLowerCase();
const same = (a: string | null, b: string) => a !== null && key(a) === key(b);

/**
 * Name (trimmed, any case) -> the one id of that name, or null when several share it. Built once:
 * a list of 10,000 tickets that carry names only asks it 20,000 times.
 */
function byName(all: Named[]): Map<string, string | null> {
  const index = new Map<string, string | null>();
  for (const { id, name } of all) {
    if (name === null) continue;
    const k = key(name);
    index.set(k, index.has(k) ? null : id);
  }
  return index;
}

/**
 * This one lookup was refused or is not served here (a ret_code refusal, an HTTP 4xx other than
 * auth and rate limits): the caller falls back. Auth, transport, wrong shapes and interrupts stop.
 */
export function lookupRefused(err: unknown): boolean {
  if (err instanceof CliError) return err.code === "failed" || err.code === "usage" || err.code === "not_found";
  const status = (err as { response?: { statusCode?: unknown } } | undefined)?.response?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status);
}

export function leafCategories(list: WireCategory[] | null | undefined, out: WireCategory[] = []): WireCategory[] {
  for (const c of list ?? []) {
    if (c.node_flag === "0") out.push(c);
    leafCategories(c.sub_type_list, out);
  }
  return out;
}

export class SobotDirectory {
  private statusesPromise: Promise<StatusTable> | undefined;
  private dictPromise: Promise<WireDataDict> | undefined;

  constructor(
    private readonly api: () => SobotApi,
    private readonly warn: (message: string) => void,
  ) {}

  statuses(): Promise<StatusTable> {
    return (this.statusesPromise ??= (async () => {
      try {
        const env = await this.api().get("query_ticket_status_infos", {}, { action: "read the ticket statuses" });
        const items = Array.isArray(env.items) ? env.items : [];
        return new StatusTable(items.map((i, n) => parseAt(StatusInfoSchema, i, "items", n)));
      } catch (err) {
        if (!lookupRefused(err)) throw err;
        this.warn(`Sobot's custom ticket statuses could not be read (${(err as Error).message}); using the built-in statuses`);
        return new StatusTable();
      }
    })());
  }

  dict(): Promise<WireDataDict> {
    return (this.dictPromise ??= (async () => {
      const env = await this.api().get("get_data_dict", {}, { action: "read the data dictionary (agents, groups, categories)" });
      return parseAt(DataDictSchema, env.item ?? {}, "item");
    })());
  }

  async list(kind: Kind): Promise<Named[]> {
    const d = await this.dict();
    return kind === "agent"
      ? (d.agent_list ?? []).flatMap((a) => (a.agentid ? [{ id: a.agentid, name: a.agent_name }] : []))
      : (d.group_list ?? []).flatMap((g) => (g.groupid ? [{ id: g.groupid, name: g.group_name }] : []));
  }

  /** Name -> id for list items that carry only names; undefined when the dictionary cannot be read. */
  async nameIndex(): Promise<Directory | undefined> {
    try {
      const [agents, groups] = [byName(await this.list("agent")), byName(await this.list("group"))];
      return { agentIdByName: (n) => agents.get(key(n)) ?? null, groupIdByName: (n) => groups.get(key(n)) ?? null };
    } catch (err) {
      if (!lookupRefused(err)) throw err;
      this.warn(`Sobot's data dictionary could not be read (${(err as Error).message}); agent and group ids are left out`);
      return undefined;
    }
  }

  /** Agents or groups by exact id or name (case-insensitive). */
  async find(kind: Kind, input: string): Promise<Named[]> {
    const wanted = input.trim();
    const all = await this.list(kind);
    const byId = all.filter((x) => x.id === wanted);
    return byId.length > 0 ? byId : all.filter((x) => same(x.name, wanted));
  }

  /**
   * The agent or group the user named, for a write: unknown is NotFoundError (exit 5) listing
   * the candidates get_data_dict knows; a name shared by several is UsageError asking for the id.
   */
  async resolve(kind: Kind, input: string): Promise<Named> {
    const found = await this.find(kind, input);
    if (found.length === 1) return found[0]!;
    const wanted = input.trim();
    if (found.length > 1) {
      throw new UsageError(`several Sobot ${kind}s are named "${wanted}": use the id (${found.map((x) => x.id).join(", ")})`, { vendor: "sobot" });
    }
    const all = await this.list(kind);
    const known = all.slice(0, SHOWN).map((x) => `${x.id} (${x.name ?? "?"})`).join(", ");
    const more = all.length > SHOWN ? `, and ${all.length - SHOWN} more` : "";
    throw new NotFoundError(`Sobot has no ${kind} "${wanted}"${known ? `; ${kind}s in get_data_dict: ${known}${more}` : ""}`, { vendor: "sobot" });
  }

  /** For list filters: the id of a known agent/group, else the input as given (an id Sobot may know). */
  async idFor(kind: Kind, input: string): Promise<string> {
    try {
      const found = await this.find(kind, input);
      return found.length === 1 ? found[0]!.id : input.trim();
    } catch (err) {
      if (!lookupRefused(err)) throw err;
      return input.trim();
    }
  }
}
