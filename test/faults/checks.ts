/**
 * What every fault run must show (issue 8): the exit code, one clean stderr line, valid stdout,
 * no secret and no raw control character anywhere, no write received twice, a write's outcome
 * reported as it happened (landed → success with a note; not landed → draft and a resend hint
 * with -p; unknowable → "may already have been sent", check `ticket -p P show ID`), drafts saved
 * 0600, and a bound on elapsed time. Each check adds a sentence to `violations` instead of
 * throwing, so a failing run reports everything wrong with it at once.
 */
import type { VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import { ESCAPE_PAYLOAD } from "../../src/sandbox/shared/fault-bodies.js";
import { upstreamAccepted, writesReceived, type ProxyExchange } from "../../src/sandbox/shared/fault-proxy.js";
import { findDrafts, hasStackTrace, leakedSecrets, rawControls, secretsSeen, type BinResult, type FaultRun } from "../helpers/faults.js";
import { createFlags } from "../helpers/cli.js";
import type { Scenario } from "./scenarios.js";

/**
 * Time bounds. From the first request to the end of the process: a 2 s deadline covering
 * retries, plus a read-back for writes. The whole run (node start-up included, which a loaded
 * 2-core machine can stretch) has a looser bound; the harness kills a run at 45 s.
 */
export const NETWORK_BOUND_MS = 6_000;
export const TOTAL_BOUND_MS = 20_000;

export interface Invocation {
  args: string[];
  /** The id the verb acts on, when it takes one. */
  ticketId?: string;
  /** Text a failed write must keep as a draft (reply body, create subject/body). */
  text?: string;
  json: boolean;
}

/** The command line of a scenario for this run; `tag` makes texts unique. */
export function invocationFor(s: Scenario, run: FaultRun, tag: string): Invocation {
  const f = run.sim.fixtures;
  const caps = VENDOR_DESCRIPTORS[run.vendor].capabilities!;
  const g = ["-p", run.profile, "--timeout", "2"];
  switch (s.command) {
    case "list":
      return { args: [...g, "list", "--json"], json: true };
    case "list-limit":
      return { args: [...g, "list", "--limit", "5", "--json"], json: true };
    case "list-all":
      return { args: [...g, "list", "--all", "--json"], json: true };
    case "list-all-ndjson":
      return { args: [...g, "list", "--all", "--ndjson"], json: true };
    case "show":
      return { args: [...g, "show", f.ticketId, "--json"], ticketId: f.ticketId, json: true };
    case "show-plain":
      return { args: [...g, "show", f.ticketId], ticketId: f.ticketId, json: false };
    case "show-missing":
      return { args: [...g, "show", f.missingTicketId], ticketId: f.missingTicketId, json: false };
    case "write-text": {
      if (!caps.reply.supported) return { args: [...g, "close", f.ticketId], ticketId: f.ticketId, json: false };
      const text = `Fault check ${tag}: the printer is fixed, please try again.`;
      return { args: [...g, "reply", f.ticketId, "--body", text], ticketId: f.ticketId, text, json: false };
    }
    case "write-create": {
      if (!caps.create.supported) return { args: [...g, "assign", f.ticketId, "--to", f.assigneeId], ticketId: f.ticketId, json: false };
      const c = f.create!;
      const subject = c.subject ? `${c.subject} [${tag}]` : "";
      const body = c.body ? `${c.body} [${tag}]` : undefined;
      const args = [...g, "create", ...createFlags(c, subject, body)];
      const text = body ?? (subject || undefined);
      return { args, ...(text ? { text } : {}), json: false };
    }
  }
}

export interface RunReport {
  vendor: VendorName;
  id: string;
  fault: string;
  command: string;
  spec: string;
  args: string[];
  code: number | null;
  elapsedMs: number;
  networkMs: number;
  killed: boolean;
  stderr: string;
  stdoutHead: string;
  requests: number;
  writesReceived: number;
  landed: boolean;
  stackTrace: boolean;
  secretLeaks: string[];
  sentTwice: boolean;
  reportedUnsent: boolean;
  pastBound: boolean;
  violations: string[];
}

const isWriteCommand = (s: Scenario) => s.command === "write-text" || s.command === "write-create";
const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "");
const LOST_NOTE = /\blost\b|unreadable|no (readable |usable |complete )?answer|did not answer|could not (be )?read/i;
const MAY_HAVE_LANDED = /may already have been/i;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

function ids(items: unknown[]): string[] {
  return items.map((t) => String((t as { id?: unknown }).id));
}

function duplicates(list: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(list.filter((x) => (seen.has(x) ? true : (seen.add(x), false))))];
}

const hasPayload = (value: unknown): boolean => JSON.stringify(value).includes(JSON.stringify(ESCAPE_PAYLOAD).slice(1, -1));

function checkStdout(s: Scenario, run: FaultRun, inv: Invocation, r: BinResult, v: string[]): void {
  const out = r.stdout;
  const listAll = run.sim.fixtures.listAllCount;
  if (s.command === "list" || s.command === "list-limit" || s.command === "list-all") {
    if (out.trim() === "") {
      if (r.code === 0) v.push("exit 0 but nothing on stdout (an empty list prints [])");
      return;
    }
    const parsed = parseJson(out);
    if (!parsed.ok || !Array.isArray(parsed.value)) {
      v.push(`stdout is not a whole JSON array (${parsed.ok ? "not an array" : parsed.error}); it ends ${JSON.stringify(out.slice(-40))}`);
      return;
    }
    const dup = duplicates(ids(parsed.value));
    if (dup.length) v.push(`stdout repeats tickets: ${dup.slice(0, 3).join(", ")}`);
    const limit = s.command === "list" ? 30 : s.command === "list-limit" ? 5 : listAll;
    const want = Math.min(limit, listAll);
    if (r.code === 0 && s.fault !== "repeat" && parsed.value.length !== want) {
      v.push(`exit 0 with ${parsed.value.length} tickets, expected ${want}`);
    }
    if (parsed.value.length > limit) v.push(`more tickets than exist or than --limit: ${parsed.value.length}`);
    if (s.escapes && r.code === 0 && !hasPayload(parsed.value)) v.push("--json lost the injected escapes (JSON must stay byte-faithful)");
  } else if (s.command === "list-all-ndjson") {
    if (out !== "" && !out.endsWith("\n")) v.push(`the last NDJSON line is cut: ${JSON.stringify(out.slice(-40))}`);
    const items: unknown[] = [];
    for (const line of lines(out)) {
      const p = parseJson(line);
      if (!p.ok) v.push(`an NDJSON line does not parse: ${JSON.stringify(line.slice(0, 60))}`);
      else items.push(p.value);
    }
    const dup = duplicates(ids(items));
    if (dup.length) v.push(`NDJSON repeats tickets: ${dup.slice(0, 3).join(", ")}`);
    if (r.code === 0 && s.fault !== "repeat" && items.length !== listAll) v.push(`exit 0 with ${items.length} NDJSON lines, expected ${listAll}`);
  } else if (s.command === "show") {
    if (out.trim() === "") {
      if (r.code === 0) v.push("exit 0 but nothing on stdout");
      return;
    }
    const parsed = parseJson(out);
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) {
      v.push(`stdout is not one JSON object (${parsed.ok ? "wrong type" : parsed.error})`);
      return;
    }
    const t = parsed.value as { id?: unknown; messages?: unknown };
    if (r.code === 0 && (t.id !== run.sim.fixtures.ticketId || !Array.isArray(t.messages))) v.push("show --json printed another ticket or no messages");
    if (s.escapes && r.code === 0 && !hasPayload(parsed.value)) v.push("--json lost the injected escapes (JSON must stay byte-faithful)");
  } else if (isWriteCommand(s) && inv.text && r.code !== 0 && out.trim() !== "") {
    // A reply or create that failed has no result to print (assign/close may print per-id results).
    v.push(`a failed write printed a result on stdout: ${JSON.stringify(out.slice(0, 80))}`);
  }
}

function checkStderr(s: Scenario, run: FaultRun, inv: Invocation, r: BinResult, v: string[]): void {
  const errLines = lines(r.stderr);
  if (r.code === 0 || r.code === null) return;
  if (errLines.length !== 1) {
    v.push(`an error must be exactly one stderr line, got ${errLines.length}`);
    return;
  }
  const line = errLines[0]!;
  if (inv.json) {
    const p = parseJson(line);
    const e = p.ok ? (p.value as { error?: { exitCode?: unknown; message?: unknown } }).error : undefined;
    if (!e || typeof e.message !== "string") v.push(`--json error is not {"error":{...}}: ${line.slice(0, 120)}`);
    else if (e.exitCode !== r.code) v.push(`--json error says exitCode ${String(e.exitCode)}, process exited ${r.code}`);
  } else if (!line.startsWith("ticket: ")) {
    v.push(`the error line does not start with "ticket: ": ${line.slice(0, 120)}`);
  }
  const d = VENDOR_DESCRIPTORS[run.vendor];
  if (r.code === 7 && !line.toLowerCase().includes(d.displayName.toLowerCase()) && !line.toLowerCase().includes(run.vendor)) {
    v.push("an exit-7 line must name the vendor");
  }
  if (s.fault === "wrong-shape" && r.code === 1 && !/unexpected/i.test(line)) v.push('a wrong-shape answer must say "unexpected answer" naming the field');
}

/** Suggested commands in stderr must carry the profile: following them must not hit another helpdesk. */
function checkHints(run: FaultRun, r: BinResult, v: string[]): void {
  const verbs = "reply|create|assign|close|escalate|merge|upload|show|list|drafts";
  // A suggestion starts a line, follows a colon, a quote, a backtick or a "$ " prompt; prose ("a ticket list of...") does not count.
  const suggestion = new RegExp(`(?:^|[\`'"]|:\\s+|\\$\\s+)ticket\\s+((?:--?[\\w-]+(?:[\\s=]+[\\w.-]+)?\\s+)*)(${verbs})\\b`, "gm");
  for (const m of r.stderr.matchAll(suggestion)) {
    if (!new RegExp(`(-p\\s+|--profile[\\s=])${run.profile}\\b`).test(m[1] ?? "")) v.push(`a suggested command lacks -p ${run.profile}: "${m[0]}"`);
  }
}

function checkWrite(s: Scenario, run: FaultRun, inv: Invocation, r: BinResult, written: ProxyExchange[], v: string[]): { landed: boolean; reportedUnsent: boolean } {
  const accepted = written.filter((e) => upstreamAccepted(e, run.vendor));
  const landed = accepted.length > 0;
  const intact = accepted.some((e) => e.intact);
  const drafts = findDrafts(run.configDir);
  const draftsWithText = inv.text ? drafts.filter((d) => d.text.includes(inv.text!)) : [];
  const err = r.stderr;
  const reportedUnsent = landed && r.code !== 0 && !MAY_HAVE_LANDED.test(err);

  if (s.mustLand && !landed) v.push("the write never landed (an expired token is refreshed once and the write sent once)");
  if (intact) {
    // The CLI got the vendor's answer to an accepted write (a state set may be retried): it is done.
    if (r.code !== 0) v.push(`the vendor accepted the write and its answer arrived whole, but the run exited ${r.code}`);
    if (/resend/i.test(err)) v.push('a write that landed was offered for "resend"');
    if (inv.text && draftsWithText.length > 0) v.push("a draft was left behind for a write that landed (resending it would send twice)");
  } else if (s.readbackBroken) {
    if (r.code !== 7) v.push(`outcome unknowable: expected exit 7, got ${r.code}`);
    if (!MAY_HAVE_LANDED.test(err)) v.push('outcome unknowable: the message must say it "may already have been sent"');
    if (inv.ticketId && !new RegExp(`ticket (-p|--profile) ${run.profile} show ${inv.ticketId}\\b`).test(err)) {
      v.push(`outcome unknowable: the message must say to check \`ticket -p ${run.profile} show ${inv.ticketId}\` first`);
    }
    if (inv.text && draftsWithText.length === 0) v.push("outcome unknowable: the text must be kept as a draft");
  } else if (landed) {
    if (r.code !== 0) v.push(`the write landed (the simulator accepted it) but the run exited ${r.code}`);
    if (s.answerLost && !intact && r.code === 0 && !LOST_NOTE.test(err)) v.push("the write landed but its answer was lost: stderr needs a note saying so");
    if (/resend/i.test(err) && !MAY_HAVE_LANDED.test(err)) v.push('a write that landed was offered for "resend"');
    if (inv.text && draftsWithText.length > 0 && r.code === 0) v.push("a draft was left behind for a write that landed (resending it would send twice)");
  } else {
    const allowed = s.notSentExits ?? [7];
    if (!allowed.includes(r.code ?? -1)) v.push(`the write did not land: expected exit ${allowed.join(" or ")} ("not sent"), got ${r.code}`);
    if (inv.text) {
      if (draftsWithText.length === 0) v.push("the write did not land: its text must be saved as a draft");
      if (!/draft/i.test(err) && !drafts.some((d) => err.includes(d.path))) v.push("the write did not land: stderr must say where the draft is");
      if (!new RegExp(`(-p|--profile) ${run.profile}\\b`).test(err)) v.push(`the write did not land: the resend hint must carry -p ${run.profile}`);
    }
  }
  for (const d of drafts) if (d.mode !== 0o600) v.push(`draft ${d.path} has mode ${d.mode.toString(8)}, not 600`);
  return { landed, reportedUnsent };
}

/** Checks one finished run; returns its report (violations empty when it kept every promise). */
export function checkRun(s: Scenario, run: FaultRun, inv: Invocation, r: BinResult): RunReport {
  const v: string[] = [];
  const ex = run.proxy.exchanges;
  const expectedExits = s.exits;
  if (r.killed) v.push(`hung: killed after ${Math.round(r.elapsedMs)} ms`);
  if (expectedExits && !expectedExits.includes(r.code ?? -1)) v.push(`expected exit ${expectedExits.join(" or ")}, got ${r.code}`);
  const firstRequest = Math.min(...ex.map((e) => e.startedAt));
  const networkMs = ex.length ? r.endedAt - firstRequest : 0;
  const pastBound = r.killed || r.elapsedMs > TOTAL_BOUND_MS || networkMs > NETWORK_BOUND_MS;
  if (pastBound) v.push(`took ${Math.round(r.elapsedMs)} ms, ${networkMs} ms from the first request (bounds ${TOTAL_BOUND_MS} / ${NETWORK_BOUND_MS} ms)`);
  for (const e of ex) {
    if (e.fault?.startsWith("oversize") && e.forwarded && e.ending !== "client-gone") v.push(`the oversized answer was read to its end (${e.bytesSent} bytes): no size cap`);
  }

  const stackTrace = hasStackTrace(r.stderr) || hasStackTrace(r.stdout);
  if (stackTrace) v.push("a stack trace was printed");
  const secrets = secretsSeen(run);
  const drafts = findDrafts(run.configDir);
  const secretLeaks = leakedSecrets(`${r.stdout}\n${r.stderr}\n${drafts.map((d) => d.text).join("\n")}`, secrets);
  if (secretLeaks.length) v.push(`secrets in the output or drafts: ${secretLeaks.join(", ")}`);
  for (const [name, text] of [["stdout", r.stdout], ["stderr", r.stderr]] as const) {
    const raw = rawControls(text);
    if (raw.length) v.push(`raw control characters on ${name}: ${raw.join(" ")}`);
  }
  if (run.proxy.foreign.length) v.push(`${run.proxy.foreign.length} request(s) reached another origin: ${run.proxy.foreign[0]!.method} ${run.proxy.foreign[0]!.url}`);

  checkStdout(s, run, inv, r, v);
  checkStderr(s, run, inv, r, v);
  checkHints(run, r, v);

  if (s.honorsRetryAfter) {
    const i = ex.findIndex((e) => e.retryAt !== undefined);
    const next = i >= 0 ? ex[i + 1] : undefined;
    if (i < 0) v.push("the 429 was never served");
    else if (next && next.startedAt < ex[i]!.retryAt! - 50) v.push(`retried ${ex[i]!.retryAt! - next.startedAt} ms before Retry-After allowed`);
  }

  const written = writesReceived(ex);
  const posts = written.filter((e) => e.method === "POST");
  const sentTwice = posts.length > 1;
  if (sentTwice) v.push(`the simulator received ${posts.length} POSTs for one write (a create or reply is never re-sent)`);
  const stateSets = written.filter((e) => e.method !== "POST");
  if (stateSets.length > 3) v.push(`the simulator received ${stateSets.length} state-set writes (retries exceeded)`);
  if (!isWriteCommand(s) && written.length > 0) v.push(`a read sent ${written.length} write(s)`);

  let landed = false;
  let reportedUnsent = false;
  if (isWriteCommand(s)) ({ landed, reportedUnsent } = checkWrite(s, run, inv, r, written, v));
  if (reportedUnsent && !v.some((x) => x.includes("landed"))) v.push("a write that landed was reported as not sent");

  return {
    vendor: run.vendor,
    id: s.id,
    fault: s.fault,
    command: s.command,
    spec: s.spec,
    args: inv.args,
    code: r.code,
    elapsedMs: Math.round(r.elapsedMs),
    networkMs,
    killed: r.killed,
    stderr: r.stderr.slice(0, 600),
    stdoutHead: r.stdout.slice(0, 120),
    requests: ex.length,
    writesReceived: written.length,
    landed,
    stackTrace,
    secretLeaks,
    sentTwice,
    reportedUnsent,
    pastBound,
    violations: v,
  };
}
