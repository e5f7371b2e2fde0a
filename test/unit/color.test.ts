/** Without color, paint() is chalk at level 0 without loading chalk (src/render/color.ts): the same text for every style. */
import { backgroundColorNames, Chalk, foregroundColorNames, modifierNames, type ChalkInstance } from "chalk";
import { describe, expect, it } from "vitest";
import type { IO } from "../../src/io.js";
import { loadColors, paint } from "../../src/render/color.js";

const io = (colorLevel: IO["colorLevel"]) => ({ colorLevel }) as IO;

describe("paint", () => {
  it("at level 0 gives what chalk at level 0 gives, for every style, chain, model and argument list", () => {
    const plain = paint(io(0));
    const chalk = new Chalk({ level: 0 });
    const names = [...modifierNames, ...foregroundColorNames, ...backgroundColorNames];
    const inputs: unknown[][] = [["text"], [""], [], ["a", "b", 3], [42], [null], [undefined], ["\u001b[31mred"]];
    const uses: ((c: ChalkInstance) => ChalkInstance)[] = [
      ...names.map((n) => (c: ChalkInstance) => c[n as "red"]),
      (c) => c.red.bold.underline,
      (c) => c.hex("#ff0000"),
      (c) => c.bgRgb(1, 2, 3).italic,
      (c) => c.ansi256(200),
      (c) => c.visible,
      (c) => c.red.visible.bold,
      (c) => c.bold.bgAnsi256(3).visible,
    ];
    for (const use of uses) for (const args of inputs) expect((use(plain) as (...a: unknown[]) => string)(...args)).toBe((use(chalk) as (...a: unknown[]) => string)(...args));
    expect(plain.level).toBe(0);
  });

  it("with color, uses chalk once loaded", async () => {
    expect(() => paint(io(2))).toThrow(/colors were not loaded/);
    await loadColors();
    expect(paint(io(1)).red("x")).toBe("\u001b[31mx\u001b[39m");
  });
});
