/**
 * A local simulator of Sobot's Ticket API (open platform v5): /api/get_token and
 * /api/ws/5/ticket/<name> on 127.0.0.1, seeded deterministically. `baseUrl` is the host origin,
 * as https://sg.sobot.io is for a real account. Written from vendor-docs/sobot-ticket-api.txt;
 * where the document is silent it keeps its own reading (readings.ts) and serves the other
 * plausible ones as variants.
 */
import { createPicker } from "../shared/seed.js";
import { startSimServer } from "../shared/server.js";
import type { ContractFixtures, Simulator, SimulatorOptions } from "../types.js";
import { COMPANY_TIMEZONE, hex32 } from "./format.js";
import { SobotIndex } from "./indexes.js";
import { readingFor, VARIANT_READINGS, type Reading } from "./readings.js";
import { buildRouter } from "./routes.js";
import { seedState } from "./seed.js";
import type { SimState } from "./state.js";

/** The variants this simulator serves (SimulatorOptions.variant); see readings.ts. */
export const VARIANTS: readonly string[] = Object.keys(VARIANT_READINGS);

const DAY = 24 * 60 * 60 * 1000;

function restore(state: unknown): SimState | undefined {
  if (!state || typeof state !== "object") return undefined;
  const s = state as Partial<SimState>;
  if (s.version !== 1 || !Array.isArray(s.tickets) || typeof s.appid !== "string" || typeof s.app_key !== "string") return undefined;
  const copy = structuredClone(s as SimState);
  // States saved before these fields existed (the demo profile's data folder).
  copy.olderTokens ??= [];
  for (const t of copy.tickets) t.evaluation ??= null;
  return copy;
}

/** A fresh id that is not in `taken`. */
function unusedId(seed: number, taken: (id: string) => boolean): string {
  const picker = createPicker(seed);
  let id = hex32(picker);
  while (taken(id)) id = hex32(picker);
  return id;
}

/** The same UTC day and time `months` calendar months before `ms` (clamped to the month's last day). */
function monthsAgo(ms: number, months: number): number {
  const d = new Date(ms);
  const m = d.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), m + 1, 0)).getUTCDate();
  return Date.UTC(d.getUTCFullYear(), m, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

function fixturesFor(state: SimState, now: number): ContractFixtures {
  const ticket =
    [...state.tickets].reverse().find((t) => t.ticket_status === "1" && t.deal_agentid && now - t.created < 20 * DAY) ??
    state.tickets.find((t) => t.ticket_status !== "99" && t.ticket_status !== "98") ??
    state.tickets[0];
  const assignee = state.agents.find((a) => a.agentid !== ticket?.deal_agentid) ?? state.agents[0];
  const leaf = state.categories.find((c) => c.node_flag === "0" && c.type_level > 1) ?? state.categories.find((c) => c.node_flag === "0");
  const missing = unusedId(7, (id) => state.tickets.some((t) => t.ticketid === id));
  return {
    ticketId: ticket?.ticketid ?? missing,
    missingTicketId: missing,
    assigneeId: assignee?.agentid ?? "",
    teamId: state.groups[0]?.groupid,
    missingAgentId: unusedId(11, (id) => state.agents.some((a) => a.agentid === id)),
    create: {
      subject: "Printer on floor 3 prints blank pages",
      body: "Since this morning every job from the floor 3 printer comes out blank.",
      requester: state.customers[0]?.userid,
      category: leaf?.typeid,
      priority: "high",
    },
    // `list --all` with no --since lists the tickets created in the last 24 calendar months (the
    // CLI's TICKET_SOBOT_MAX_MONTHS default); the seed spans five months unless told otherwise.
    listAllCount: state.tickets.filter((t) => t.created >= monthsAgo(now, 24) && t.created <= now).length,
  };
}

/** The simulator plus its live state, for tests that must change it between two requests. */
export interface SobotSimulator extends Simulator {
  readonly state: SimState;
  readonly reading: Reading;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<SobotSimulator> {
  const reading = readingFor(opts.variant);
  const clock = opts.now ?? (() => new Date());
  const now = () => clock().getTime();
  const state = restore(opts.state) ?? seedState(opts.tickets ?? 200, now());
  if (opts.secrets?.app_key) state.app_key = opts.secrets.app_key;
  if (opts.secrets?.appid) state.appid = opts.secrets.appid;

  const router = buildRouter({ state, index: new SobotIndex(state), now, tokenTtlSeconds: opts.tokenTtlSeconds ?? 86400, reading });
  const server = await startSimServer({ router, host: opts.host, port: opts.port, latencyMs: opts.latencyMs });
  const actingAgent = state.agents[0];
  const leaf = state.categories.find((c) => c.node_flag === "0" && c.type_name === "Other") ?? state.categories.find((c) => c.node_flag === "0");

  return {
    vendor: "sobot",
    baseUrl: server.origin,
    requests: server.requests,
    credentials: {
      secrets: { app_key: state.app_key },
      settings: {
        appid: state.appid,
        companyid: state.companyid,
        agentId: actingAgent?.agentid ?? "",
        agentName: actingAgent?.agent_name ?? "",
        timezone: COMPANY_TIMEZONE,
        category: leaf?.typeid ?? "",
      },
    },
    fixtures: fixturesFor(state, now()),
    state,
    reading,
    fail: (fault, times) => server.fail(fault, times),
    exportState: () => structuredClone(state),
    close: () => server.close(),
  };
}

export type { SimState } from "./state.js";
