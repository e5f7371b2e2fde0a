/**
 * The fault matrix: which fault (as a proxy SPEC) each command runs under, and what issue 8
 * says must come of it. Reads name their exit codes outright. A write's expected outcome follows
 * from what the proxy saw (checks.ts): landed and readable back → exit 0 (with a note when its
 * answer was lost); not landed → the "not sent" path; unreadable back → exit 7, "may already
 * have been sent".
 */
import type { VendorName } from "../../src/model/enums.js";

export type ReadCommand = "list" | "list-limit" | "list-all" | "show" | "list-all-ndjson" | "show-plain" | "show-missing";
export type WriteCommand = "write-text" | "write-create";
export type Command = ReadCommand | WriteCommand;

export interface Scenario {
  /** Unique within a vendor: `fault / command`. */
  id: string;
  /** The fault's short name, for the summary. */
  fault: string;
  spec: string;
  command: Command;
  /** Reads: the acceptable exit codes. */
  exits?: number[];
  /** Writes: the exit codes of the "not sent" path when the write did not land. */
  notSentExits?: number[];
  /** Writes: the fault loses or spoils the answer of a write that landed (a note must say so). */
  answerLost?: boolean;
  /** Writes: the read-back is broken too, so the outcome cannot be known. */
  readbackBroken?: boolean;
  /** The write must land (the CLI refreshes an expired token and sends once). */
  mustLand?: boolean;
  /** The 429's Retry-After must be honored before the next request. */
  honorsRetryAfter?: boolean;
  /** Run with the profile that logs in (3Dolphins password): auth-endpoint faults. */
  login?: boolean;
  /** Nothing may reach the proxy's foreign origin. */
  foreignSilent?: boolean;
  /** Output must carry the injected escapes faithfully in JSON and never raw. */
  escapes?: boolean;
}

/** A path every list request of the vendor contains (for faults on the Nth page). */
export const LIST_PATH: Record<VendorName, string> = {
  "3dolphins": "/graph/tickets",
  comm100: "/ticketing/tickets",
  sobot: "/query_tickets",
  zaia: "/tickets/details",
};

/**
 * Which reads each fault runs. A fault that strikes every request fails `list --all` as it fails
 * `list`, and a plain transport failure (reset, 5xx) fails `show` as it fails `list`: the walk and
 * `show` are tried where they differ (pages, links, partial success, bodies `show` parses apart).
 */
const LIST: ReadCommand[] = ["list"];
const READ_COMMANDS: ReadCommand[] = ["list", "show"];
const WALK_TOO: ReadCommand[] = ["list", "list-all", "show"];
const LIST_COMMANDS: ReadCommand[] = ["list", "list-all", "list-all-ndjson"];
const WRITE_COMMANDS: WriteCommand[] = ["write-text", "write-create"];

interface ReadFault {
  fault: string;
  spec: string;
  exits: number[];
  commands?: ReadCommand[];
  extra?: Partial<Scenario>;
}

interface WriteFault {
  fault: string;
  spec: string;
  extra?: Partial<Scenario>;
}

/** Faults on reads (the whole exchange: token endpoint included unless said otherwise). */
function readFaults(vendor: VendorName): ReadFault[] {
  const list = LIST_PATH[vendor];
  return [
    { fault: "none", spec: "none", exits: [0], commands: [...WALK_TOO, "list-limit", "list-all-ndjson", "show-plain"] },
    { fault: "latency", spec: "latency=5000", exits: [7] },
    { fault: "stall", spec: "stall", exits: [7] },
    { fault: "429 once, Retry-After seconds", spec: "429=1:reads:1", exits: [0], extra: { honorsRetryAfter: true } },
    // An HTTP date has whole seconds: "1 s ahead" means a wait of 0 to 1 s, inside the 2 s deadline.
    { fault: "429 once, Retry-After date", spec: "429-date=1:reads:1", exits: [0], extra: { honorsRetryAfter: true } },
    { fault: "429, Retry-After past the deadline", spec: "429=120", exits: [7], commands: LIST },
    { fault: "500", spec: "500", exits: [7], commands: LIST },
    { fault: "502", spec: "502", exits: [7], commands: LIST },
    { fault: "503", spec: "503", exits: [7], commands: LIST },
    { fault: "reset-before", spec: "reset-before", exits: [7], commands: LIST },
    { fault: "reset-after", spec: "reset-after", exits: [7], commands: LIST },
    { fault: "reset-mid", spec: "reset-mid", exits: [7] },
    { fault: "cut", spec: "cut", exits: [7] },
    { fault: "malformed", spec: "malformed", exits: [7] },
    { fault: "html-200", spec: "html", exits: [7], commands: LIST },
    { fault: "html-502", spec: "html-502", exits: [7], commands: LIST },
    // JSON labeled text/html: reading it is fine, refusing it as unreadable is fine; anything else is not.
    { fault: "json-as-html", spec: "json-as-html", exits: [0, 7] },
    { fault: "text-as-json", spec: "text-as-json", exits: [7], commands: LIST },
    { fault: "wrong-shape", spec: "wrong-shape:reads", exits: [1] },
    { fault: "401", spec: "401", exits: [4] },
    // Sobot refreshes its token once on 900002 (DESIGN section 6); the others have nothing to refresh with.
    { fault: "expired", spec: "expired:1", exits: vendor === "sobot" ? [0] : [4] },
    { fault: "redirect", spec: "redirect", exits: [1, 7], commands: LIST, extra: { foreignSilent: true } },
    { fault: "oversize", spec: "oversize=50", exits: [7] },
    { fault: "escapes", spec: "escapes", exits: [0], commands: [...WALK_TOO, "show-plain"], extra: { escapes: true } },
    { fault: "escapes", spec: "escapes", exits: [5], commands: ["show-missing"] },
    // A page repeated forever: list reads every match before sorting, so the walk stops (exit 7);
    // Zaia and Sobot as below (a repeat across statuses or windows reads as the doc's example).
    { fault: "repeat", spec: "repeat:reads", exits: vendor === "zaia" || vendor === "sobot" ? [0, 7] : [7], commands: ["list", "list-limit"] },
    // Zaia lists one status at a time and Sobot one time window at a time: a server that answers
    // every status or window with the same complete page cannot be told from a replay of the
    // document's one example (whose tickets are then shown once, exit 0), so there the walk ends
    // without repeating a ticket (Sobot: exit 7 from the second such window on). A page repeated
    // within a status or window is exit 7 (their provider tests). Every other vendor: exit 7.
    { fault: "repeat", spec: "repeat:reads", exits: vendor === "zaia" || vendor === "sobot" ? [0, 7] : [7], commands: ["list-all", "list-all-ndjson"] },
    { fault: "foreign-links", spec: "foreign-links", exits: [0, 1, 7], commands: LIST_COMMANDS, extra: { foreignSilent: true } },
    // Every list request after the first fails (retries too): what was printed before stays valid.
    { fault: "cut page 2", spec: `cut:~${list}:@2+`, exits: [7], commands: ["list-all", "list-all-ndjson"] },
    { fault: "reset-mid page 2", spec: `reset-mid:~${list}:@2+`, exits: [7], commands: ["list-all", "list-all-ndjson"] },
  ];
}

/** Faults on the token endpoint, for vendors whose profile obtains a token (never quoted back). */
function authFaults(vendor: VendorName): ReadFault[] {
  if (vendor !== "sobot" && vendor !== "3dolphins") return [];
  const login = vendor === "3dolphins" ? { login: true } : {};
  const faults: ReadFault[] = [
    { fault: "auth: cut", spec: "cut:auth", exits: [7] },
    { fault: "auth: malformed", spec: "malformed:auth", exits: [7] },
    { fault: "auth: json-as-html", spec: "json-as-html:auth", exits: [0, 7] },
    { fault: "auth: reset-mid", spec: "reset-mid:auth", exits: [7] },
    { fault: "auth: html-200", spec: "html:auth", exits: [7] },
  ];
  faults.push({ fault: "auth: wrong-shape", spec: "wrong-shape:auth", exits: [1, 4] });
  // A token obtained by logging in is refreshed once when the vendor says it expired.
  if (vendor === "3dolphins") faults.push({ fault: "auth: expired login token", spec: "expired:1", exits: [0] });
  return faults.map((f) => ({ ...f, commands: LIST, extra: login }));
}

/** Faults on writes; the reads around them (read-modify-write, read-back) pass. */
function writeFaults(vendor: VendorName): WriteFault[] {
  const lost = { answerLost: true };
  return [
    { fault: "none", spec: "none" },
    { fault: "latency", spec: "latency=5000:writes", extra: lost },
    { fault: "stall", spec: "stall:writes", extra: lost },
    { fault: "429 once, Retry-After seconds", spec: "429=1:writes:1" },
    { fault: "429 once, Retry-After date", spec: "429-date=1:writes:1" },
    { fault: "500", spec: "500:writes" },
    { fault: "502", spec: "502:writes" },
    { fault: "503", spec: "503:writes" },
    { fault: "502 after processing", spec: "502-after:writes", extra: lost },
    { fault: "reset-before", spec: "reset-before:writes" },
    { fault: "reset-after", spec: "reset-after:writes", extra: lost },
    { fault: "reset-mid", spec: "reset-mid:writes", extra: lost },
    { fault: "cut", spec: "cut:writes", extra: lost },
    { fault: "malformed", spec: "malformed:writes", extra: lost },
    { fault: "html-200", spec: "html:writes", extra: lost },
    { fault: "html-502", spec: "html-502:writes" },
    { fault: "json-as-html", spec: "json-as-html:writes" },
    { fault: "text-as-json", spec: "text-as-json:writes", extra: lost },
    { fault: "oversize", spec: "oversize=50:writes", extra: lost },
    { fault: "401", spec: "401:writes", extra: { notSentExits: [4] } },
    vendor === "sobot"
      ? { fault: "expired", spec: "expired:writes:1", extra: { mustLand: true } }
      : { fault: "expired", spec: "expired:writes", extra: { notSentExits: [4] } },
    { fault: "redirect", spec: "redirect:writes", extra: { notSentExits: [1, 7], foreignSilent: true } },
    { fault: "escapes", spec: "escapes", extra: { escapes: true } },
    // The answer is lost and the read-back fails too: nobody can say whether it landed.
    { fault: "cannot tell (landed)", spec: "reset-after:writes:1,503:readback", extra: { readbackBroken: true } },
    { fault: "cannot tell (not landed)", spec: "reset-before:writes:1,503:readback", extra: { readbackBroken: true } },
  ];
}

export function scenariosFor(vendor: VendorName): Scenario[] {
  const out: Scenario[] = [];
  for (const f of [...readFaults(vendor), ...authFaults(vendor)]) {
    for (const command of f.commands ?? READ_COMMANDS) {
      out.push({ id: `${f.fault} / ${command}`, fault: f.fault, spec: f.spec, command, exits: f.exits, ...f.extra });
    }
  }
  for (const f of writeFaults(vendor)) {
    for (const command of WRITE_COMMANDS) {
      out.push({ id: `${f.fault} / ${command}`, fault: f.fault, spec: f.spec, command, notSentExits: [7], ...f.extra });
    }
  }
  return out;
}
