/**
 * ticket sandbox --vendor V: serve a simulator in the foreground until interrupted. Prints its
 * base URL, the credentials it accepts, and a ready-to-paste `ticket profile add`; with --json,
 * one line whose secrets travel only in `env`. With --faults SPEC the simulator sits behind the
 * fault-injecting proxy (src/sandbox/shared/fault-proxy.ts) and the printed base URL is the
 * proxy's, so scripts can be tried against resets, stalls, 5xx, broken bodies and the like.
 */
import { parseRateLimitSpec } from "../sandbox/shared/server.js";
import { shellQuote } from "./shared/shell.js";
import { UnsupportedError, UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import { isVendor, VENDORS } from "../model/enums.js";
import type { CommandInput } from "../program.js";
import { descriptorFor } from "../providers/registry.js";
import { toJson } from "../render/json.js";
import { startFaultProxy, type FaultProxy } from "../sandbox/shared/fault-proxy.js";
import { FaultSpecError, parseFaultSpec, type FaultRule } from "../sandbox/shared/fault-spec.js";
import { parsePositiveInt, str } from "./shared/parse.js";

export function sandboxProfileArgs(vendor: string, baseUrl: string, secretNames: string[], primary: string, settings: Record<string, string>) {
  const env: Record<string, string> = {};
  const argv = ["ticket", "profile", "add", `sandbox-${vendor}`, "--vendor", vendor, "--base-url", baseUrl];
  for (const name of secretNames) {
    const variable = `TICKET_SANDBOX_${vendor.toUpperCase()}_${name.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()}`;
    env[name] = variable;
    argv.push(...(name === primary ? ["--token-env", variable] : ["--secret-env", `${name}=${variable}`]));
  }
  for (const [k, v] of Object.entries(settings)) argv.push("--set", `${k}=${v}`);
  argv.push("--force");
  return { argv, envNames: env };
}

/** The SPEC checked before anything starts: a typo is a usage error (exit 2) naming the rule. */
function parseFaults(spec: string): FaultRule[] {
  try {
    const rules = parseFaultSpec(spec);
    if (rules.length === 0) throw new FaultSpecError("--faults needs at least one rule, e.g. reset-after:writes:1");
    return rules;
  } catch (err) {
    if (err instanceof FaultSpecError) throw new UsageError(`--faults: ${err.message} (see ticket sandbox --help)`);
    throw err;
  }
}

/** --port N: 1 to 65535 (a number outside is a usage error, not node's RangeError). */
function parsePort(value: string | undefined): number | undefined {
  const port = parsePositiveInt(value, "--port");
  if (port !== undefined && port > 65535) throw new UsageError(`--port takes a port number from 1 to 65535, not "${value}"`);
  return port;
}

/**
 * A --port that cannot be had (issue 11 item 11) is the user's choice to change: one line, exit 2,
 * not node's "listen EADDRINUSE" as an unexpected error. Anything else is passed on as it is.
 */
function listenError(err: unknown, port: number | undefined): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (port === undefined) return err;
  if (code === "EADDRINUSE") return new UsageError(`--port ${port} is already in use on 127.0.0.1; choose another, or leave --port out for a free one`);
  if (code === "EACCES") return new UsageError(`--port ${port} is not allowed for this user (ports below 1024 usually need root); choose another, or leave --port out for a free one`);
  return err;
}

/** --rate-limit: "documented" or CALLS/SECONDS; only Comm100 documents a limit (vendor-notes.md, 300 calls per 5 min). */
function rateLimitOption(text: string | undefined, vendor: string): "documented" | { calls: number; perMs: number } | undefined {
  if (text === undefined) return undefined;
  if (vendor !== "comm100") throw new UsageError(`--rate-limit: only the Comm100 simulator enforces one (the other vendors document no rate limit)`);
  if (text.trim() === "documented") return "documented";
  const spec = parseRateLimitSpec(text);
  if (!spec) throw new UsageError(`--rate-limit takes "documented" or CALLS/SECONDS like 20/2, not "${text}"`);
  return spec;
}

export async function run({ opts }: CommandInput, deps: Deps): Promise<void> {
  const vendor = str(opts["vendor"])!;
  if (!isVendor(vendor)) throw new UsageError(`unknown vendor "${vendor}": use ${VENDORS.join(", ")}`);
  const d = descriptorFor(vendor);
  if (!d.loadSimulator) throw new UnsupportedError(`no ${d.displayName} simulator in this version yet`);
  const port = parsePort(str(opts["port"]));
  const faults = str(opts["faults"]);
  const rules = faults === undefined ? undefined : parseFaults(faults);
  const rateLimit = rateLimitOption(str(opts["rateLimit"]), vendor);
  const { startSimulator } = await d.loadSimulator();
  const sim = await startSimulator({
    // Behind the proxy, --port is the proxy's: the URL users point at.
    port: rules ? undefined : port,
    tickets: parsePositiveInt(str(opts["tickets"]), "--tickets"),
    latencyMs: parsePositiveInt(str(opts["latency"]), "--latency"),
    ...(rateLimit ? { rateLimit } : {}),
  }).catch((err: unknown) => {
    throw listenError(err, port);
  });
  let proxy: FaultProxy | undefined;
  try {
    if (rules) proxy = await startFaultProxy({ upstream: sim.baseUrl, spec: rules, vendor, port });
  } catch (err) {
    await sim.close();
    throw listenError(err, port);
  }
  const baseUrl = proxy ? proxy.wrap(sim.baseUrl) : sim.baseUrl;
  const primary = (d.secrets.find((s) => s.primary) ?? d.secrets[0]!).name;
  const secretNames = Object.keys(sim.credentials.secrets);
  const { argv, envNames } = sandboxProfileArgs(vendor, baseUrl, secretNames, primary, sim.credentials.settings);
  const env = Object.fromEntries(secretNames.map((n) => [envNames[n]!, sim.credentials.secrets[n]!]));

  if (deps.globals.json) {
    const faultInfo = proxy ? { faults, upstream: sim.baseUrl } : {};
    deps.io.out(`${toJson({ vendor, baseUrl, env, profileAdd: argv, ...faultInfo })}\n`);
  } else {
    const lines = [
      `${d.displayName} simulator listening on ${baseUrl} (${sim.fixtures.listAllCount} tickets). Ctrl-C stops it.`,
      ...(proxy ? [`Faults: ${faults} (a fault proxy in front of the simulator at ${sim.baseUrl})`] : []),
      "",
      "Credentials it accepts:",
      ...secretNames.map((n) => `  ${n}: ${sim.credentials.secrets[n]}`),
      ...Object.entries(sim.credentials.settings).map(([k, v]) => `  ${k}: ${v}`),
      "",
      "Use it:",
      ...Object.entries(env).map(([k, v]) => `  export ${k}=${shellQuote(v)}`),
      `  ${argv.map(shellQuote).join(" ")}`,
      `  ticket -p sandbox-${vendor} list`,
      "",
    ];
    deps.io.out(lines.join("\n"));
  }
  // Ctrl-C / SIGTERM is how a sandbox ends: a normal end (exit 0), not an interruption.
  await deps.interruption.awaitStop();
  await proxy?.close();
  await sim.close();
  if (!deps.globals.json) deps.io.err("simulator stopped\n");
}
