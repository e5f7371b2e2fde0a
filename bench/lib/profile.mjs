// An isolated ticket home (TICKET_CONFIG_DIR, with cache and state inside it: src/config/paths.ts) and
// the sandbox's profile added there, optionally pointed at a proxy instead of the simulator.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN } from "./paths.mjs";
import { check, measure } from "./measure.mjs";

const homes = [];

export function makeHome() {
  const dir = mkdtempSync(join(tmpdir(), "ticket-bench-"));
  homes.push(dir);
  const env = { PATH: process.env.PATH ?? "", HOME: dir, CI: "true", NO_COLOR: "1", TICKET_CONFIG_DIR: dir, LANG: "C.UTF-8" };
  return { dir, env };
}

export function removeHomes() {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `ticket profile add NAME ...` from the sandbox's profileAdd, its base URL optionally replaced. Secrets travel in env only. */
export async function addProfile(home, sim, { name, baseUrl } = {}) {
  Object.assign(home.env, sim.env);
  const argv = sim.profileAdd.slice(1).map((a) => (a === sim.baseUrl && baseUrl ? baseUrl : a));
  if (name) argv[2] = name;
  check(await measure(process.execPath, [BIN, ...argv], { env: home.env }), `ticket profile add ${argv[2]}`);
  return argv[2];
}

/** The sandbox's primary secret (the one passed with --token-env) and its settings (--set k=v). */
export function credentialsOf(sim) {
  const argv = sim.profileAdd;
  const tokenEnv = argv[argv.indexOf("--token-env") + 1];
  const settings = {};
  argv.forEach((a, i) => {
    if (a === "--set") {
      const [k, ...v] = argv[i + 1].split("=");
      settings[k] = v.join("=");
    }
  });
  return { secret: sim.env[tokenEnv], settings };
}
