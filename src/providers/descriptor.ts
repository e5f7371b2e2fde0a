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
   * Bulk runs (several ids, or `-`): how many items at once unless --concurrency says, and why
   * (the vendor's documented rate limit, or that none is documented). Absent: 4.
   */
  concurrency?: { default: number; basis: string };
  /** Which id form the verbs take, checked before any request ("must be a number"). Return an error message or null. */
  checkTicketId?(id: string): string | null;
  loadProvider?(): Promise<ProviderFactory>;
  loadSimulator?(): Promise<SimulatorModule>;
}
