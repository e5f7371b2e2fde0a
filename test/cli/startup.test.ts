/**
 * Start-up stays lean (issue 12 item 1): --help and --version load no heavy library and no vendor
 * code. The CLI runs from esbuild's bundle (scripts/build.mjs), so the tracer
 * (test/helpers/trace-imports.mjs) writes each loaded chunk out as the modules dist/meta.json
 * says it holds: "/node_modules/got/" or "/dist/providers/" below means a chunk holding got or a
 * provider was loaded, whatever the chunk is called.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";
import { describe, expect, it } from "vitest";
import { COMMAND_MODULES } from "../../src/program.js";
import { BIN } from "../helpers/cli.js";

const TRACER = fileURLToPath(new URL("../helpers/trace-imports.mjs", import.meta.url));
const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));
const BUILD_SCRIPT = new URL("../../scripts/build.mjs", import.meta.url).href;
const HEAVY = [
  "/node_modules/got/",
  "/node_modules/conf/",
  "/node_modules/ajv/",
  "/node_modules/@inquirer/",
  "/node_modules/zod/",
  "/node_modules/chalk/",
  "/node_modules/cli-table3/",
  "/dist/providers/",
  "/dist/sandbox/",
  "/dist/commands/",
  "/node_modules/proper-lockfile/",
  "/node_modules/when-exit/",
  "/node_modules/signal-exit/",
  "/node_modules/yocto-spinner/",
  "/node_modules/yoctocolors/",
  "/node_modules/html-to-text/",
  "/node_modules/wrap-ansi/",
  "/node_modules/string-width/",
];

function modulesLoadedBy(args: string[], configDir = mkdtempSync(join(tmpdir(), "ticket-trace-cfg-"))): string[] {
  const trace = join(mkdtempSync(join(tmpdir(), "ticket-trace-")), "modules.txt");
  const r = spawnSync(process.execPath, ["--import", TRACER, BIN, ...args], { env: { PATH: process.env["PATH"], TRACE_FILE: trace, TICKET_CONFIG_DIR: configDir }, encoding: "utf8" });
  expect(r.stderr.replace(/^ticket: using the built-in demo profile.*\n/m, "")).toBe("");
  expect(r.status).toBe(0);
  return readFileSync(trace, "utf8").split("\n").filter(Boolean);
}

const heavyIn = (loaded: string[]) => HEAVY.flatMap((heavy) => loaded.filter((u) => u.includes(heavy)));

describe("lazy start-up", () => {
  it("runs the bundle: dist/main.js and chunks, with the map of what each holds", () => {
    const loaded = modulesLoadedBy(["--help"]);
    expect(loaded.filter((u) => u.startsWith("file:") && /\/dist\/chunks\/[^/]+\.js$/.test(u)).length).toBeGreaterThan(0);
    expect(loaded.some((u) => u.includes("/node_modules/commander/"))).toBe(true); // read from meta.json: commander is bundled
    expect(loaded.some((u) => u.endsWith("/dist/program.js"))).toBe(true); // src/program.ts, by its old name
  });

  it("ticket --version loads dist/main.js alone (and esbuild's helpers): no commander, no command tree, no other module", () => {
    const loaded = modulesLoadedBy(["--version"]);
    const { outputs } = JSON.parse(readFileSync(join(DIST, "meta.json"), "utf8")) as { outputs: Record<string, { inputs: string[] }> };
    const chunks = loaded.filter((u) => /\/dist\/chunks\/[^/]+\.js$/.test(u)).map((u) => u.slice(u.lastIndexOf("/dist/") + 6));
    for (const chunk of chunks) expect(outputs[chunk]?.inputs, chunk).toEqual([]); // the runtime helpers esbuild shares between chunks
    const modules = loaded.filter((u) => u.startsWith("file:") && !u.includes("/dist/chunks/") && !u.endsWith("/bin/ticket.js"));
    expect([...new Set(modules)].map((u) => u.slice(u.lastIndexOf("/dist/")))).toEqual(["/dist/main.js"]);
  });

  it.each([["--help"], ["list", "--help"], ["help", "close"]])("ticket %s loads no heavy module", (...args) => {
    const loaded = modulesLoadedBy(args);
    expect(loaded.some((u) => u.includes("/node_modules/commander/"))).toBe(true); // the tracer works
    expect(heavyIn(loaded)).toEqual([]);
  });

  it("a list loads its command, one vendor and the libraries it needs; not conf, zod's config schemas, a prompt library, or chalk without color", () => {
    const loaded = modulesLoadedBy(["list", "--limit", "1", "--json"]);
    expect(loaded.some((u) => u.endsWith("/dist/commands/list.js"))).toBe(true);
    expect(loaded.some((u) => u.endsWith("/dist/providers/comm100/index.js"))).toBe(true);
    expect(loaded.some((u) => u.includes("/node_modules/got/"))).toBe(true);
    for (const absent of ["/dist/providers/sobot/index.js", "/node_modules/@inquirer/", "/dist/commands/create.js", "/node_modules/conf/", "/node_modules/ajv/", "/dist/config/schema.js", "/node_modules/proper-lockfile/", "/node_modules/chalk/"]) {
      expect(loaded.filter((u) => u.includes(absent)), absent).toEqual([]);
    }
  });

  it("every command module has its loader (a module left out would be missing from the bundle)", () => {
    const modules = readdirSync(fileURLToPath(new URL("../../src/commands/", import.meta.url)))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.slice(0, -3));
    expect(Object.keys(COMMAND_MODULES).sort()).toEqual(modules.sort());
  });

  it("the bundle's map names a chunk for each command, and source maps beside every file", () => {
    const { outputs } = JSON.parse(readFileSync(join(DIST, "meta.json"), "utf8")) as { outputs: Record<string, { bundle: string; entryPoint?: string }> };
    const cli = Object.entries(outputs).filter(([, o]) => o.bundle === "cli");
    for (const name of Object.keys(COMMAND_MODULES)) expect(cli.some(([, o]) => o.entryPoint === `src/commands/${name}.ts`), name).toBe(true);
    for (const [file] of cli.slice(0, 5)) expect(readFileSync(join(DIST, file), "utf8")).toMatch(/\/\/# sourceMappingURL=[^\n]+\.js\.map\n?$/);
  });

  it("string-width and wrap-ansi, bundled with their costs deferred (scripts/build.mjs), measure and wrap as the libraries do", async () => {
    const code = `import sw from "string-width"; import wrap from "wrap-ansi"; export default JSON.stringify([sw("👍"), sw("a👍b"), sw("👩‍👩‍👧"), sw("日本"), sw("1️⃣"), sw("e\\u0301"), sw("\\u001b[31mred\\u001b[39m"), wrap("日本語のテキスト 👍👍👍 abc", 6)]);`;
    const outfile = join(mkdtempSync(join(tmpdir(), "ticket-deferred-")), "out.mjs");
    const root = fileURLToPath(new URL("../../", import.meta.url));
    const { common } = (await import(BUILD_SCRIPT)) as { common: BuildOptions };
    const { outdir: _o, outbase: _b, ...options } = common;
    await build({ ...options, stdin: { contents: code, resolveDir: root }, outfile, splitting: false, sourcemap: false, metafile: false, logLevel: "error" });
    expect(readFileSync(outfile, "utf8")).toContain("lazyRgiEmoji"); // the deferral applied
    const bundled = ((await import(outfile)) as { default: string }).default;
    const sw = (await import("string-width")).default;
    const wrap = (await import("wrap-ansi")).default;
    expect(bundled).toBe(JSON.stringify([sw("👍"), sw("a👍b"), sw("👩‍👩‍👧"), sw("日本"), sw("1️⃣"), sw("e\u0301"), sw("\u001b[31mred\u001b[39m"), wrap("日本語のテキスト 👍👍👍 abc", 6)]));
  });
});
