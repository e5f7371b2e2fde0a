/**
 * What `--dry-run` prints: the run's plan (src/http/dry-run.ts). `--json` is one array of
 * `{method,url,headers,body}` (DryRunOutputSchema), `--ndjson` one such object per line; otherwise
 * each request as an HTTP-like block (terminal-safe). stderr says that nothing was sent.
 */
import type { PlannedRequest } from "../http/dry-run.js";
import type { IO } from "../io.js";
import { toJson } from "./json.js";
import { sanitizeText } from "./sanitize.js";

export function writePlan(io: IO, flags: { json?: boolean | undefined; ndjson?: boolean | undefined }, plan: readonly PlannedRequest[], cutShort?: string): void {
  if (flags.json) io.out(`${toJson(plan, true)}\n`);
  else if (flags.ndjson) for (const r of plan) io.out(`${toJson(r)}\n`);
  else {
    for (const r of plan) {
      const lines = [`${r.method} ${r.url}`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`)];
      if (r.body !== null && r.body !== undefined) lines.push("", typeof r.body === "string" ? r.body : JSON.stringify(r.body, null, 2));
      io.out(`${sanitizeText(lines.join("\n"))}\n\n`);
    }
  }
  if (io.closed.aborted) return;
  const n = plan.length;
  io.err(`ticket: dry run: ${n === 0 ? "no request would be sent" : `${n} request${n === 1 ? "" : "s"} planned`}; nothing was sent\n`);
  if (cutShort) io.err(`ticket: dry run: ${sanitizeText(cutShort)}\n`);
}
