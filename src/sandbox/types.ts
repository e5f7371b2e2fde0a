/** The contract every vendor simulator in src/sandbox/<vendor>/ keeps. */
import type { VendorName } from "../model/enums.js";

export interface RecordedRequest {
  method: string;
  /** Path without the query string, as received (not decoded). */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, urlencoded or multipart fields (files as {filename,size,type}); raw text otherwise. */
  body: unknown;
  rawBody: string;
  /** Status the simulator answered. */
  status?: number;
}

/** A failure the simulator serves instead of the real answer. `writesOnly` skips GET/HEAD requests. */
export type Fault = (
  | { kind: "status"; status: number; retryAfter?: number; body?: string }
  | { kind: "drop" }
  | { kind: "malformed" }
) & { writesOnly?: boolean };

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Always loopback unless a test says otherwise. */
  host?: string;
  /** How many tickets to seed (deterministic). */
  tickets?: number;
  /** Delay every response by this many ms. */
  latencyMs?: number;
  /** Enforce a rate limit (429 with Retry-After beyond it): the vendor's documented one, or CALLS per perMs. Only simulators of vendors that document one honor it. */
  rateLimit?: "documented" | { calls: number; perMs: number } | undefined;
  /** The simulator's clock; seeds are laid out relative to it. */
  now?: () => Date;
  /** A previously exported state to resume (the demo profile). */
  state?: unknown;
  /** Token lifetime for vendors with expiring tokens. */
  tokenTtlSeconds?: number;
  /** Override the credentials the simulator accepts (secret name -> value). */
  secrets?: Record<string, string>;
  /**
   * Which plausible reading of the vendor's document to serve where the document is silent
   * (each simulator lists its variants in its `VARIANTS` export). Undefined = the simulator's own reading.
   */
  variant?: string;
}

/** The create fields a fixture carries; written here so the simulators need nothing from src/providers/. */
export interface FixtureCreateInput {
  subject: string;
  body?: string;
  requester?: string;
  channel?: string;
  priority?: "low" | "normal" | "high" | "urgent";
  assignee?: string;
  team?: string;
  category?: string;
  tags?: string[];
  fields?: Record<string, string>;
}

/** Values the shared contract suite needs, valid in this simulator's seed. */
export interface ContractFixtures {
  /** An existing ticket that is open and can be replied to, assigned, escalated and closed. */
  ticketId: string;
  /** Well-formed id of a ticket that does not exist. */
  missingTicketId: string;
  /** An agent/user id the vendor accepts as an assignee. */
  assigneeId: string;
  /** A team/group/department id, where the vendor has them. */
  teamId?: string;
  /** A vendor-valid create input, where the vendor can create (the fields of the CLI's CreateInput). */
  create?: FixtureCreateInput;
  /** A well-formed agent id the vendor does not know (assign --to must exit 5 naming it). */
  missingAgentId?: string;
  /** Two tickets that can be merged into `ticketId`, where the vendor can merge. */
  mergeSourceIds?: string[];
  /** How many tickets `list --all` returns with no filter. */
  listAllCount: number;
}

export interface Simulator {
  vendor: VendorName;
  /** What a profile's --base-url should be. */
  baseUrl: string;
  /** Every request received, oldest first. Tests read and clear it. */
  requests: RecordedRequest[];
  /** The credentials it accepts: secret name -> value, plus settings a profile needs. */
  credentials: { secrets: Record<string, string>; settings: Record<string, string> };
  fixtures: ContractFixtures;
  /** Queue a fault for the next request(s). */
  fail(fault: Fault, times?: number): void;
  /** JSON-serializable state, for persistence (the demo profile). */
  exportState(): unknown;
  close(): Promise<void>;
}

export interface SimulatorModule {
  startSimulator(opts?: SimulatorOptions): Promise<Simulator>;
}
