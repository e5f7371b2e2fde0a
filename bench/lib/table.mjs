// Rows of the results table and their Markdown.
export const ms = (v) => (v === null || v === undefined ? "n/a" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
export const mib = (kib) => (kib === null || kib === undefined ? "n/a" : `${(kib / 1024).toFixed(1)} MiB`);
const x = (v) => (v === null || v === undefined || !Number.isFinite(v) ? "n/a" : `${v.toFixed(2)}×`);

/** A figure beside its baseline, their ratio, and the target (ratio at most `limit`, plus `extra` conditions). */
export function row(scenario, ticket, baseline, ratio, limit, extra = []) {
  const known = ratio !== null && ratio !== undefined && Number.isFinite(ratio);
  const conditions = [...(limit === null ? [] : [{ text: `≤ ${limit}×`, ok: known ? ratio <= limit : null }]), ...extra];
  const met = conditions.some((c) => c.ok === null) ? null : conditions.every((c) => c.ok);
  const target = `${conditions.map((c) => c.text).join(", ")} ${met === null ? "?" : met ? "✓ met" : "✗ not met"}`;
  return { scenario, ticket, baseline, ratio: x(ratio), target, met };
}

/** A row with no ratio (a yes/no, or a row that only explains). */
export function plainRow(scenario, ticket, baseline, target, met) {
  return { scenario, ticket, baseline, ratio: "–", target: `${target}${met === undefined ? "" : met === null ? " ?" : met ? " ✓ met" : " ✗ not met"}`, met };
}

const cell = (s) => String(s).replace(/\|/g, "\\|").replace(/\n/g, " ");

export function markdown(rows) {
  const lines = ["| scenario | ticket | baseline | ratio | target |", "|---|---|---|---|---|"];
  for (const r of rows) lines.push(`| ${[r.scenario, r.ticket, r.baseline, r.ratio, r.target].map(cell).join(" | ")} |`);
  return lines.join("\n");
}
