/**
 * ticket api METHOD PATH [--data JSON|@FILE|-] [--query k=v ...]: one request to the vendor's own
 * endpoint with the profile's base URL, credentials and origin lock (DESIGN.md section 9). Prints
 * the vendor's body: JSON pretty on a terminal, one compact line otherwise (and with --json); a text
 * body as it came (made terminal-safe on a terminal only, so pipes stay faithful). Exits by the
 * class of the answer: 0 for success, else the class's code, the body printed first.
 *
 * Nothing is sent for a mistake in the arguments (exit 2), and a read-only profile refuses any
 * method but GET (exit 3). With --dry-run a write is planned by the HTTP layer, not sent; main.ts
 * prints the plan. A write that may have reached the vendor (timeout or reset after sending)
 * says so: ticket never suggests sending it again.
 */
import type { Deps } from "../deps.js";
import { CliError, DryRunStop, InterruptedError, NetworkError, UnsupportedError, UsageError } from "../errors.js";
import { inDryRunItem } from "../http/dry-run.js";
import { toCliError, type ErrorContext } from "../http/errors.js";
import { WriteLog, writeScope } from "../http/outcome.js";
import type { CommandInput } from "../program.js";
import { refuseIfReadOnly } from "../providers/guard.js";
import { relativePath } from "../providers/shared/api-request.js";
import type { ApiRequest, ApiResponse, Provider } from "../providers/types.js";
import { toJson } from "../render/json.js";
import { formatOf } from "../render/output.js";
import { sanitizeText } from "../render/sanitize.js";
import { parseMethod, parseQuery, readData } from "./shared/api-input.js";
import { str, strs } from "./shared/parse.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  // Everything the user typed is checked before a profile is read or a byte is sent.
  const method = parseMethod(args[0]);
  const path = args[1] ?? "";
  if (!path.trim()) throw new UsageError("ticket api needs a PATH relative to the profile's base URL, e.g. ticketing/tickets/42");
  relativePath(path);
  const query = parseQuery(strs(opts["query"]));
  const format = formatOf(deps.globals);
  if (format === "csv" || deps.globals.fields !== undefined) {
    throw new UsageError(`ticket api prints the vendor's own body; ${format === "csv" ? "--csv" : "--fields"} does not apply (pipe --json into jq instead)`);
  }
  const body = await readData(deps, str(opts["data"]));
  if (body !== undefined && method === "GET") throw new UsageError("--data cannot be sent with GET; use --query key=value for parameters");

  const { provider, descriptor } = await deps.provider();
  const what = `${method} ${path}`;
  if (method !== "GET") refuseIfReadOnly(provider, what);
  if (typeof provider.request !== "function") {
    throw new UnsupportedError(`${descriptor.displayName}: ticket api is not available for this vendor in this version`, { vendor: descriptor.vendor });
  }

  const req: ApiRequest = { method, path, query, ...(body !== undefined ? { body } : {}) };
  const ctx: ErrorContext = { vendor: descriptor.vendor, displayName: descriptor.displayName, subject: what };
  const res = await send(provider, req, ctx, Boolean(deps.globals.dryRun));
  printBody(deps, res.body, format === "table" && deps.io.isTTY);
  // The vendor said no (an HTTP status or a refusal inside its envelope): its body is on stdout, the one line on stderr.
  if (res.error) throw res.error;
}

/** One request, its failures classified; a write that may have landed says so. */
async function send(provider: Provider, req: ApiRequest, ctx: ErrorContext, dryRun: boolean): Promise<ApiResponse> {
  const what = ctx.subject!;
  const log = new WriteLog();
  const attempt = () => writeScope.run(log, () => provider.request!(req));
  if (dryRun && req.method !== "GET") {
    // The HTTP layer records the write instead of sending it; main.ts prints the plan (exit 0).
    const { error } = await inDryRunItem(attempt);
    if (error === undefined) throw new DryRunStop(what);
    const mapped = toCliError(error, ctx);
    throw mapped instanceof DryRunStop ? new DryRunStop(what) : mapped;
  }
  try {
    return await attempt();
  } catch (err) {
    const mapped = toCliError(err, ctx);
    if (mapped instanceof DryRunStop || req.method === "GET") throw mapped;
    const outcome = mapped.outcome ?? log.outcome(err);
    if (outcome === "not_sent" || outcome === "done") throw mapped;
    // Timeout, reset, cut answer after sending: it may have reached the vendor. Never suggest resending.
    const landed = `${what} may have reached ${ctx.displayName} and taken effect: its outcome is unknown, so check the vendor's state before doing anything else`;
    const out = mapped instanceof InterruptedError ? new InterruptedError(`interrupted; ${landed}`, mapped.signal) : withMessage(mapped, `${mapped.message}. ${capital(landed)}`);
    out.outcome = "unknown";
    throw out;
  }
}

function withMessage(err: CliError, message: string): CliError {
  const details = { vendor: err.vendor, httpStatus: err.httpStatus, vendorCode: err.vendorCode, hint: err.hint, cause: err.cause };
  return err.code === "network" ? new NetworkError(message, details) : new CliError(err.code, message, details);
}

/** The vendor's body: JSON (pretty for people), or its text as it came. An empty body prints nothing. */
function printBody(deps: Deps, body: unknown, forPeople: boolean): void {
  if (body === null || body === undefined) return;
  if (typeof body === "string") {
    if (!deps.io.isTTY) return deps.io.out(body); // a pipe gets the bytes the vendor sent
    const text = sanitizeText(body);
    return deps.io.out(text.endsWith("\n") ? text : `${text}\n`);
  }
  deps.io.out(`${toJson(body, forPeople)}\n`);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
