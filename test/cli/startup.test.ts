/**
 * Start-up stays lean (issue 12 item 1): --help and --version load no heavy library and no vendor
 * code. The CLI runs from one bundle (scripts/build.mjs) whose modules run on first import; V8's
 * coverage of a run says which did (test/helpers/loaded-modules.ts): "/node_modules/got/" or
 * "/dist/providers/" below means got or a provider was loaded.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";
import { describe, expect, it } from "vitest";
import { COMMAND_MODULES } from "../../src/program.js";
import { BIN } from "../helpers/cli.js";
import { runTraced } from "../helpers/loaded-modules.js";

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

/** The modules a run loads. `live`: help rendered by the CLI as on a terminal, not read from dist/static.json. */
function modulesLoadedBy(args: string[], configDir = mkdtempSync(join(tmpdir(), "ticket-trace-cfg-")), live = true): string[] {
  const env = { PATH: process.env["PATH"], TICKET_CONFIG_DIR: configDir, ...(live ? { TICKET_LIVE_HELP: "1" } : {}) };
  const { result: r, loaded } = runTraced(args, env);
  expect(r.stderr.replace(/^ticket: using the built-in demo profile.*\n/m, "")).toBe("");
  expect(r.status).toBe(0);
  return loaded;
}

/** stdout of a run, help read from dist/static.json or (live) rendered by the CLI. */
function stdoutOf(args: string[], live: boolean): string {
  const env = { PATH: process.env["PATH"], TICKET_CONFIG_DIR: mkdtempSync(join(tmpdir(), "ticket-help-cfg-")), ...(live ? { TICKET_LIVE_HELP: "1" } : {}) };
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: "utf8" });
  expect(r.status, `${args.join(" ")}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

const heavyIn = (loaded: string[]) => HEAVY.flatMap((heavy) => loaded.filter((u) => u.includes(heavy)));

describe("lazy start-up", () => {
  it("runs the bundle, dist/cli.cjs, and only the modules of it the run imports", () => {
    const loaded = modulesLoadedBy(["--help"]);
    expect(loaded.some((u) => u.endsWith("/dist/cli.cjs"))).toBe(true);
    expect(loaded.some((u) => u.includes("/node_modules/commander/"))).toBe(true); // commander is bundled
    expect(loaded.some((u) => u.endsWith("/dist/program.js"))).toBe(true); // src/program.ts, by its unbundled name
    expect(loaded.filter((u) => /\/dist\/(chunks|lib)\//.test(u))).toEqual([]);
  });

  it("--version and help on a pipe come from dist/static.json: no ES module of the CLI is loaded at all", () => {
    for (const args of [["--version"], ["--help"], ["list", "--help"], ["help", "close"], ["profile", "add", "--help"], []]) {
      expect(modulesLoadedBy(args, undefined, false).filter((u) => u.includes("/dist/")), args.join(" ")).toEqual([]);
    }
  });

  it("every help text in dist/static.json is byte for byte what the CLI prints live, for every command, alias and form", () => {
    const { version, help } = JSON.parse(readFileSync(join(DIST, "static.json"), "utf8")) as { version: string; help: Record<string, string> };
    expect(version).toBe((JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version);
    expect(Object.keys(help)).toEqual(expect.arrayContaining(["", "list", "ls", "inbox", "watch", "stats", "profile add", "drafts ls"]));
    for (const [key, text] of Object.entries(help)) {
      const words = key === "" ? [] : key.split(" ");
      expect(stdoutOf([...words, "--help"], true), key).toBe(text);
      expect(stdoutOf([...words, "--help"], false), key).toBe(text);
    }
    expect(stdoutOf([], false)).toBe(help[""]);
    expect(stdoutOf(["help", "close"], false)).toBe(help["close"]);
    expect(stdoutOf(["--version"], false)).toBe(`${version}\n`);
  });

  it.each([["--help"], ["list", "--help"], ["help", "close"]])("ticket %s loads no heavy module", (...args) => {
    const loaded = modulesLoadedBy(args);
    expect(loaded.some((u) => u.includes("/node_modules/commander/"))).toBe(true); // the tracer works
    expect(heavyIn(loaded)).toEqual([]);
  });

  it("a list loads its command, one vendor and the libraries it needs; not got (reads go through src/http/lean-get.ts), conf, zod's config schemas, a prompt library, a table renderer for JSON, or chalk without color", () => {
    const loaded = modulesLoadedBy(["list", "--limit", "1", "--json"]);
    expect(loaded.some((u) => u.endsWith("/dist/commands/list.js"))).toBe(true);
    expect(loaded.some((u) => u.endsWith("/dist/providers/comm100/index.js"))).toBe(true);
    expect(loaded.some((u) => u.endsWith("/dist/http/lean-get.js"))).toBe(true);
    for (const absent of ["/node_modules/got/", "/dist/render/table.js", "/node_modules/string-width/", "/dist/render/paged-output.js", "/dist/providers/sobot/index.js", "/node_modules/@inquirer/", "/dist/commands/create.js", "/node_modules/conf/", "/node_modules/ajv/", "/dist/config/schema.js", "/node_modules/proper-lockfile/", "/node_modules/chalk/"]) {
      expect(loaded.filter((u) => u.includes(absent)), absent).toEqual([]);
    }
  });

  it("the one-command tree knows every top-level command and alias (src/program/only.ts)", async () => {
    const { createProgram } = await import("../../src/program.js");
    const { TOP_LEVEL, commandNamed } = await import("../../src/program/only.js");
    const { createDeps } = await import("../../src/deps.js");
    const tree = createProgram(createDeps({ argv: [] }));
    const names = tree.commands.flatMap((c) => [c.name(), ...c.aliases()]).sort();
    expect([...TOP_LEVEL.keys()].sort()).toEqual(names);
    for (const c of tree.commands) expect(TOP_LEVEL.get(c.name())).toBe(c.name());
    expect(commandNamed(["-p", "list", "ls", "--json"])).toBe("list");
    expect(commandNamed(["--fields", "id", "show", "1"])).toBe("show");
    expect(commandNamed(["lst"])).toBeUndefined();
    expect(commandNamed(["list", "--help"])).toBeUndefined();
  });

  it("every command module has its loader (a module left out would be missing from the bundle)", () => {
    const modules = readdirSync(fileURLToPath(new URL("../../src/commands/", import.meta.url)))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.slice(0, -3));
    expect(Object.keys(COMMAND_MODULES).sort()).toEqual(modules.sort());
  });

  it("the bundle holds every command, names its build and code cache, and has its source map", () => {
    const { outputs } = JSON.parse(readFileSync(join(DIST, "meta.json"), "utf8")) as { outputs: Record<string, { bundle: string; inputs: string[] }> };
    const inputs = outputs["cli.cjs"]!.inputs;
    for (const name of Object.keys(COMMAND_MODULES)) expect(inputs, name).toContain(`src/commands/${name}.ts`);
    const text = readFileSync(join(DIST, "cli.cjs"), "utf8");
    expect(text).toMatch(/\/\/# sourceMappingURL=cli\.cjs\.map\n?$/);
    const id = /^\/\/ ticket build ([0-9a-f]{16})\n/.exec(text)?.[1];
    expect(existsSync(join(DIST, `cli-${id}.cache`))).toBe(true);
    for (const lib of ["lib/conf.cjs", "lib/inquirer.cjs"]) expect(outputs[lib]?.bundle, lib).toBe("lib");
    for (const bundled of ["node_modules/conf/", "node_modules/@inquirer/", "node_modules/ajv/"]) expect(inputs.filter((i) => i.startsWith(bundled)), bundled).toEqual([]);
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
