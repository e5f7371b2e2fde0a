/**
 * The Comm100 simulator: `startSimulator()` serves the v4 ticketing API on 127.0.0.1, written from
 * vendor-docs/comm100-ticket-api.txt and vendor-notes.md section 2. Where the document is silent
 * it keeps its own reading (readings.ts) and serves the other plausible ones as `VARIANTS`.
 */
import { parseRateLimitSpec, startSimServer } from "../shared/server.js";
import type { Simulator, SimulatorOptions } from "../types.js";
import { Comm100Auth, newCredentials } from "./auth.js";
import { fail } from "./common.js";
import type { Comm100State } from "./model.js";
import { readingsFor } from "./readings.js";
import { comm100Routes } from "./routes.js";
import { seedComm100 } from "./seed.js";

export { VARIANTS, type Variant } from "./readings.js";

export const DEFAULT_TICKETS = 300;

/** FACT (vendor-notes.md section 2.1, server-api-introduction): "300 calls per 5 minutes per IP". */
export const DOCUMENTED_RATE_LIMIT = { calls: 300, perMs: 5 * 60_000 } as const;

export interface Comm100SimulatorOptions extends SimulatorOptions {
  /**
   * Enforce a rate limit (opt-in): "documented" for Comm100's 300 calls per 5 minutes, or another
   * window (a test's 20 per 2 s). Without it, TICKET_SANDBOX_RATE_LIMIT=CALLS/SECONDS (or
   * "documented") turns it on, so `ticket sandbox --vendor comm100` can serve it; otherwise none.
   * Every request counts (the simulator is one IP), the token request too; one over the limit is
   * answered 429 with Retry-After.
   */
  rateLimit?: "documented" | { calls: number; perMs: number } | undefined;
}

function rateLimitOf(opts: Comm100SimulatorOptions): { calls: number; perMs: number } | undefined {
  const given = opts.rateLimit ?? process.env["TICKET_SANDBOX_RATE_LIMIT"]?.trim();
  if (given === undefined || given === "") return undefined;
  if (given === "documented") return DOCUMENTED_RATE_LIMIT;
  return typeof given === "string" ? parseRateLimitSpec(given) : given;
}

export interface Comm100Simulator extends Simulator {
  state: Comm100State;
  /** Every access token issued so far stops working (the refresh path of a provider). */
  expireTokens(): void;
}

export async function startSimulator(opts: Comm100SimulatorOptions = {}): Promise<Comm100Simulator> {
  const readings = readingsFor(opts.variant);
  const now = opts.now ?? (() => new Date());
  const state: Comm100State = (opts.state as Comm100State | undefined) ?? seedComm100(opts.tickets ?? DEFAULT_TICKETS, now());
  const creds = newCredentials(opts.secrets);
  const auth = new Comm100Auth(creds, now, opts.tokenTtlSeconds);
  let origin = "";
  const limit = rateLimitOf(opts);
  const server = await startSimServer({
    router: comm100Routes(state, auth, readings, () => origin, now),
    host: opts.host,
    port: opts.port,
    latencyMs: opts.latencyMs,
    notFound: (req) => fail(404, `No HTTP resource was found that matches the request URI '${req.path}'.`),
    // GUESS: the doc prints no 429 body; the vendor's error shape (readings.errorBody) with the limit in words.
    rateLimit: limit && {
      ...limit,
      reply: (seconds) => ({
        ...fail(429, `API rate limit exceeded: at most ${limit.calls} calls per ${limit.perMs / 1000} seconds per IP. Try again in ${seconds} seconds.`),
        headers: { "retry-after": String(seconds) },
      }),
    },
  });
  origin = server.origin;

  // Asked for a password and no token: the simulator is an OAuth-only site (password grant).
  const oauthOnly = opts.secrets?.["password"] !== undefined && opts.secrets["token"] === undefined;
  const open = state.tickets.filter((t) => t.status !== "resolved" && !t.isInRecycleBin && t.mergedToTargetId === null);
  // A small seed may have fewer open tickets than the fixtures name: fall back to any ticket.
  const fixtureTicket = (i: number) => String((open[i] ?? state.tickets[i] ?? state.tickets[0])?.id ?? 1001);
  return {
    vendor: "comm100",
    baseUrl: `${server.origin}/v4`,
    requests: server.requests,
    credentials: oauthOnly
      ? { secrets: { password: creds.password }, settings: { agentId: state.agents[0]!.id, channelId: "Email", email: creds.email, clientId: creds.clientId } }
      : { secrets: { token: creds.token }, settings: { agentId: state.agents[0]!.id, channelId: "Email" } },
    fixtures: {
      ticketId: fixtureTicket(0),
      missingTicketId: "999999",
      assigneeId: state.agents[1]!.id,
      teamId: state.departments[0]!.id,
      missingAgentId: "0badc0de-0000-4000-8000-000000000000",
      create: {
        subject: "Printer on fire",
        body: "The office printer is on fire again.",
        requester: state.contacts[0]!.id,
        channel: "Email",
        priority: "high",
      },
      mergeSourceIds: [fixtureTicket(1), fixtureTicket(2)],
      listAllCount: state.tickets.filter((t) => !t.isInRecycleBin).length,
    },
    fail: server.fail,
    exportState: () => state,
    close: server.close,
    state,
    expireTokens: () => auth.expireAll(),
  };
}

/** Settings for API-key auth (Basic email:key + siteId), for tests of that flow. */
export const SANDBOX_API_KEY_SETTINGS = { email: "agent@sandbox.example.com", siteId: "10000" };
/** Settings for the OAuth password grant; the password is the `password` secret given to startSimulator. */
export const SANDBOX_OAUTH_SETTINGS = { email: "agent@sandbox.example.com", clientId: newCredentials(undefined).clientId };
