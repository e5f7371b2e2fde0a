/** ticket list: stream tickets through the chosen renderer. */
import { CliError, OperationError } from "../errors.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import type { ListQuery } from "../providers/types.js";
import { createOutput, type Peek, writeTicketList } from "../render/output.js";
import { parseLimit, parsePriorities, parseStatuses, parseWhen, str } from "./shared/parse.js";

export function listQueryFrom(opts: Record<string, unknown>, now: Date): ListQuery {
  return {
    limit: parseLimit(str(opts["limit"]), Boolean(opts["all"])),
    status: parseStatuses(str(opts["status"])),
    priority: parsePriorities(str(opts["priority"])),
    assignee: str(opts["assignee"]),
    team: str(opts["team"]),
    requester: str(opts["requester"]),
    tag: str(opts["tag"]),
    query: str(opts["query"]),
    channel: str(opts["channel"]),
    category: str(opts["category"]),
    since: parseWhen(str(opts["since"]), "--since", now),
    until: parseWhen(str(opts["until"]), "--until", now),
    updatedSince: parseWhen(str(opts["updatedSince"]), "--updated-since", now),
  };
}

export async function run({ opts }: CommandInput, deps: Deps): Promise<void> {
  const now = deps.now();
  const query = listQueryFrom(opts, now);
  const out = createOutput(deps.io, deps.globals, now);
  const { provider } = await deps.provider();
  const counter = { count: 0 };
  // On a terminal, ask for one ticket more than --limit (never printed) to say when the limit cut the list.
  const peek: Peek | undefined = deps.io.errIsTTY && query.limit !== undefined ? { more: false } : undefined;
  const source = provider.list(peek && query.limit !== undefined ? { ...query, limit: query.limit + 1 } : query);
  let n: number;
  try {
    n = await writeTicketList(out, source, query.limit, counter, peek);
  } catch (err) {
    // What was printed stays valid; the message says how much of the list it is.
    if (err instanceof CliError && counter.count > 0) {
      throw new CliError(err.code, `${err.message} (after ${counter.count} ticket${counter.count === 1 ? " was" : "s were"} printed; the list is incomplete)`, {
        vendor: err.vendor,
        httpStatus: err.httpStatus,
        vendorCode: err.vendorCode,
        hint: err.hint,
        cause: err.cause,
      });
    }
    throw err;
  }
  if (n === 0) {
    // The output above stays valid (`[]` with --json, nothing but a CSV header with --csv).
    if (opts["failOnEmpty"]) throw new OperationError("no tickets match (--fail-on-empty)");
    if (deps.io.errIsTTY) deps.io.err("No tickets match.\n");
  } else if (peek?.more) {
    deps.io.err(`${n} shown; --all for more\n`);
  }
}
