// dist/cli-<id>.cache: V8's code cache of dist/cli.cjs (scripts/build/cli-bundle.mjs), made at build
// time by one run of the new build as a user makes it: a Comm100 simulator in a process of its own
// (`ticket sandbox --vendor comm100 --tickets 30 --json`), its profile added to a throwaway config
// folder (`ticket profile add ...`, as the sandbox prints it), then `ticket -p sandbox-comm100 list
// --json` over HTTP, after which bin/ticket.js writes what V8 compiled, the functions that run
// called included (TICKET_CODE_CACHE_OUT). Every command shares most of that code: the bundle's top
// level, the command tree, the config and profile, the HTTP client, zod, a provider.
//
// The simulator runs apart on purpose. Trained on the in-process demo (`list --json` with no
// profile), the cache held the simulator's server and seeding too: code no user run calls, which
// every run deserialized (issue 12: V8 reads the whole cache at start, about 1 ms per 100 KB).
//
// The cache belongs to the node that made it: another node (or V8 flags that change code, such as a
// debugger) rejects it and compiles from the source as it would without one. A failed training run
// is a build warning, not an error: the CLI is the same, only slower to start.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const TIMEOUT_MS = 60_000;

export async function trainCodeCache(root, dist, staging, id) {
  const home = mkdtempSync(join(tmpdir(), "ticket-build-cache-"));
  const out = join(staging, `cli-${id}.cache`);
  const bin = join(root, "bin", "ticket.js");
  const env = { PATH: process.env.PATH ?? "", HOME: home, TICKET_CONFIG_DIR: home, CI: "true", NO_COLOR: "1" };
  let sim;
  try {
    sim = await startSimulator(bin, env);
    const runEnv = { ...env, ...sim.env };
    const run = (args, extra = {}) => spawnSync(process.execPath, [bin, ...args], { env: { ...runEnv, ...extra }, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", timeout: TIMEOUT_MS });
    const added = run(sim.profileAdd.slice(1));
    if (added.status !== 0) throw new Error(`ticket profile add exited ${added.status ?? added.signal}: ${lastLine(added.stderr)}`);
    const profile = sim.profileAdd[3];
    const r = run(["-p", profile, "list", "--json"], { TICKET_CODE_CACHE_OUT: out });
    if (r.status !== 0 || !existsSync(out)) throw new Error(`the training run exited ${r.status ?? r.signal}: ${lastLine(r.stderr)}`);
    renameSync(out, join(dist, `cli-${id}.cache`));
    return `cli-${id}.cache`;
  } catch (err) {
    process.stderr.write(`build warning: no code cache (${err.message})\n`);
    return null;
  } finally {
    sim?.child.kill("SIGKILL");
    rmSync(home, { recursive: true, force: true });
  }
}

const lastLine = (text) => (text ?? "").trim().split("\n").pop() ?? "";

/** `ticket sandbox --json`: its one line ({ baseUrl, env, profileAdd }) once it serves. */
function startSimulator(bin, env) {
  const child = spawn(process.execPath, [bin, "sandbox", "--vendor", "comm100", "--tickets", "30", "--json"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the simulator printed nothing within ${TIMEOUT_MS / 1000} s`));
    }, TIMEOUT_MS);
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      try {
        resolve({ ...JSON.parse(line), child });
      } catch {
        child.kill("SIGKILL");
        reject(new Error(`the simulator printed no JSON line: ${line.slice(0, 200)}`));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited ${code}: ${lastLine(stderr)}`));
    });
  });
}
