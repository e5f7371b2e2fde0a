/**
 * Files (issue 8 item 9, DESIGN.md section 6), through the spawned binary: the config folder is
 * created 0700 and its files 0600, looser modes are repaired with one warning, parallel writers
 * never lose a profile, and a lock left by a killed process is recovered.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const LOCK_JS = fileURLToPath(new URL("../../dist/fs/lock.js", import.meta.url));
const mode = (path: string) => statSync(path).mode & 0o777;
const addArgs = (name: string) => ["profile", "add", name, "--vendor", "comm100", "--base-url", "https://api15.comm100.io/v4", "--token-env", "C100_TOKEN", "--set", "agentId=a1"];

/** A config folder that does not exist yet, inside a private temp folder. */
function freshConfigDir(): string {
  return join(mkdtempSync(join(tmpdir(), "ticket-files-")), "config");
}

describe("config folder and file modes", () => {
  it("creates the folder 0700 and config.json 0600", async () => {
    const dir = freshConfigDir();
    const r = await runCli(addArgs("work"), { configDir: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, "config.json"))).toBe(0o600);
  });

  it("repairs a looser folder and file with one warning line, then says nothing", async () => {
    const dir = freshConfigDir();
    expect((await runCli(addArgs("work"), { configDir: dir })).code).toBe(0);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, "config.json"), 0o644);
    const r = await runCli(["profile", "list"], { configDir: dir });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split("\n").filter(Boolean);
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^ticket: warning: .*config.*\(was 0755\).*config\.json \(was 0644\)/);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, "config.json"))).toBe(0o600);
    const again = await runCli(["profile", "list"], { configDir: dir });
    expect(again.stderr).toBe("");
  });
});

describe("concurrent writers", () => {
  it("20 parallel `profile add` runs all succeed and all 20 profiles survive", async () => {
    const dir = freshConfigDir();
    const names = Array.from({ length: 20 }, (_, i) => `p${String(i + 1).padStart(2, "0")}`);
    const results = await Promise.all(names.map((n) => runCli(addArgs(n), { configDir: dir })));
    results.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`✓ Added profile ${names[i]}`);
    });
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as { profiles: Record<string, unknown>; defaultProfile: string };
    expect(Object.keys(config.profiles).sort()).toEqual(names);
    expect(names).toContain(config.defaultProfile);
    expect(mode(join(dir, "config.json"))).toBe(0o600);
    expect(existsSync(join(dir, "config.json.lock"))).toBe(false);
  }, 60_000);

  it("a lock left by a killed process is recovered once stale", async () => {
    const dir = freshConfigDir();
    expect((await runCli(addArgs("first"), { configDir: dir })).code).toBe(0);
    const file = join(dir, "config.json");
    // A process takes the config lock and is killed with it held (kill -9: no cleanup at all).
    const holder = spawn(process.execPath, ["--input-type=module", "-e", `import { withFileLock } from ${JSON.stringify(LOCK_JS)}; await withFileLock(${JSON.stringify(file)}, () => { console.log("locked"); return new Promise(() => setInterval(() => {}, 1000)); });`], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => holder.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve()));
    const gone = new Promise((resolve) => holder.on("close", resolve));
    holder.kill("SIGKILL");
    await gone;
    expect(existsSync(`${file}.lock`)).toBe(true);
    // It died a minute ago: its lock has not been refreshed since (the stale threshold is 10 s).
    const past = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, past, past);
    const started = Date.now();
    const r = await runCli(addArgs("second"), { configDir: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    const config = JSON.parse(readFileSync(file, "utf8")) as { profiles: Record<string, unknown> };
    expect(Object.keys(config.profiles).sort()).toEqual(["first", "second"]);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("a run waits for a live lock holder instead of failing or overwriting", async () => {
    const dir = freshConfigDir();
    expect((await runCli(addArgs("first"), { configDir: dir })).code).toBe(0);
    const file = join(dir, "config.json");
    // The holder changes the file under the lock, a second after the other run has started.
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { withFileLock } from ${JSON.stringify(LOCK_JS)}; import { readFileSync, writeFileSync } from "node:fs";
         await withFileLock(${JSON.stringify(file)}, async () => {
           console.log("locked");
           await new Promise((r) => setTimeout(r, 1000));
           const c = JSON.parse(readFileSync(${JSON.stringify(file)}, "utf8"));
           c.profiles.holder = c.profiles.first;
           writeFileSync(${JSON.stringify(file)}, JSON.stringify(c));
         });`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => holder.stdout.on("data", (d: Buffer) => d.toString().includes("locked") && resolve()));
    const r = await runCli(addArgs("second"), { configDir: dir });
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(readFileSync(file, "utf8")) as { profiles: Record<string, unknown> };
    expect(Object.keys(config.profiles).sort()).toEqual(["first", "holder", "second"]);
  });
});

describe("profile use / remove change the file under the same lock", () => {
  it("use and remove of profiles that were added in parallel", async () => {
    const dir = freshConfigDir();
    await Promise.all(["a", "b", "c"].map((n) => runCli(addArgs(n), { configDir: dir })));
    const [use, remove] = await Promise.all([runCli(["profile", "use", "b"], { configDir: dir }), runCli(["profile", "remove", "c"], { configDir: dir })]);
    expect(use.code, use.stderr).toBe(0);
    expect(remove.code, remove.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as { profiles: Record<string, unknown>; defaultProfile: string };
    expect(Object.keys(config.profiles).sort()).toEqual(["a", "b"]);
    expect(config.defaultProfile).toBe("b");
    const missing = await runCli(["profile", "remove", "zzz"], { configDir: dir });
    expect(missing.code).toBe(3);
  });
});
