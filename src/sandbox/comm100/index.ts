/** The Comm100 simulator: `startSimulator()` serves the v4 ticketing API on 127.0.0.1. */
import { randomBytes } from "node:crypto";
import { startSimServer } from "../shared/server.js";
import type { Simulator, SimulatorOptions } from "../types.js";
import type { Comm100State } from "./model.js";
import { comm100Routes } from "./routes.js";
import { seedComm100 } from "./seed.js";

export const DEFAULT_TICKETS = 300;

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const now = opts.now ?? (() => new Date());
  const state: Comm100State = (opts.state as Comm100State | undefined) ?? seedComm100(opts.tickets ?? DEFAULT_TICKETS, now());
  const auth = {
    token: opts.secrets?.["token"] ?? `sbx-c100-${randomBytes(12).toString("hex")}`,
    apiKey: opts.secrets?.["apiKey"] ?? `sbx-key-${randomBytes(12).toString("hex")}`,
    email: "agent@sandbox.example.com",
    siteId: "10000",
  };
  let origin = "";
  const server = await startSimServer({
    router: comm100Routes(state, auth, () => origin, now),
    host: opts.host,
    port: opts.port,
    latencyMs: opts.latencyMs,
  });
  origin = server.origin;

  const open = state.tickets.filter((t) => t.status !== "resolved" && !t.isInRecycleBin && t.mergedToTargetId === null);
  const agent = state.agents[0]!;
  return {
    vendor: "comm100",
    baseUrl: `${server.origin}/v4`,
    requests: server.requests,
    credentials: {
      secrets: { token: auth.token },
      settings: { agentId: agent.id, channelId: "Email" },
    },
    fixtures: {
      ticketId: String(open[0]!.id),
      missingTicketId: "999999",
      assigneeId: state.agents[1]!.id,
      teamId: state.departments[0]!.id,
      create: {
        subject: "Printer on fire",
        body: "The office printer is on fire again.",
        requester: state.contacts[0]!.id,
        channel: "Email",
        priority: "high",
      },
      mergeSourceIds: [String(open[1]!.id), String(open[2]!.id)],
      listAllCount: state.tickets.filter((t) => !t.isInRecycleBin).length,
    },
    fail: server.fail,
    exportState: () => state,
    close: server.close,
  };
}

/** Credentials for API-key auth, for tests of the Basic + siteId flow. */
export const SANDBOX_API_KEY_SETTINGS = { email: "agent@sandbox.example.com", siteId: "10000" };
