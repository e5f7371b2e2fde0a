/**
 * loadSoon (src/providers/shared/load-soon.ts): a module only an answer needs is loaded after the
 * turn that started the request, once, and a failure reaches whoever awaits it, never the process.
 */
import { describe, expect, it } from "vitest";
import { loadSoon } from "../../src/providers/shared/load-soon.js";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("loadSoon", () => {
  it("loads after this turn (not in it, not in its microtasks), once, whatever the number of callers", async () => {
    let loads = 0;
    const get = loadSoon(async () => ++loads);
    const first = get();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(loads).toBe(0);
    await nextTurn();
    await nextTurn();
    expect(loads).toBe(1);
    expect(get()).toBe(first);
    expect(await Promise.all([first, get(), get()])).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it("a failed load is the awaiting caller's error, and no unhandled rejection while nobody awaits yet", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const get = loadSoon(async () => {
        throw new Error("no module");
      });
      const pending = get();
      await nextTurn();
      await nextTurn();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      await expect(pending).rejects.toThrow("no module");
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
