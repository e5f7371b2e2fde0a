import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATORS } from "../../src/completions.js";
import type { Deps } from "../../src/deps.js";
import { createProgram } from "../../src/program.js";

const program = createProgram({ io: { out() {}, err() {} } } as unknown as Deps);

describe("completions/ are generated from the command tree", () => {
  it.each(Object.keys(GENERATORS))("ticket.%s has not drifted (npm run completions)", (shell) => {
    const onDisk = readFileSync(new URL(`../../completions/ticket.${shell}`, import.meta.url), "utf8");
    expect(onDisk).toBe(GENERATORS[shell as keyof typeof GENERATORS](program));
  });

  it("names every command and every long option", () => {
    const bash = readFileSync(new URL("../../completions/ticket.bash", import.meta.url), "utf8");
    const walk = (c: typeof program): void => {
      for (const o of c.options) if (o.long) expect(bash).toContain(o.long);
      for (const sub of c.commands) {
        expect(bash).toContain(sub.name());
        walk(sub);
      }
    };
    walk(program);
  });
});
