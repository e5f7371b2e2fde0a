/**
 * JSON and NDJSON writers. Byte-faithful: values are never sanitized, but characters a terminal
 * could act on that JSON.stringify leaves raw (DEL, C1 controls, bidi overrides, U+2028/9) are
 * written as \u escapes, so the parsed value is identical and the bytes are safe on a terminal.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function toJson(value: unknown, pretty = false): string {
  return JSON.stringify(value, null, pretty ? 2 : undefined).replace(
    UNSAFE_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Streams an async iterable as one JSON array: `[` first, items as they come, `]` last. */
export async function writeJsonArray<T>(write: (s: string) => void, items: AsyncIterable<T>, project: (t: T) => unknown): Promise<number> {
  let n = 0;
  write("[");
  for await (const item of items) {
    write(`${n === 0 ? "\n" : ",\n"}${toJson(project(item))}`);
    n++;
  }
  write(n === 0 ? "]\n" : "\n]\n");
  return n;
}

export async function writeNdjson<T>(write: (s: string) => void, items: AsyncIterable<T>, project: (t: T) => unknown): Promise<number> {
  let n = 0;
  for await (const item of items) {
    write(`${toJson(project(item))}\n`);
    n++;
  }
  return n;
}
