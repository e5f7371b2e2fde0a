/**
 * What the CLI knows about a vendor without loading its code: names, profile fields,
 * capabilities, and lazy loaders for the provider and the simulator.
 * Descriptor files must import nothing heavy: `ticket vendors` and `profile add` read them.
 */
import type { VendorName } from "../model/enums.js";
import type { Capabilities, ListFilter, ProviderFactory } from "./types.js";
import type { SimulatorModule } from "../sandbox/types.js";

export interface SecretSpec {
  /** Key used by the provider: ctx.secret(name). */
  name: string;
  description: string;
  required: boolean;
  /** The secret `--token-env` / `--token-stdin` set. Exactly one per vendor. */
  primary?: boolean;
}

export interface SettingSpec {
  name: string;
  description: string;
  required: boolean;
  default?: string;
  /** Accept only these values. */
  choices?: readonly string[];
}

/** The profile's own agent: which setting names it (one of `settings`), and the doc lines that tie it to the assignee. */
export interface SelfSpec {
  setting: string;
  basis: string;
}

export interface VendorDescriptor {
  vendor: VendorName;
  displayName: string;
  /** false until the vendor's provider exists: `ticket vendors` says so instead of pretending. */
  available: boolean;
  baseUrlExample: string;
  /** Extra words about auth for `ticket vendors` and `profile add --help`. */
  authSummary: string;
  secrets: readonly SecretSpec[];
  settings: readonly SettingSpec[];
  capabilities?: Capabilities;
  listFilters?: readonly ListFilter[];
  /**
   * Who "me" is on this vendor (`ticket inbox`, issue 13): the profile setting that holds the
   * profile's own agent id, the same id the vendor's tickets carry as their assignee, and where
   * the vendor's document says so. Absent: the vendor has no such setting, and inbox skips it.
   */
  self?: SelfSpec;
  /**
   * Bulk runs (several ids, or `-`): how many items at once unless --concurrency says, and why
   * (the vendor's documented rate limit, or that none is documented). Absent: 4.
   */
  concurrency?: { default: number; basis: string };
  /**
   * The vendor's documented rate limit: at most `calls` requests in any `perMs`, and where the
   * documentation says so. Every request of a profile is paced under it (src/http/pace.ts;
   * TICKET_RATE_LIMIT=CALLS/SECONDS or off overrides it). Absent: the vendor documents none, and
   * only a 429 slows requests down (src/http/gate.ts).
   */
  rateLimit?: { calls: number; perMs: number; basis: string };
  /** Which id form the verbs take, checked before any request ("must be a number"). Return an error message or null. */
  checkTicketId?(id: string): string | null;
  loadProvider?(): Promise<ProviderFactory>;
  loadSimulator?(): Promise<SimulatorModule>;
}
