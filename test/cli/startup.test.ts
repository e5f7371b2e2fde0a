/** Start-up stays lean: --help and --version load no heavy library and no vendor code. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BIN } from "../helpers/cli.js";

const TRACER = fileURLToPath(new URL("../helpers/trace-imports.mjs", import.meta.url));
const HEAVY = ["/node_modules/got/", "/node_modules/conf/", "/node_modules/@inquirer/", "/node_modules/zod/", "/node_modules/chalk/", "/node_modules/cli-table3/", "/dist/providers/", "/dist/sandbox/", "/dist/commands/", "/node_modules/proper-lockfile/", "/node_modules/when-exit/", "/node_modules/signal-exit/", "/node_modules/yocto-spinner/", "/node_modules/yoctocolors/", "/node_modules/html-to-text/", "/node_modules/wrap-ansi/"];

function modulesLoadedBy(args: string[]): string[] {
  const trace = join(mkdtempSync(join(tmpdir(), "ticket-trace-")), "modules.txt");
  const r = spawnSync(process.execPath, ["--import", TRACER, BIN, ...args], { env: { PATH: process.env["PATH"], TRACE_FILE: trace, TICKET_CONFIG_DIR: tmpdir() }, encoding: "utf8" });
  expect(r.status).toBe(0);
  return readFileSync(trace, "utf8").split("\n").filter(Boolean);
}

describe("lazy start-up", () => {
  it.each([["--version"], ["--help"], ["list", "--help"]])("ticket %s loads no heavy module", (...args) => {
    const loaded = modulesLoadedBy(args);
    expect(loaded.some((u) => u.includes("/node_modules/commander/"))).toBe(true); // the tracer works
    for (const heavy of HEAVY) expect(loaded.filter((u) => u.includes(heavy)), heavy).toEqual([]);
  });

  it("a list loads its command, one vendor and the libraries it needs", () => {
    const dir = mkdtempSync(join(tmpdir(), "ticket-trace-cfg-"));
    const trace = join(dir, "modules.txt");
    const r = spawnSync(process.execPath, ["--import", TRACER, BIN, "list", "--limit", "1", "--json"], { env: { PATH: process.env["PATH"], TRACE_FILE: trace, TICKET_CONFIG_DIR: dir }, encoding: "utf8" });
    expect(r.status).toBe(0);
    const loaded = readFileSync(trace, "utf8");
    expect(loaded).toContain("/dist/commands/list.js");
    expect(loaded).toContain("/dist/providers/comm100/index.js");
    expect(loaded).not.toContain("/dist/providers/sobot/index.js");
    expect(loaded).not.toContain("/node_modules/@inquirer/");
    expect(loaded).not.toContain("/dist/commands/create.js");
  });
});
