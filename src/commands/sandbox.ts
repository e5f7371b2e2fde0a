/**
 * ticket sandbox --vendor V: serve a simulator in the foreground until interrupted. Prints its
 * base URL, the credentials it accepts, and a ready-to-paste `ticket profile add`; with --json,
 * one line whose secrets travel only in `env`.
 */
import { UnsupportedError, UsageError } from "../errors.js";
import type { Deps } from "../deps.js";
import { isVendor, VENDORS } from "../model/enums.js";
import type { CommandInput } from "../program.js";
import { descriptorFor } from "../providers/registry.js";
import { toJson } from "../render/json.js";
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

const shellQuote = (s: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

export async function run({ opts }: CommandInput, deps: Deps): Promise<void> {
  const vendor = str(opts["vendor"])!;
  if (!isVendor(vendor)) throw new UsageError(`unknown vendor "${vendor}": use ${VENDORS.join(", ")}`);
  const d = descriptorFor(vendor);
  if (!d.loadSimulator) throw new UnsupportedError(`no ${d.displayName} simulator in this version yet`);
  const port = parsePositiveInt(str(opts["port"]), "--port");
  const { startSimulator } = await d.loadSimulator();
  const sim = await startSimulator({
    port,
    tickets: parsePositiveInt(str(opts["tickets"]), "--tickets"),
    latencyMs: parsePositiveInt(str(opts["latency"]), "--latency"),
  });
  const primary = (d.secrets.find((s) => s.primary) ?? d.secrets[0]!).name;
  const secretNames = Object.keys(sim.credentials.secrets);
  const { argv, envNames } = sandboxProfileArgs(vendor, sim.baseUrl, secretNames, primary, sim.credentials.settings);
  const env = Object.fromEntries(secretNames.map((n) => [envNames[n]!, sim.credentials.secrets[n]!]));

  if (deps.globals.json) {
    deps.io.out(`${toJson({ vendor, baseUrl: sim.baseUrl, env, profileAdd: argv })}\n`);
  } else {
    const lines = [
      `${d.displayName} simulator listening on ${sim.baseUrl} (${sim.fixtures.listAllCount} tickets). Ctrl-C stops it.`,
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
  await new Promise<void>((resolve) => {
    if (deps.signal.aborted) resolve();
    deps.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await sim.close();
  if (!deps.globals.json) deps.io.err("simulator stopped\n");
}
