/**
 * `ticket stats` for people: small tables with bars (render/bars.ts), fitted to the terminal
 * width, colors only where io.colorLevel allows (render/color.ts), every name sanitized. On a pipe
 * (no --json/--csv) the same text without colors, 80 columns wide.
 *
 * One profile: its figures. Several: a line per profile, then the figures of all together.
 */
import type { ChalkInstance } from "chalk";
import type { IO } from "../../io.js";
import type { VendorName } from "../../model/enums.js";
import { bar } from "../../render/bars.js";
import { paint, priorityColor, statusColor } from "../../render/color.js";
import { displayWidth, padEnd, truncate } from "../../render/format.js";
import { sanitize } from "../../render/sanitize.js";
import { wrapText } from "../../render/wrap.js";
import type { Dimension } from "./dimensions.js";
import { NO_TEAM, UNASSIGNED } from "./dimensions.js";
import { AGE_BUCKETS, type DayRow, type Figures, type ProfileFigures, type Window } from "./figures.js";
import type { Durations } from "./quantiles.js";
import { VENDOR_LABEL, VENDOR_TIMES } from "./vendors.js";

const INDENT = "  ";
/** The widest a label column gets (names are cut with "…" past it). */
const LABEL_MAX = 22;
/** Bars never get narrower than this; below it the bar is left out. */
const BAR_MIN = 4;

/** "45s", "12m", "2h 05m", "3d 04h". */
export function durationText(seconds: number | null): string {
  if (seconds === null) return "-";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, "0")}m`;
  return `${Math.floor(h / 24)}d ${String(h % 24).padStart(2, "0")}h`;
}

const stamp = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

interface Item {
  label: string;
  /** The label as drawn (colored); its width is the label's. */
  painted?: string;
  values: number[];
}

/**
 * A table of labels and counts, each count with its bar. Several value columns share the width
 * left after the label; each column's bars scale to that column's largest value.
 */
function barTable(c: ChalkInstance, width: number, heads: readonly string[], items: readonly Item[]): string[] {
  if (items.length === 0) return [`${INDENT}${c.dim("none")}`];
  const labelW = Math.min(LABEL_MAX, Math.max(...items.map((i) => displayWidth(i.label))));
  const numW = heads.map((h, k) => Math.max(displayWidth(h), ...items.map((i) => String(i.values[k]).length)));
  const maxes = heads.map((_, k) => Math.max(0, ...items.map((i) => i.values[k]!)));
  // indent + label + per column: gap, number, space, bar
  const fixed = INDENT.length + labelW + numW.reduce((n, w) => n + 2 + w + 1, 0);
  const barW = Math.floor((width - fixed) / heads.length);
  const showBars = barW >= BAR_MIN;
  const lines: string[] = [];
  if (heads.some((h) => h !== "")) {
    const cells = heads.map((h, k) => {
      const cell = `  ${h.padStart(numW[k]!)}`;
      return showBars && k < heads.length - 1 ? `${cell} ${" ".repeat(barW)}` : cell;
    });
    lines.push(c.dim(`${INDENT}${" ".repeat(labelW)}${cells.join("")}`.trimEnd()));
  }
  for (const item of items) {
    const label = truncate(item.label, labelW);
    const shown = item.painted !== undefined && label === item.label ? item.painted : label;
    let line = INDENT + padEnd(shown, labelW);
    item.values.forEach((v, k) => {
      line += `  ${String(v).padStart(numW[k]!)}`;
      if (showBars) {
        const b = bar(v, maxes[k]!, barW);
        line += ` ${c.cyan(b)}`;
        if (k < heads.length - 1) line += " ".repeat(barW - displayWidth(b));
      }
    });
    lines.push(line.trimEnd());
  }
  return lines;
}

const NAME_W = 16;

function timesLines(c: ChalkInstance, width: number, times: Figures["times"]): string[] {
  const row = (name: string, t: Durations | null): string => {
    if (t === null) return `${INDENT}${padEnd(name, NAME_W)}${c.dim("not given by this vendor")}`;
    if (t.count === 0) return `${INDENT}${padEnd(name, NAME_W)}${c.dim("no ticket to measure")}`;
    const full = `median ${durationText(t.medianSeconds)}   p90 ${durationText(t.p90Seconds)}   (${t.count} ticket${t.count === 1 ? "" : "s"})`;
    const short = `${durationText(t.medianSeconds)} / p90 ${durationText(t.p90Seconds)} (${t.count})`;
    return `${INDENT}${padEnd(name, NAME_W)}${INDENT.length + NAME_W + full.length <= width ? full : short}`;
  };
  return [row("first response", times.firstResponse), row("resolution", times.resolution)];
}

/** Assignees and teams on a terminal: the most first, at most TOP rows, the rest summed in one. */
const TOP = 10;

function whoItems(list: Figures["byAssignee"], none: string): Item[] {
  const shown = list.length > TOP + 1 ? list.slice(0, TOP) : list;
  const items: Item[] = shown.map((w) => {
    const label = w.name ?? w.id;
    return { label: label === null ? none : sanitize(label), values: [w.count] };
  });
  const rest = list.slice(shown.length);
  if (rest.length > 0) items.push({ label: `(${rest.length} others)`, values: [rest.reduce((n, w) => n + w.count, 0)] });
  return items;
}

/** A section's title, and its note in parentheses beside it, or under it (wrapped) when it does not fit. */
export function section(c: ChalkInstance, width: number, title: string, note?: string): string[] {
  if (!note) return [c.bold(title)];
  if (displayWidth(`${title} (${note})`) <= width) return [`${c.bold(title)}${c.dim(` (${note})`)}`];
  return [c.bold(title), ...wrapText(`(${note})`, width - INDENT.length).map((l) => c.dim(`${INDENT}${l}`))];
}

const MAX_DAY_ROWS = 31;
const chunks = <T>(list: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));
const sumOf = (rows: readonly DayRow[], key: "created" | "resolved") => rows.reduce((n, r) => n + r[key], 0);

/** The figures' sections, in --by order. */
function figureSections(c: ChalkInstance, width: number, f: Figures, dims: readonly Dimension[]): string[][] {
  const out: string[][] = [];
  for (const d of dims) {
    switch (d) {
      case "status":
        out.push([...section(c, width, "Status", "tickets created in the window"), ...barTable(c, width, [""], Object.entries(f.byStatus).map(([k, v]) => ({ label: k, painted: statusColor(c, k), values: [v] })))]);
        break;
      case "priority":
        out.push([...section(c, width, "Priority"), ...barTable(c, width, [""], Object.entries(f.byPriority).map(([k, v]) => ({ label: k, painted: k === "none" ? c.dim(k) : priorityColor(c, k), values: [v] })))]);
        break;
      case "assignee":
        out.push([...section(c, width, "Assignee"), ...barTable(c, width, [""], whoItems(f.byAssignee, UNASSIGNED))]);
        break;
      case "team":
        out.push([...section(c, width, "Team"), ...barTable(c, width, [""], whoItems(f.byTeam, NO_TEAM))]);
        break;
      case "day": {
        // More than a month of days: 7-day rows on the terminal (--json and --csv keep every day).
        const weekly = f.perDay.length > MAX_DAY_ROWS;
        const items = weekly
          ? chunks(f.perDay, 7).map((w) => ({ label: `${w[0]!.day.slice(5)}..${w.at(-1)!.day.slice(5)}`, values: [sumOf(w, "created"), sumOf(w, "resolved")] }))
          : f.perDay.map((r) => ({ label: `${r.day.slice(5)} ${new Date(`${r.day}T00:00:00Z`).toUTCString().slice(0, 3)}`, values: [r.created, r.resolved] }));
        const by = f.resolvedDatedBy;
        const note = `UTC${weekly ? ", 7 days a row" : ""}${by.updatedAt > 0 ? `; ${by.updatedAt} resolved dated by their last update` : ""}`;
        out.push([...section(c, width, weekly ? "Per week" : "Per day", note), ...barTable(c, width, ["created", "resolved"], items)]);
        break;
      }
      case "age":
        out.push([
          ...section(c, width, "Open backlog by age", `all ${f.backlog.open} open now`),
          ...barTable(c, width, [""], [...AGE_BUCKETS, ...(f.backlog.byAge.undated > 0 ? (["undated"] as const) : [])].map((b) => ({ label: b, values: [f.backlog.byAge[b]] }))),
        ]);
        break;
      case "times":
        out.push([...section(c, width, "Response times", "first response: created in the window; resolution: resolved in it"), ...timesLines(c, width, f.times)]);
        break;
    }
  }
  return out;
}

/** Per profile, one line each (several profiles). */
function profileTable(c: ChalkInstance, width: number, profiles: readonly ProfileFigures[]): string[] {
  const heads = ["PROFILE", "VENDOR", "CREATED", "RESOLVED", "OPEN", "1ST RESP", "RESOLVE"];
  const rows = profiles.map((p) => [
    sanitize(p.profile),
    VENDOR_LABEL[p.vendor],
    String(p.created),
    String(p.resolved),
    String(p.backlog.open),
    p.times.firstResponse ? durationText(p.times.firstResponse.medianSeconds) : "-",
    p.times.resolution ? durationText(p.times.resolution.medianSeconds) : "-",
  ]);
  let keep = heads.map((_, i) => i);
  const widthOf = (cols: number[]) => INDENT.length + cols.reduce((n, i) => n + Math.max(displayWidth(heads[i]!), ...rows.map((r) => displayWidth(r[i]!))), 0) + 2 * (cols.length - 1);
  // Narrow terminals: the vendor goes first, then the times.
  for (const drop of [1, 6, 5]) if (widthOf(keep) > width) keep = keep.filter((i) => i !== drop);
  const w = keep.map((i) => Math.max(displayWidth(heads[i]!), ...rows.map((r) => displayWidth(r[i]!))));
  const fmt = (cells: string[], paintCell: (s: string) => string = (s) => s) =>
    INDENT +
    keep
      .map((i, n) => {
        const text = n === 0 ? truncate(cells[i]!, Math.max(8, width - widthOf(keep) + w[0]!)) : cells[i]!;
        return i >= 2 ? text.padStart(w[n]!) : padEnd(paintCell(text), w[n]!);
      })
      .join("  ")
      .trimEnd();
  return [c.dim(fmt(heads)), ...rows.map((r) => fmt(r))];
}

export interface TtyInput {
  io: IO;
  window: Window;
  profiles: readonly ProfileFigures[];
  total: Figures;
  dimensions: readonly Dimension[];
  /** Profiles whose figures are missing (they failed; stderr says why). */
  failed: readonly string[];
}

export function renderStats(input: TtyInput): string {
  const { io, window, profiles, total } = input;
  const c = paint(io);
  const width = Math.max(40, io.isTTY ? io.columns : 80);
  const days = Math.round((window.until.getTime() - window.since.getTime()) / 86_400_000);
  const who = profiles.length === 1 ? `${sanitize(profiles[0]!.profile)} (${VENDOR_LABEL[profiles[0]!.vendor]})` : `${profiles.length} profiles`;
  const blocks: string[][] = [];
  const span = `${stamp(window.since)} → ${stamp(window.until)} UTC${days >= 1 ? ` (${days} day${days === 1 ? "" : "s"})` : ""}`;
  const head = displayWidth(`${who} · ${span}`) <= width ? [c.bold(`${who} · ${span}`)] : [c.bold(truncate(who, width)), c.bold(span)];
  head.push(`${INDENT}${c.bold(String(total.created))} created   ${c.bold(String(total.resolved))} resolved   ${c.bold(String(total.backlog.open))} open now`);
  blocks.push(head);
  if (profiles.length > 1) blocks.push([...section(c, width, "Profiles"), ...profileTable(c, width, profiles)]);
  if (profiles.length > 1) blocks.push([c.bold("All profiles together")]);
  blocks.push(...figureSections(c, width, total, input.dimensions));
  const notes = timesNotes(profiles.map((p) => p.vendor), input.dimensions);
  if (input.failed.length > 0) notes.push(`Not counted: ${input.failed.map((f) => sanitize(f)).join(", ")} (failed).`);
  if (notes.length > 0) blocks.push(notes.flatMap((n) => wrapText(n, width)).map((n) => c.dim(n)));
  return `${blocks.map((b) => b.join("\n")).join("\n\n")}\n`;
}

/** Which of these vendors give response times, one line (only when the times are shown). */
export function timesNotes(vendors: readonly VendorName[], dims: readonly Dimension[]): string[] {
  if (!dims.includes("times")) return [];
  const unique = [...new Set(vendors)];
  const without = unique.filter((v) => !VENDOR_TIMES[v].firstResponse && !VENDOR_TIMES[v].resolution);
  const withTimes = unique.filter((v) => !without.includes(v));
  const lines: string[] = [];
  if (withTimes.length > 0) lines.push(`Response times from ${withTimes.map((v) => `${VENDOR_LABEL[v]} (${VENDOR_TIMES[v].how})`).join("; ")}.`);
  for (const v of without) lines.push(`${VENDOR_LABEL[v]} gives no response or resolution times: its ticket lists carry no such timestamps.`);
  return lines;
}
