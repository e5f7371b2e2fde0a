/**
 * The Provider contract (DESIGN.md section 2). Every vendor module implements it;
 * commands only ever see these types, never vendor field names.
 */
import type { Got } from "got";
import type { Operation, Priority, Status, VendorName } from "../model/enums.js";
import type { Attachment, Message, Ticket, TicketDetail } from "../model/types.js";
import type { HttpClient, HttpClientOptions } from "../http/client.js";

/** What a vendor can do for one verb: `supported` plus one line saying how (or why not). */
export interface Capability {
  supported: boolean;
  /** One sentence: the endpoint/convention used, or why the vendor cannot do it. */
  how: string;
  /**
   * Flags of this verb the vendor cannot carry (e.g. reply ["--internal"] where the vendor can only
   * publish, create ["--attach"], escalate ["--reason"]). They are refused with exit 6 before an
   * editor opens, a prompt asks or anything is sent: never dropped, never published by surprise.
   */
  refusedFlags?: readonly string[];
}
export type Capabilities = Record<Operation, Capability>;

/** Normalized filters for `ticket list`. A provider says which it honors in `listFilters`. */
export interface ListQuery {
  /** Stop after this many tickets; undefined = everything (`--all`). Providers may use it to size pages. */
  limit?: number | undefined;
  /**
   * The user asked for every matching ticket (--all). The list command reads every ticket to sort
   * them (limit undefined either way), so this is what tells a vendor that lists within a time
   * span (Sobot) to go back as far as it can rather than its default span.
   */
  all?: boolean | undefined;
  /**
   * The order the list command will sort into (it sorts every vendor's tickets itself). A vendor
   * that lists within a time span (Sobot) walks the axis that serves it: activity for "updated".
   */
  sort?: "updated" | "created" | undefined;
  status?: Status[] | undefined;
  /**
   * `status` is a set ticket itself asks for (inbox, stats, watch: "everything not resolved"), not
   * the user's filter: a status the vendor does not have simply matches nothing, with no warning.
   */
  statusSet?: boolean | undefined;
  priority?: Priority[] | undefined;
  assignee?: string | undefined;
  team?: string | undefined;
  requester?: string | undefined;
  tag?: string | undefined;
  /** Free-text search. */
  query?: string | undefined;
  channel?: string | undefined;
  category?: string | undefined;
  /** Created at or after. */
  since?: Date | undefined;
  /** Updated at or after. */
  updatedSince?: Date | undefined;
  /** Created before. */
  until?: Date | undefined;
}
export type ListFilter = Exclude<keyof ListQuery, "limit" | "all" | "sort" | "statusSet">;

export interface ShowOptions {
  /** Include the event/operation log. */
  history?: boolean | undefined;
}

/** A local file to send, already checked to exist. */
export interface LocalFile {
  path: string;
  name: string;
  size: number;
}

export interface CreateInput {
  subject: string;
  body?: string | undefined;
  /** Requester id (contact/visitor/customer id), vendor-specific. */
  requester?: string | undefined;
  channel?: string | undefined;
  status?: Status | undefined;
  priority?: Priority | undefined;
  assignee?: string | undefined;
  team?: string | undefined;
  tags?: string[] | undefined;
  category?: string | undefined;
  /** Vendor custom fields: `--field id=value`. */
  fields?: Record<string, string> | undefined;
  attachments?: LocalFile[] | undefined;
}

export interface ReplyInput {
  body: string;
  internal: boolean;
  attachments?: LocalFile[] | undefined;
}

export interface AssignInput {
  /** Agent id. */
  assignee?: string | undefined;
  /** Team / department / group id. */
  team?: string | undefined;
}

export interface EscalateInput {
  reason?: string | undefined;
  /** Supervisor / department / agent to escalate to, where the vendor takes one. */
  to?: string | undefined;
}

export interface CloseInput {
  /** Mark resolved rather than closed, where the vendor tells them apart. */
  resolve?: boolean | undefined;
  comment?: string | undefined;
}

export interface UploadInput {
  /** Text of the reply that carries the files, where the vendor attaches via a reply. */
  message?: string | undefined;
  internal?: boolean | undefined;
}

/** `ticket api METHOD PATH`: one request to the vendor's own endpoint. */
export interface ApiRequest {
  /** Upper-case: GET, POST, PUT, PATCH, DELETE. */
  method: string;
  /** Relative to the profile's base URL (a leading "/" is relative too), query allowed. */
  path: string;
  /** --query k=v, in order (repeated keys kept). */
  query: [string, string][];
  /** The JSON body (--data), or undefined for none. */
  body?: unknown;
}

/** What `ticket api` prints (the vendor's body, verbatim as JSON or text) and how it exits. */
export interface ApiResponse {
  status: number;
  /** Parsed JSON, or the text when the body is not JSON. */
  body: unknown;
  /** The failure the answer means (HTTP status, or a refusal inside a 2xx envelope), classified; exit by its class. */
  error?: import("../errors.js").CliError | undefined;
}

export interface Provider {
  readonly vendor: VendorName;
  readonly capabilities: Capabilities;
  /** Filters this provider applies (server- or client-side); others are rejected with UnsupportedError. */
  readonly listFilters: readonly ListFilter[];
  list(q: ListQuery): AsyncIterable<Ticket>;
  show(id: string, opts?: ShowOptions): Promise<TicketDetail>;
  create?(input: CreateInput): Promise<Ticket>;
  reply?(id: string, input: ReplyInput): Promise<Message>;
  assign?(id: string, input: AssignInput): Promise<Ticket>;
  escalate?(id: string, input: EscalateInput): Promise<Ticket>;
  merge?(targetId: string, sourceIds: string[]): Promise<Ticket>;
  close?(id: string, input: CloseInput): Promise<Ticket>;
  upload?(id: string, files: LocalFile[], input: UploadInput): Promise<Attachment[]>;
  /**
   * After a create whose answer was lost: the ticket this input created at or after `since`, or
   * null when there clearly is none; throws when it cannot tell. For vendors whose tickets cannot
   * be found by subject and requester (Zaia: by the chat); others use the command's own search.
   */
  findCreated?(input: CreateInput, since: Date): Promise<Ticket | null>;
  /**
   * `ticket api`: the request as given, with the profile's base URL, auth (tokens renewed as for
   * any call), origin lock, redaction and retries for GET. Never throws for an HTTP status or an
   * envelope refusal: those come back as `error` with the body. Built on sendApiRequest
   * (src/providers/shared/api-request.ts).
   */
  request?(req: ApiRequest): Promise<ApiResponse>;
  /**
   * The directory (src/directory, `ticket agents`): the vendor's agents from its documented
   * endpoint (Sobot get_data_dict agent_list). Absent where none is documented: the directory then
   * lists the assignees of recent tickets. Only reads; throws like `list`.
   */
  agents?(): Promise<DirectoryRecord[]>;
  /** Teams / departments / groups from the vendor's documented endpoint (Sobot group_list, Zaia ticketing-teams). Absent: seen on recent tickets. */
  teams?(): Promise<DirectoryRecord[]>;
  /** Customers / contacts matching `query` (name, email or phone), where the vendor documents a search. Absent: requesters of recent tickets. */
  contacts?(query: string): Promise<DirectoryRecord[]>;
  /**
   * Whether `value` has the vendor's id form for an agent, team or contact (Comm100: a guid; Zaia:
   * a UUID): such a value given to --to / --team / --requester is taken as an id with no lookup.
   * Absent: every value is looked up in the directory.
   */
  isDirectoryId?(kind: DirectoryKind, value: string): boolean;
}

/** What a --to / --team / --requester value names. */
export type DirectoryKind = "agent" | "team" | "contact";

/** One agent, team or contact as the directory lists it (null where the vendor does not say). */
export interface DirectoryRecord {
  id: string;
  name: string | null;
  email: string | null;
  phone?: string | null | undefined;
}

/** A profile as a provider sees it (secrets are reached only through `ProviderContext.secret`). */
export interface ProfileData {
  name: string;
  vendor: VendorName;
  baseUrl: string;
  /** Non-secret settings: agent ids, site id, time zone, ... */
  settings: Record<string, string>;
}

/** Everything a provider may touch of the world. Built by src/deps.ts. */
export interface ProviderContext {
  profile: ProfileData;
  /** The secret's value; throws ConfigError naming the profile when it is not configured. */
  secret(name: string): Promise<string>;
  hasSecret(name: string): boolean;
  /** Register a value obtained at run time (an access token) so no output or log can show it. */
  addSecret(value: string): void;
  /** The profile's got instance: timeouts, retries, redaction, --verbose, --dry-run, origin lock. */
  http(options?: HttpClientOptions): HttpClient;
  now(): Date;
  /** Per-profile folder for caches (tokens). Created on demand by the caller. */
  cacheDir: string;
  /** Per-profile folder for state. */
  stateDir: string;
  /** A warning for the user (stderr). Providers never print otherwise. */
  warn(message: string): void;
  /** Attach the vendor payload to each Ticket as `raw` (--raw). */
  raw: boolean;
  /** Aborted on Ctrl-C / SIGTERM: pass it to waits the provider makes itself (locks, sleeps). */
  signal?: AbortSignal | undefined;
  /** --dry-run: writes are planned, not sent (src/http/dry-run.ts); a provider may read first to fail as the real run would. */
  dryRun?: boolean | undefined;
}

export type ProviderFactory = (ctx: ProviderContext) => Provider;
