/**
 * Wraps a provider so that every call (1) refuses an unsupported verb before any request,
 * (2) turns transport errors into the CLI's error classes with the vendor's name, and
 * (3) checks ids and list filters the provider does not take. Commands and the contract
 * suite both talk to providers only through this wrapper.
 */
import { CliError, ConfigError, NetworkError, UnsupportedError, UsageError } from "../errors.js";
import type { Operation } from "../model/enums.js";
import { paged, pagesOf } from "../model/paged.js";
import type { Ticket } from "../model/types.js";
import { toCliError } from "../http/errors.js";
import { WriteLog, writeScope } from "../http/outcome.js";
import type { VendorDescriptor } from "./descriptor.js";
import type { ListFilter, ListQuery, Provider } from "./types.js";

/** Tickets already printed, in a row, after which a walk is taken to be going round in circles. */
const REPEAT_LIMIT = 500;

/** The verbs that change anything at the vendor: refused on a read-only profile. */
export const WRITE_OPERATIONS: ReadonlySet<Operation> = new Set<Operation>(["create", "reply", "assign", "escalate", "merge", "close", "upload"]);

/** Providers resolved for a read-only profile (protectReadOnly), with the profile's name. */
const readOnlyProfiles = new WeakMap<Provider, string>();

/** Exit 3, one line naming the profile and how to allow writes. */
export function readOnlyRefusal(profile: string, what: string): ConfigError {
  return new ConfigError(`profile "${profile}" is read-only: ${what} refused, nothing was sent (to allow writes: ticket profile set ${profile} readOnly=false)`);
}

/**
 * Wraps the (guarded) provider of a read-only profile: every write method refuses with exit 3
 * before any request, and requireCapability / refuseFlags (which the write verbs call before an
 * editor opens, a prompt asks or anything is read) refuse the same way. Reads pass through.
 */
export function protectReadOnly(provider: Provider, profile: string): Provider {
  const wrapped: Provider = { ...provider };
  const methods = wrapped as unknown as Record<string, unknown>;
  for (const op of WRITE_OPERATIONS) {
    if (typeof methods[op] === "function") methods[op] = async () => { throw readOnlyRefusal(profile, op); };
  }
  readOnlyProfiles.set(wrapped, profile);
  return wrapped;
}

/** The read-only profile this provider was resolved for, if it is one. */
export function readOnlyProfileOf(provider: Provider): string | undefined {
  return readOnlyProfiles.get(provider);
}

/** Refuse `what` ("close", "POST /tickets") when the provider belongs to a read-only profile. */
export function refuseIfReadOnly(provider: Provider, what: string): void {
  const profile = readOnlyProfiles.get(provider);
  if (profile !== undefined) throw readOnlyRefusal(profile, what);
}

export function requireCapability(provider: Provider, op: Operation, displayName: string): void {
  if (WRITE_OPERATIONS.has(op)) refuseIfReadOnly(provider, op);
  const cap = provider.capabilities[op];
  const method = (provider as unknown as Record<string, unknown>)[op];
  if (!cap?.supported || typeof method !== "function") {
    throw new UnsupportedError(cap?.how ?? `${displayName} does not support ${op}`, { vendor: provider.vendor });
  }
}

/** Refuse (exit 6, before anything is asked or sent) the flags a vendor declares it cannot carry for a verb. */
export function refuseFlags(provider: Provider, op: Operation, displayName: string, given: readonly string[]): void {
  if (WRITE_OPERATIONS.has(op)) refuseIfReadOnly(provider, op);
  const refused = provider.capabilities[op]?.refusedFlags ?? [];
  const bad = given.filter((f) => refused.includes(f));
  if (bad.length > 0) {
    throw new UnsupportedError(`${displayName} cannot carry ${bad.join(", ")} on ${op}: ${provider.capabilities[op]!.how}. Nothing was sent`, { vendor: provider.vendor });
  }
}

function checkIds(descriptor: VendorDescriptor, ids: string[]): void {
  for (const id of ids) {
    if (!id || !id.trim()) throw new UsageError("a ticket id is required");
    const problem = descriptor.checkTicketId?.(id);
    if (problem) throw new UsageError(`invalid ${descriptor.displayName} ticket id "${id}": ${problem}`, { vendor: descriptor.vendor });
  }
}

function checkFilters(provider: Provider, descriptor: VendorDescriptor, q: ListQuery): void {
  const given = (Object.keys(q) as (keyof ListQuery)[]).filter(
    (k) => k !== "limit" && k !== "all" && k !== "sort" && k !== "statusSet" && q[k] !== undefined && !(Array.isArray(q[k]) && (q[k] as unknown[]).length === 0),
  ) as ListFilter[];
  const unsupported = given.filter((k) => !provider.listFilters.includes(k));
  if (unsupported.length > 0) {
    throw new UnsupportedError(
      `${descriptor.displayName} cannot filter tickets by ${unsupported.join(", ")} (it filters by: ${provider.listFilters.join(", ") || "nothing"})`,
      { vendor: descriptor.vendor },
    );
  }
}

export function guardProvider(provider: Provider, descriptor: VendorDescriptor): Provider {
  const base = { vendor: descriptor.vendor, displayName: descriptor.displayName };
  const map = (err: unknown, subject?: string) => toCliError(err, { ...base, subject });

  async function call<T>(op: Operation, ids: string[], fn: () => Promise<T>, subject?: string): Promise<T> {
    requireCapability(provider, op, descriptor.displayName);
    checkIds(descriptor, ids);
    if (op === "show" || op === "list") {
      try {
        return await fn();
      } catch (err) {
        throw map(err, subject);
      }
    }
    // A write verb: every request it sends is logged, so a failure says what became of the writes.
    const log = new WriteLog();
    try {
      return await writeScope.run(log, fn);
    } catch (err) {
      const mapped = map(err, subject);
      // A provider that knows better (a write answered 2xx that did not apply) sets the outcome itself.
      if (mapped instanceof CliError) mapped.outcome ??= log.outcome(err);
      throw mapped;
    }
  }

  const p = provider as Required<Provider>;
  return {
    vendor: provider.vendor,
    capabilities: provider.capabilities,
    listFilters: provider.listFilters,
    list(q) {
      return paged(async function* () {
        requireCapability(provider, "list", descriptor.displayName);
        checkFilters(provider, descriptor, q);
        // Belt and braces over each provider's PageGuard: no ticket is ever printed twice, and a
        // walk that keeps receiving tickets it already printed is stopped, not silently spun.
        const seen = new Set<string>();
        let repeats = 0;
        try {
          for await (const page of pagesOf(provider.list(q))) {
            const fresh: Ticket[] = [];
            for (const t of page) {
              if (seen.has(t.id)) {
                if (++repeats > REPEAT_LIMIT) {
                  // What came before it on this page is printed first, as ticket by ticket.
                  if (fresh.length > 0) yield fresh;
                  throw new NetworkError(`${descriptor.displayName} keeps sending tickets it already sent (${repeats} in a row); stopping the walk so it cannot loop`, { vendor: descriptor.vendor });
                }
                continue;
              }
              repeats = 0;
              seen.add(t.id);
              fresh.push(t);
            }
            if (fresh.length > 0) yield fresh;
          }
        } catch (err) {
          throw map(err, "tickets");
        }
      });
    },
    show: (id, opts) => call("show", [id], () => p.show(id, opts), `ticket ${id}`),
    create: (input) => call("create", [], () => p.create(input), "ticket"),
    reply: (id, input) => call("reply", [id], () => p.reply(id, input), `ticket ${id}`),
    assign: (id, input) => call("assign", [id], () => p.assign(id, input), `ticket ${id}`),
    escalate: (id, input) => call("escalate", [id], () => p.escalate(id, input), `ticket ${id}`),
    merge: (target, sources) =>
      call("merge", [target, ...sources], () => p.merge(target, sources), `ticket ${[target, ...sources].join(" or ")}`),
    close: (id, input) => call("close", [id], () => p.close(id, input), `ticket ${id}`),
    upload: (id, files, input) => call("upload", [id], () => p.upload(id, files, input), `ticket ${id}`),
    ...(provider.request
      ? {
          // ticket api: a non-GET is tracked like any write, so a lost answer is "may have been done", never "not sent".
          request: async (req: Parameters<NonNullable<Provider["request"]>>[0]) => {
            const log = new WriteLog();
            const read = req.method === "GET" || req.method === "HEAD";
            try {
              return read ? await provider.request!(req) : await writeScope.run(log, () => provider.request!(req));
            } catch (err) {
              const mapped = map(err, req.path);
              if (mapped instanceof CliError && !read) mapped.outcome ??= log.outcome(err);
              throw mapped;
            }
          },
        }
      : {}),
    ...(provider.findCreated
      ? {
          findCreated: async (input: Parameters<NonNullable<Provider["findCreated"]>>[0], since: Date) => {
            try {
              return await provider.findCreated!(input, since);
            } catch (err) {
              throw map(err, "tickets");
            }
          },
        }
      : {}),
    // The directory (src/directory): reads, mapped like list; the id-form check passes through.
    ...(provider.agents ? { agents: () => call("list", [], () => p.agents(), "agents") } : {}),
    ...(provider.teams ? { teams: () => call("list", [], () => p.teams(), "teams") } : {}),
    ...(provider.contacts ? { contacts: (query: string) => call("list", [], () => p.contacts(query), "contacts") } : {}),
    ...(provider.isDirectoryId ? { isDirectoryId: provider.isDirectoryId.bind(provider) } : {}),
  };
}
