/**
 * JSON and NDJSON writers. Byte-faithful: values are never sanitized, but characters a terminal
 * could act on that JSON.stringify leaves raw (DEL, C1 controls, bidi overrides, U+2028/9) are
 * written as \u escapes, so the parsed value is identical and the bytes are safe on a terminal.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
/** The same characters, for a test that allocates nothing (a replace copies the string even when nothing matches). */
const HAS_UNSAFE_IN_JSON = new RegExp(UNSAFE_IN_JSON.source);

export function toJson(value: unknown, pretty = false): string {
  const text = JSON.stringify(value, null, pretty ? 2 : undefined);
  // JSON.stringify(undefined) is undefined: passed on as it was.
  if (text === undefined || !HAS_UNSAFE_IN_JSON.test(text)) return text;
  return text.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Streams pages of items as one JSON array, each page written at once as it comes. `[` is written
 * only with the first item (`[]` when there are none), and if the source fails after that the
 * array is closed before the error goes on: whatever was printed always parses.
 */
export async function writeJsonArray<T>(write: (s: string) => void, pages: AsyncIterable<T[]>, project: (t: T) => unknown, counter: { count: number } = { count: 0 }): Promise<number> {
  try {
    await writePages(write, pages, (item) => `${counter.count === 0 ? "[\n" : ",\n"}${toJson(project(item))}`, counter);
  } catch (err) {
    if (counter.count > 0) write("\n]\n");
    throw err;
  }
  write(counter.count === 0 ? "[]\n" : "\n]\n");
  return counter.count;
}

/** Streams pages of items as NDJSON, each page written at once as it comes. */
export function writeNdjson<T>(write: (s: string) => void, pages: AsyncIterable<T[]>, project: (t: T) => unknown, counter: { count: number } = { count: 0 }): Promise<number> {
  return writePages(write, pages, (item) => `${toJson(project(item))}\n`, counter);
}

/**
 * One write per page: each item's text (made before it is counted) joined. An item whose text
 * cannot be made ends the page there: what was made of it is written, then the failure goes on.
 */
async function writePages<T>(write: (s: string) => void, pages: AsyncIterable<T[]>, text: (item: T) => string, counter: { count: number }): Promise<number> {
  for await (const page of pages) {
    let out = "";
    try {
      for (const item of page) {
        out += text(item);
        counter.count++;
      }
    } finally {
      if (out !== "") write(out);
    }
  }
  return counter.count;
}
