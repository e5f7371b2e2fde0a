/**
 * The fault SPEC grammar of the fault-injecting proxy (fault-proxy.ts) and of
 * `ticket sandbox --faults SPEC`. One SPEC is a comma-separated list of rules:
 *
 *   SPEC     := RULE ("," RULE)*
 *   RULE     := FAULT ["=" ARG] (":" SELECTOR)*
 *   SELECTOR := reads | writes | auth | readback | all      which requests (default: all)
 *             | N                                          strike N times, then let requests pass
 *             | @N                                         only the Nth matching request
 *             | @N+                                        the Nth matching request and every later one
 *             | ~TEXT                                      only paths containing TEXT
 *
 *   reset-after:writes:1,latency=6000:reads
 *     the first write is forwarded and its answer lost (connection reset); every read is
 *     answered 6 s late.
 *
 * Requests are classified by method: reads are GET/HEAD/OPTIONS, writes the rest. `auth` is the
 * vendor's token endpoint (Sobot get_token, 3Dolphins graph/auth, a Comm100 OAuth token call):
 * reads and writes never include it, `all` does. `readback` is a read after the proxy has seen a
 * write (the CLI reading a ticket back to learn what became of it). Every rule counts the
 * requests its selectors match (that is what @N refers to); the first rule in SPEC order that is
 * due takes the request. N limits how many times a rule strikes, so
 * `reset-before:writes:1,reset-after:writes:1` strikes the first write with one and the second
 * with the other. Without N or @N a rule strikes every request it matches.
 *
 * Which faults forward the request to the simulator (so a write is processed) and which answer in
 * its place is part of each fault's definition below: the tests rely on it to tell a write that
 * landed from one that did not.
 */

export type FaultName =
  | "none"
  | "latency"
  | "stall"
  | "status"
  | "429-date"
  | "status-after"
  | "reset-before"
  | "reset-after"
  | "reset-mid"
  | "cut"
  | "malformed"
  | "html"
  | "html-502"
  | "json-as-html"
  | "text-as-json"
  | "wrong-shape"
  | "401"
  | "expired"
  | "repeat"
  | "foreign-links"
  | "redirect"
  | "oversize"
  | "escapes";

export interface FaultInfo {
  /** True when the simulator receives (and processes) the request before the fault strikes. */
  forwards: boolean;
  /** The argument after "=", when the fault takes one. */
  arg?: { name: string; default?: number; required?: boolean };
  help: string;
}

/** Every fault, what it does, and whether the simulator sees the request. */
export const FAULTS: Readonly<Record<FaultName, FaultInfo>> = {
  none: { forwards: true, help: "pass the request and its answer through untouched" },
  latency: { forwards: true, arg: { name: "MS", required: true }, help: "forward, then hold the answer MS milliseconds" },
  stall: { forwards: true, help: "forward, send the status line and headers, then nothing" },
  status: {
    forwards: false,
    arg: { name: "CODE", required: true },
    help: "answer HTTP CODE without forwarding (shorthands 429[=S], 500, 502, 503[=S], 504; S = Retry-After seconds)",
  },
  "429-date": { forwards: false, arg: { name: "S", default: 2 }, help: "answer 429 with Retry-After as an HTTP date S seconds ahead" },
  "status-after": { forwards: true, arg: { name: "CODE", default: 502 }, help: "forward, then answer HTTP CODE instead (502-after, 504-after)" },
  "reset-before": { forwards: false, help: "reset the connection without forwarding" },
  "reset-after": { forwards: true, help: "forward, then reset the connection before any answer" },
  "reset-mid": { forwards: true, help: "forward, send headers and half the body, then reset" },
  cut: { forwards: true, help: "forward, announce the full Content-Length, send half the body, then close" },
  malformed: { forwards: true, help: "forward, answer the first half of the body as complete JSON (it does not parse)" },
  html: { forwards: true, help: "forward, answer an HTML page with HTTP 200" },
  "html-502": { forwards: false, help: "answer a gateway's HTML error page with HTTP 502, without forwarding" },
  "json-as-html": { forwards: true, help: "forward, label the JSON answer text/html" },
  "text-as-json": { forwards: true, help: "forward, answer plain text labeled application/json" },
  "wrong-shape": { forwards: true, help: "forward, answer valid JSON of the wrong shape (every key renamed but the vendor's envelope)" },
  "401": { forwards: false, help: "answer 401 although the credentials are good" },
  expired: { forwards: false, help: "answer the vendor's own token-expired answer (never on the auth endpoint)" },
  repeat: { forwards: true, help: "replay the first answer of each read path forever (a list repeats its first page)" },
  "foreign-links": { forwards: true, help: "forward, point every link in the answer at another origin" },
  redirect: { forwards: false, arg: { name: "CODE", default: 307 }, help: "redirect to the same path on another origin" },
  oversize: { forwards: true, arg: { name: "MB", default: 64 }, help: "forward, then stream an MB-megabyte JSON answer" },
  escapes: { forwards: true, help: "forward, inject terminal escape sequences (CSI, OSC 8, OSC title, C1, bidi) into every text field" },
};

export type Target = "all" | "reads" | "writes" | "auth" | "readback";

export interface FaultRule {
  /** The rule as written, for logs. */
  text: string;
  fault: FaultName;
  /** The argument (defaulted); status code, ms, seconds or MB depending on the fault. */
  arg?: number;
  /** For status shorthands: Retry-After seconds. */
  retryAfter?: number;
  target: Target;
  /** Strike this many times, then let requests pass. */
  times?: number;
  /** Only the `nth` matching request (1-based); with `onward`, that one and every later one. */
  nth?: number;
  onward?: boolean;
  /** Only paths containing each of these. */
  paths: string[];
}

export class FaultSpecError extends Error {
  override name = "FaultSpecError";
}

const TARGETS: readonly Target[] = ["all", "reads", "writes", "auth", "readback"];
const STATUS_SHORTHANDS = new Set([429, 500, 502, 503, 504]);

function parseNumber(text: string, what: string, rule: string): number {
  if (!/^\d+$/.test(text)) throw new FaultSpecError(`"${rule}": ${what} must be a whole number, not "${text}"`);
  return Number(text);
}

function parseFault(head: string, rule: string): Pick<FaultRule, "fault" | "arg" | "retryAfter"> {
  const eq = head.indexOf("=");
  const name = eq < 0 ? head : head.slice(0, eq);
  const argText = eq < 0 ? undefined : head.slice(eq + 1);
  // 429, 500, 502=..., 503=5: status shorthands whose argument is Retry-After.
  if (/^\d{3}$/.test(name) && STATUS_SHORTHANDS.has(Number(name))) {
    const retryAfter = argText === undefined ? (name === "429" ? 1 : undefined) : parseNumber(argText, "Retry-After", rule);
    return { fault: "status", arg: Number(name), ...(retryAfter === undefined ? {} : { retryAfter }) };
  }
  const after = /^(\d{3})-after$/.exec(name);
  if (after) {
    if (argText !== undefined) throw new FaultSpecError(`"${rule}": ${name} takes no argument`);
    return { fault: "status-after", arg: Number(after[1]) };
  }
  if (!(name in FAULTS)) throw new FaultSpecError(`"${rule}": unknown fault "${name}" (known: ${faultNames().join(", ")})`);
  const fault = name as FaultName;
  const spec = FAULTS[fault].arg;
  if (!spec) {
    if (argText !== undefined) throw new FaultSpecError(`"${rule}": ${name} takes no argument`);
    return { fault };
  }
  if (argText === undefined) {
    if (spec.required || spec.default === undefined) throw new FaultSpecError(`"${rule}": ${name} needs =${spec.name}`);
    return { fault, arg: spec.default };
  }
  const arg = parseNumber(argText, spec.name, rule);
  if ((fault === "status" || fault === "status-after" || fault === "redirect") && (arg < 100 || arg > 599)) {
    throw new FaultSpecError(`"${rule}": ${arg} is not an HTTP status`);
  }
  if (fault === "oversize" && arg < 1) throw new FaultSpecError(`"${rule}": oversize needs at least 1 MB`);
  return { fault, arg };
}

function parseRule(text: string): FaultRule {
  const [head, ...selectors] = text.split(":");
  if (!head) throw new FaultSpecError(`"${text}": a rule starts with a fault name`);
  const rule: FaultRule = { text, ...parseFault(head, text), target: "all", paths: [] };
  for (const sel of selectors) {
    if ((TARGETS as readonly string[]).includes(sel)) rule.target = sel as Target;
    else if (/^\d+$/.test(sel)) rule.times = parseNumber(sel, "a count", text);
    else if (/^@\d+\+?$/.test(sel)) {
      rule.nth = parseNumber(sel.replace(/^@|\+$/g, ""), "@N", text);
      if (sel.endsWith("+")) rule.onward = true;
    }
    else if (sel.startsWith("~") && sel.length > 1) rule.paths.push(sel.slice(1));
    else throw new FaultSpecError(`"${text}": unknown selector "${sel}" (use reads, writes, auth, readback, all, N, @N, @N+ or ~TEXT)`);
  }
  if (rule.times === 0 || rule.nth === 0) throw new FaultSpecError(`"${text}": counts start at 1`);
  return rule;
}

/** Parses a SPEC; throws FaultSpecError with the offending rule. An empty SPEC is no fault. */
export function parseFaultSpec(spec: string): FaultRule[] {
  const trimmed = spec.trim();
  if (trimmed === "") return [];
  return trimmed.split(",").map((part) => {
    const text = part.trim();
    if (!text) throw new FaultSpecError(`"${spec}": empty rule`);
    return parseRule(text);
  });
}

export function faultNames(): string[] {
  return Object.keys(FAULTS);
}

/** True when the simulator processes a request this rule strikes. */
export function ruleForwards(rule: FaultRule): boolean {
  return FAULTS[rule.fault].forwards;
}
