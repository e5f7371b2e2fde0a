// Simulators as a user starts them: `node bin/ticket.js sandbox --vendor V --tickets N [--latency MS] --json`,
// which prints one line {vendor, baseUrl, env, profileAdd} (src/commands/sandbox.ts) and serves until
// SIGTERM. Every child started here is stopped on exit, Ctrl-C or an error (stopAll).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { simBin } from "./paths.mjs";

const children = new Map();
/** Seeding a simulator may take a while; longer than this is a stuck simulator. */
const START_TIMEOUT_MS = 180_000;

/**
 * `rateLimit` ("CALLS/SECONDS" or "documented", Comm100 only) makes the simulator enforce one
 * (`--rate-limit`); without it none is enforced, whatever TICKET_SANDBOX_RATE_LIMIT says here.
 */
export function startSandbox(vendor, { tickets, latency, rateLimit } = {}) {
  const args = [simBin(), "sandbox", "--vendor", vendor, "--json"];
  if (tickets) args.push("--tickets", String(tickets));
  if (latency) args.push("--latency", String(latency));
  if (rateLimit) args.push("--rate-limit", rateLimit);
  const env = { ...process.env, CI: "true" };
  delete env.TICKET_SANDBOX_RATE_LIMIT;
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 3000).unref();
    });
  children.set(child, stop);
  child.once("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`sandbox --vendor ${vendor} --tickets ${tickets ?? "(default)"} printed nothing within ${START_TIMEOUT_MS / 1000} s`));
      void stop();
    }, START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      clearTimeout(timer);
      try {
        resolve({ ...JSON.parse(line), pid: child.pid, stop });
      } catch (err) {
        reject(new Error(`sandbox --vendor ${vendor} printed no JSON line: ${line.slice(0, 200)}`));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox --vendor ${vendor} exited ${code}: ${stderr.trim().split("\n")[0] ?? ""}`));
    });
  });
}

/** On a signal: a simulator has nothing to save, and one still seeding does not answer SIGTERM. */
export function stopAllSync() {
  for (const child of children.keys()) child.kill("SIGKILL");
}

export async function stopAll() {
  await Promise.all([...children.values()].map((stop) => stop()));
}
