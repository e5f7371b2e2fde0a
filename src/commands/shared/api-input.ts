/**
 * What `ticket api METHOD PATH [--data ...] [--query k=v ...]` was given, checked before any
 * profile is read or anything is sent: each mistake is one usage line (exit 2) naming the flag.
 */
import { readFileSync } from "node:fs";
import { UsageError } from "../../errors.js";
import type { Deps } from "../../deps.js";

export const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/** METHOD, case-insensitive. */
export function parseMethod(value: string | undefined): ApiMethod {
  const upper = (value ?? "").trim().toUpperCase();
  if (!(API_METHODS as readonly string[]).includes(upper)) {
    throw new UsageError(`METHOD must be ${API_METHODS.slice(0, -1).join(", ")} or ${API_METHODS.at(-1)}, not "${value ?? ""}"`);
  }
  return upper as ApiMethod;
}

/** --query k=v, repeatable, in order; repeated keys are kept (a vendor may take a list that way). */
export function parseQuery(items: readonly string[] | undefined): [string, string][] {
  return (items ?? []).map((item) => {
    const i = item.indexOf("=");
    if (i <= 0) throw new UsageError(`--query takes key=value, not "${item}"`);
    return [item.slice(0, i), item.slice(i + 1)];
  });
}

/**
 * --data: inline JSON, @FILE (JSON in a file), or - (JSON on stdin). Undefined when not given.
 * The text must be JSON: the vendor gets exactly that value, re-encoded by the HTTP client.
 */
export async function readData(deps: Deps, value: string | undefined): Promise<unknown> {
  if (value === undefined) return undefined;
  let text: string;
  let from: string;
  if (value === "-") {
    text = await deps.readStdin();
    from = "--data - (stdin)";
  } else if (value.startsWith("@")) {
    const file = value.slice(1);
    if (!file) throw new UsageError("--data @FILE needs a file name after @");
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`--data: cannot read ${file}${code === "ENOENT" ? ": no such file" : code === "EISDIR" ? ": it is a folder" : ""}`);
    }
    from = `--data @${file}`;
  } else {
    text = value;
    from = "--data";
  }
  if (!text.trim()) throw new UsageError(`${from} is empty: it takes a JSON value`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch (err) {
    throw new UsageError(`${from} is not valid JSON (${where(err)})`);
  }
}

/** Where JSON.parse stopped, without quoting the text (it may hold something private). */
function where(err: unknown): string {
  const message = err instanceof Error ? err.message : "";
  const at = /position (\d+)(?: \(line (\d+) column (\d+)\))?/.exec(message);
  if (at?.[2]) return `at line ${at[2]} column ${at[3]}`;
  if (at) return `at character ${Number(at[1]) + 1}`;
  if (/end of (JSON|data) input/i.test(message)) return "it ends too soon";
  return "unexpected text";
}
