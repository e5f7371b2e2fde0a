/** Sobot's month-window walk (src/providers/sobot/pagination.ts): a server that ignores the window. */
import { describe, expect, it } from "vitest";
import { NetworkError } from "../../../src/errors.js";
import { PageGuard } from "../../../src/providers/shared/pages.js";
import { walkWindows } from "../../../src/providers/sobot/pagination.js";

const windows = (n: number) => Array.from({ length: n }, (_, i) => ({ start: 1000 * (n - i - 1), end: 1000 * (n - i) - 1 }));
const walk = (n: number, served: string[]) =>
  walkWindows<string>({
    windows: windows(n),
    pageSize: 50,
    guard: new PageGuard({ vendor: "sobot", displayName: "Sobot" }),
    idOf: (t) => t,
    fetchPage: async () => ({ items: served, pageCount: 1 }),
  });

async function drain(it: AsyncIterable<string>): Promise<{ got: string[]; err?: unknown }> {
  const got: string[] = [];
  try {
    for await (const t of it) got.push(t);
  } catch (err) {
    return { got, err };
  }
  return { got };
}

describe("walkWindows against a server that answers every window with the same page", () => {
  it("forgives one such window (the document's example replayed for a 30-day list): each ticket once, no error", async () => {
    const r = await drain(walk(2, ["a", "b", "c"]));
    expect(r.got).toEqual(["a", "b", "c"]);
    expect(r.err).toBeUndefined();
  });

  it("stops with exit 7 naming the window at the second one in a row, having printed each ticket once", async () => {
    const r = await drain(walk(12, ["a", "b", "c"]));
    expect(r.got).toEqual(["a", "b", "c"]);
    expect(r.err).toBeInstanceOf(NetworkError);
    expect((r.err as Error).message).toMatch(/earlier windows again for window \d+-\d+ page 1/);
  });
});
