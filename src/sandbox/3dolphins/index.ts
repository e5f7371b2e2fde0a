/**
 * The 3Dolphins simulator: `startSimulator()` serves the Service API ticket endpoints under
 * http://127.0.0.1:PORT/dolphin/apiv1/graph, with bearer auth and POST graph/auth, as
 * vendor-docs/3dolphins-ticket-api.txt describes them (rules.ts) and, where it is silent, as
 * readings.ts reads it: `variant` picks another plausible reading (VARIANTS).
 *
 * Credentials: the fixed sandbox token (secret `token`), or username + password at graph/auth.
 * The password is not part of `credentials` (a profile needs only the token); tests that want the
 * password flow pass `secrets: { password }` and log in as `credentials.settings.username`.
 */
import { randomBytes } from "node:crypto";
import { startSimServer } from "../shared/server.js";
import type { Simulator, SimulatorOptions } from "../types.js";
import type { ThreeDolphinsState } from "./model.js";
import { FIXED_TOKEN_EXPIRES_WITH_TTL, readingFor } from "./readings.js";
import { springError } from "./replies.js";
import { BASE, threeDolphinsRoutes, type SimAuth } from "./routes.js";
import { seedThreeDolphins } from "./seed.js";

export { VARIANTS } from "./readings.js";

export const DEFAULT_TICKETS = 200;
const DEFAULT_TOKEN_TTL_SECONDS = 3600;

function restore(state: unknown): ThreeDolphinsState | null {
  if (!state || typeof state !== "object") return null;
  const s = state as Partial<ThreeDolphinsState>;
  if (s.version !== 1 || !Array.isArray(s.tickets) || !Array.isArray(s.users) || !s.conversations) return null;
  return { ...s, files: s.files ?? [], tokens: s.tokens ?? [], serial: s.serial ?? 0 } as ThreeDolphinsState;
}

/** A well-formed agent id (32 hex, like every id in the doc's samples) that no sandbox user has. */
export const MISSING_AGENT_ID = "0000000000000000000000000000dead";

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const reading = readingFor(opts.variant);
  const now = opts.now ?? (() => new Date());
  const state = restore(opts.state) ?? seedThreeDolphins(opts.tickets ?? DEFAULT_TICKETS, now());
  const agent = state.users.find((u) => u.role === "agent")!;
  const supervisor = state.users.find((u) => u.role === "supervisor")!;
  const auth: SimAuth = {
    token: opts.secrets?.["token"] ?? `sbx-3d-${randomBytes(16).toString("hex")}`,
    tokenUser: agent.id,
    tokenExpiresAtMs: FIXED_TOKEN_EXPIRES_WITH_TTL && opts.tokenTtlSeconds !== undefined ? now().getTime() + opts.tokenTtlSeconds * 1000 : null,
    password: opts.secrets?.["password"] ?? `sbx-pw-${randomBytes(12).toString("hex")}`,
    tokenTtlMs: (opts.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS) * 1000,
  };
  let origin = "";
  const server = await startSimServer({
    router: threeDolphinsRoutes(state, reading, auth, () => origin, now),
    host: opts.host,
    port: opts.port,
    latencyMs: opts.latencyMs,
    notFound: (req) => {
      const answer = springError(404, "No message available", req.path);
      return { ...answer, body: { ...(answer.body as object), simulator: "no such 3Dolphins route" } };
    },
  });
  origin = server.origin;

  // An open ticket assigned to someone, with a conversation; the assignee fixture is another agent.
  const fixture = state.tickets.find((t) => t["status"] === "Assigned" && (state.conversations[String(t["ticketNumber"])]?.length ?? 0) > 0) ??
    state.tickets.find((t) => t["status"] === "Assigned")!;
  const other = state.users.find((u) => u.role === "agent" && u.id !== fixture["assignedAgent"])!;

  return {
    vendor: "3dolphins",
    baseUrl: `${server.origin}${BASE}`,
    requests: server.requests,
    credentials: {
      secrets: { token: auth.token },
      settings: { replyAgent: agent.id, supervisorId: supervisor.id, username: agent.username },
    },
    fixtures: {
      ticketId: String(fixture["ticketNumber"]),
      missingTicketId: "9901010000",
      assigneeId: other.id,
      missingAgentId: MISSING_AGENT_ID,
      teamId: state.groups[0]!.id,
      listAllCount: state.tickets.length,
    },
    fail: server.fail,
    exportState: () => state,
    close: server.close,
  };
}
