// An isolated ticket home (TICKET_CONFIG_DIR, with cache and state inside it: src/config/paths.ts) and
// the sandbox's profile added there, optionally pointed at a proxy instead of the simulator.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN } from "./paths.mjs";
import { check, measure } from "./measure.mjs";

const homes = [];

/**
 * What node itself reads from the environment and pays for at every start: NODE_EXTRA_CA_CERTS
 * (node 20 loads the file before running anything: on this machine it takes `node -e 0` from about
 * 20 ms to about 56 ms) and NODE_OPTIONS. Every process the bench times, the CLI, `node -e 0` and
 * the fetch loops alike, gets them as the machine has them, since that is how users run node here;
 * `--clean-env` leaves them out, to measure node's own floor.
 */
const NODE_ENV = ["NODE_EXTRA_CA_CERTS", "NODE_OPTIONS"];
let cleanEnv = false;
export function setCleanEnv(clean) {
  cleanEnv = clean;
}
export function nodeEnv() {
  if (cleanEnv) return {};
  return Object.fromEntries(NODE_ENV.filter((k) => process.env[k]).map((k) => [k, process.env[k]]));
}
export function describeNodeEnv() {
  const set = Object.keys(nodeEnv());
  return set.length ? `node's environment as this machine has it: ${set.map((k) => `${k}=${process.env[k]}`).join(", ")} (--clean-env leaves ${set.length === 1 ? "it" : "them"} out)` : `node's environment: no NODE_EXTRA_CA_CERTS or NODE_OPTIONS${cleanEnv ? " (--clean-env)" : ""}`;
}

export function makeHome() {
  const dir = mkdtempSync(join(tmpdir(), "ticket-bench-"));
  homes.push(dir);
  const env = { ...nodeEnv(), PATH: process.env.PATH ?? "", HOME: dir, CI: "true", NO_COLOR: "1", TICKET_CONFIG_DIR: dir, LANG: "C.UTF-8" };
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
