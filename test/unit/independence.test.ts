/**
 * A simulator is written from the vendor's document, never from the provider (DESIGN.md sections
 * 1 and 8): nothing under src/sandbox/ imports from src/providers/, so a provider's guess can never
 * make its own simulator agree with it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith(".ts") ? [full] : [];
  });
}

describe("simulator independence", () => {
  it("no file under src/sandbox/ imports from src/providers/ (type imports included)", () => {
    const offenders: string[] = [];
    for (const file of files(join(ROOT, "src/sandbox"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:import|export)[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? "";
        if (/(^|\/)providers\//.test(spec)) offenders.push(`${relative(ROOT, file)} -> ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
