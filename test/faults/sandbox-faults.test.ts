/**
 * `ticket sandbox --vendor V --faults SPEC` (spawned): the printed base URL is the fault proxy's,
 * the profile it prints works through it, the faults reach the user's commands, a bad SPEC is a
 * usage error, and `--help` documents every fault the proxy knows.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { VENDORS } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import { FAULTS } from "../../src/sandbox/shared/fault-spec.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { baseEnv, rawControls } from "../helpers/faults.js";

const withSimulator = VENDORS.filter((v) => VENDOR_DESCRIPTORS[v].available && VENDOR_DESCRIPTORS[v].loadSimulator);

interface SandboxInfo {
  vendor: string;
  baseUrl: string;
  upstream: string;
  faults: string;
  env: Record<string, string>;
  profileAdd: string[];
}

/** Starts `ticket sandbox ... --json`, hands its first line to `fn`, then stops it with SIGINT. */
async function withSandbox(args: string[], fn: (info: SandboxInfo, dir: string) => Promise<void>): Promise<number | null> {
  const dir = tempConfigDir();
  const child = spawn(process.execPath, [BIN, "sandbox", ...args, "--json"], { env: baseEnv(dir), stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve);
      child.once("error", reject);
      child.once("close", () => reject(new Error("sandbox exited before printing")));
    });
    await fn(JSON.parse(first) as SandboxInfo, dir);
  } finally {
    child.kill("SIGINT");
  }
  return exited;
}

describe.concurrent.each(withSimulator)("ticket sandbox --vendor %s --faults", (vendor) => {
  it("prints the proxy's URL, and the faults reach commands run against it", async () => {
    const code = await withSandbox(["--vendor", vendor, "--tickets", "20", "--faults", "401:reads"], async (info, dir) => {
      expect(info).toMatchObject({ vendor, faults: "401:reads" });
      expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      expect(new URL(info.baseUrl).origin).not.toBe(new URL(info.upstream).origin);
      expect(new URL(info.baseUrl).pathname).toBe(new URL(info.upstream).pathname);
      expect(info.profileAdd).toContain(info.baseUrl);

      const add = await runCli(info.profileAdd.slice(1), { configDir: dir, env: info.env });
      expect(add.code, add.stderr).toBe(0);
      const list = await runCli(["-p", info.profileAdd[3]!, "--timeout", "2", "list", "--limit", "5"], { configDir: dir, env: info.env });
      expect(list.code, list.stderr).toBe(4);
      const lines = list.stderr.split("\n").filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^ticket: /);
      expect(rawControls(list.stderr)).toEqual([]);
      for (const secret of Object.values(info.env)) expect(list.stderr).not.toContain(secret);
    });
    expect(code).toBe(0);
  });
});

describe("ticket sandbox --faults, the SPEC", () => {
  it("refuses a bad SPEC with a usage error naming the rule, before serving anything", async () => {
    const dir = tempConfigDir();
    for (const spec of ["reset-after:sometimes", "frobnicate", "latency"]) {
      const r = await runCli(["sandbox", "--vendor", "zaia", "--faults", spec], { configDir: dir });
      expect(r.code, spec).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
      expect(r.stderr).toContain(spec.split(":")[0]);
    }
  });

  it("prints the fault line on a terminal-style (non --json) run", async () => {
    const dir = tempConfigDir();
    const child = spawn(process.execPath, [BIN, "sandbox", "--vendor", "zaia", "--tickets", "5", "--faults", "stall:writes"], {
      env: baseEnv(dir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    let out = "";
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.setEncoding("utf8").on("data", (d: string) => {
          out += d;
          if (out.includes("ticket -p sandbox-zaia list")) resolve();
        });
        child.once("close", () => reject(new Error(`sandbox exited: ${out}`)));
      });
      expect(out).toMatch(/^Faults: stall:writes \(a fault proxy in front of the simulator at http:\/\/127\.0\.0\.1:\d+\)$/m);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });

  it("--help documents every fault and selector the proxy knows", async () => {
    const help = (await runCli(["sandbox", "--help"], { configDir: tempConfigDir() })).stdout;
    for (const name of Object.keys(FAULTS)) {
      const shown = name === "status" ? "status=CODE" : name === "status-after" ? "status-after=CODE" : name;
      expect(help, name).toMatch(new RegExp(`(^|[\\s(])${shown.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\[|=|\\s|\\)|$)`, "m"));
    }
    for (const selector of ["reads", "writes", "auth", "readback", "all", "@N+", "~TEXT"]) expect(help).toContain(selector);
  });
});
