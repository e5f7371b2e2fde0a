/**
 * `ticket sandbox --vendor V --json` for every vendor that has a simulator: the printed
 * profileAdd argv, run as is with the printed env, gives a profile that lists tickets.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { VENDORS } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";

const withSimulator = VENDORS.filter((v) => VENDOR_DESCRIPTORS[v].available && VENDOR_DESCRIPTORS[v].loadSimulator);

describe.each(withSimulator)("ticket sandbox --vendor %s", (vendor) => {
  it("prints one JSON line whose profileAdd works as is, and stops on SIGINT", async () => {
    const dir = tempConfigDir();
    const child = spawn(process.execPath, [BIN, "sandbox", "--vendor", vendor, "--json", "--tickets", "25"], {
      env: { PATH: process.env["PATH"] ?? "", HOME: dir, TICKET_CONFIG_DIR: dir, CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once("line", resolve);
        child.once("error", reject);
        setTimeout(() => reject(new Error("sandbox printed nothing")), 15_000);
      });
      const info = JSON.parse(first) as { vendor: string; baseUrl: string; env: Record<string, string>; profileAdd: string[] };
      expect(info.vendor).toBe(vendor);
      expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      expect(info.profileAdd.slice(0, 3)).toEqual(["ticket", "profile", "add"]);
      // Secrets travel only through env: none of their values is in the argv.
      for (const secret of Object.values(info.env)) expect(info.profileAdd.join(" ")).not.toContain(secret);

      const add = await runCli(info.profileAdd.slice(1), { configDir: dir, env: info.env });
      expect(add.code, add.stderr).toBe(0);
      const name = info.profileAdd[3]!;
      const list = await runCli(["-p", name, "list", "--all", "--json"], { configDir: dir, env: info.env });
      expect(list.code, list.stderr).toBe(0);
      expect(JSON.parse(list.stdout).length).toBeGreaterThan(0);
      const vendors = JSON.parse((await runCli(["vendors", "--json"], { configDir: dir })).stdout);
      expect(vendors.find((v: { vendor: string }) => v.vendor === vendor).available).toBe(true);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });
});

describe("ticket vendors", () => {
  it("prints the matrix from the providers' declarations, and says which are not available", async () => {
    const dir = tempConfigDir();
    const json = JSON.parse((await runCli(["vendors", "--json"], { configDir: dir })).stdout);
    expect(json.map((v: { vendor: string }) => v.vendor)).toEqual([...VENDORS]);
    for (const v of json) {
      const d = VENDOR_DESCRIPTORS[v.vendor as keyof typeof VENDOR_DESCRIPTORS];
      expect(v.available).toBe(d.available);
      expect(v.capabilities).toEqual(d.available ? d.capabilities : null);
    }
    const table = await runCli(["vendors"], { configDir: dir });
    // Piped: the matrix is plain tab-separated lines, verb then the vendors in VENDORS order, no header.
    expect(table.stdout).not.toMatch(/^verb\b/im);
    expect(table.stdout).toMatch(/^list(\t(yes|no|not yet available)){4}$/m);
    expect(table.stdout).toMatch(/^upload\t.*\bno\b/m);
    for (const v of json.filter((x: { available: boolean }) => !x.available)) expect(table.stdout).toContain("not yet available");
  });
});
