/**
 * Harness for driving the built binary through the fault proxy: one simulator and one proxy per
 * run, a config folder whose profile points at the proxy, a spawned `node bin/ticket.js` with a
 * kill timer, and the inspections every run needs (secrets seen on the wire, drafts, raw control
 * characters, stack traces).
 *
 * Profiles are added once per vendor with `ticket profile add` exactly as `ticket sandbox` prints
 * it (sandboxProfileArgs); each run copies that config folder and points the profile at its own
 * proxy. That holds because a simulator seeded with the same options and secrets has the same
 * settings (checked per run: a mismatch falls back to running `profile add` again).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import { RAW_CONTROL } from "../../src/sandbox/shared/fault-bodies.js";
import { startFaultProxy, type FaultProxy } from "../../src/sandbox/shared/fault-proxy.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { BIN } from "./cli.js";
import { sandboxProfileInput } from "./sandbox-profile.js";

export { RAW_CONTROL };

export interface BinResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
  /** When the process ended (epoch ms, comparable with the proxy's timestamps). */
  endedAt: number;
  /** Killed by the harness's timer: the run hung. */
  killed: boolean;
}

/** A small semaphore: at most `size` spawned binaries at a time in this worker (2-core machines). */
export class Pool {
  private active = 0;
  private waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

export function spawnTicket(args: string[], opts: { env: Record<string, string>; input?: string; killAfterMs?: number }): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, opts.killAfterMs ?? 45_000);
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, elapsedMs: performance.now() - started, endedAt: Date.now(), killed });
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(opts.input ?? "");
  });
}

type SimulatorModule = { startSimulator(o: { tickets?: number; secrets?: Record<string, string> }): Promise<Simulator> };

/**
 * The base env of every run: isolated folders, fast retries, a 2 s deadline, no color, and an
 * 8 MB answer cap so the oversize fault (50 MB) stays cheap.
 */
export function baseEnv(configDir: string): Record<string, string> {
  return {
    PATH: process.env["PATH"] ?? "",
    HOME: configDir,
    CI: "true",
    NO_COLOR: "1",
    TICKET_CONFIG_DIR: configDir,
    TICKET_RETRY_BASE_MS: "5",
    TICKET_TIMEOUT: "2",
    TICKET_MAX_RESPONSE_MB: "8",
  };
}

export interface FaultRun {
  vendor: VendorName;
  sim: Simulator;
  proxy: FaultProxy;
  configDir: string;
  profile: string;
  env: Record<string, string>;
  /** Every secret value the simulator accepts (derived ones come from `secretsSeen`). */
  secrets: string[];
  close(): Promise<void>;
}

/** One vendor's template: secrets fixed for every run, a config folder with its profiles. */
export class VendorRig {
  private constructor(
    readonly vendor: VendorName,
    private readonly mod: SimulatorModule,
    private readonly simSecrets: Record<string, string>,
    private readonly templateDir: string,
    private readonly templateOrigin: string,
    private readonly settingsJson: string,
    readonly secretEnv: Record<string, string>,
    readonly tickets: number,
    /** Profile names: the sandbox profile, and for 3Dolphins one that logs in with a password. */
    readonly profiles: { main: string; login?: string },
  ) {}

  static async create(vendor: VendorName, tickets = 60): Promise<VendorRig> {
    const d = VENDOR_DESCRIPTORS[vendor];
    const mod = (await d.loadSimulator!()) as unknown as SimulatorModule;
    const probe = await mod.startSimulator({ tickets });
    const simSecrets: Record<string, string> = {};
    for (const name of Object.keys(probe.credentials.secrets)) simSecrets[name] = `sbx-fault-${name}-${randomBytes(12).toString("hex")}`;
    // 3Dolphins: also a password, for a profile that logs in at graph/auth (a derived token).
    if (vendor === "3dolphins") simSecrets["password"] = `sbx-fault-pw-${randomBytes(12).toString("hex")}`;
    await probe.close();

    const sim = await mod.startSimulator({ tickets, secrets: simSecrets });
    const dir = mkdtempSync(join(tmpdir(), `ticket-faults-${vendor}-`));
    const main = sandboxProfileInput(vendor, sim);
    const secretEnv: Record<string, string> = { ...main.env };
    const profiles: { main: string; login?: string } = { main: main.profile };
    await addProfile(dir, main.argv, secretEnv);
    if (vendor === "3dolphins") {
      // The same profile with only the password (sent with --secret-env, the token being the primary).
      const passwordOnly = { baseUrl: sim.baseUrl, credentials: { secrets: { password: simSecrets["password"]! }, settings: sim.credentials.settings } };
      const login = sandboxProfileInput(vendor, passwordOnly, { name: `${main.profile}-login` });
      Object.assign(secretEnv, login.env);
      await addProfile(dir, login.argv, secretEnv);
      profiles.login = login.profile;
    }
    const rig = new VendorRig(vendor, mod, simSecrets, dir, new URL(sim.baseUrl).origin, JSON.stringify(sim.credentials.settings), secretEnv, tickets, profiles);
    await sim.close();
    return rig;
  }

  /** Removes the template config folder. */
  dispose(): void {
    rmSync(this.templateDir, { recursive: true, force: true });
  }

  /** A fresh simulator behind a fresh proxy with `spec`, and a config folder pointing at it (removed by close()). */
  async start(spec: string, profile = this.profiles.main): Promise<FaultRun> {
    const sim = await this.mod.startSimulator({ tickets: this.tickets, secrets: this.simSecrets });
    const proxy = await startFaultProxy({ upstream: sim.baseUrl, spec, vendor: this.vendor });
    const configDir = mkdtempSync(join(tmpdir(), `ticket-fault-run-`));
    if (JSON.stringify(sim.credentials.settings) === this.settingsJson) {
      cpSync(this.templateDir, configDir, { recursive: true, filter: (src) => !/[/\\](cache|state)$/.test(src) });
      for (const name of readdirSync(configDir)) {
        if (!name.endsWith(".json")) continue;
        const file = join(configDir, name);
        writeFileSync(file, readFileSync(file, "utf8").split(this.templateOrigin).join(proxy.origin), { mode: 0o600 });
      }
    } else {
      const { argv } = sandboxProfileInput(this.vendor, sim, { baseUrl: proxy.wrap(sim.baseUrl) });
      await addProfile(configDir, argv, this.secretEnv);
    }
    const secrets = [...Object.values(this.simSecrets), ...Object.values(sim.credentials.secrets)];
    return {
      vendor: this.vendor,
      sim,
      proxy,
      configDir,
      profile,
      env: { ...baseEnv(configDir), ...this.secretEnv },
      secrets: [...new Set(secrets)],
      close: async () => {
        await proxy.close();
        await sim.close();
        rmSync(configDir, { recursive: true, force: true });
      },
    };
  }
}

async function addProfile(configDir: string, args: string[], env: Record<string, string>): Promise<void> {
  const r = await spawnTicket(args, { env: { ...baseEnv(configDir), ...env } });
  if (r.code !== 0) throw new Error(`profile add failed (${r.code}): ${r.stderr}`);
}

/**
 * Every secret a run's CLI held: what the simulator accepts, plus whatever travelled as a
 * credential (Authorization values without their scheme, Sobot's `token` header and `sign`) and
 * every token an auth endpoint issued.
 */
export function secretsSeen(run: FaultRun): string[] {
  const out = new Set(run.secrets);
  for (const ex of run.proxy.exchanges) {
    for (const name of ["authorization", "token", "access-token", "x-api-key"]) {
      const v = ex.requestHeaders[name];
      if (typeof v === "string" && v) out.add(v.replace(/^(bearer|basic|token)\s+/i, ""));
    }
    const q = new URL(ex.url, "http://x").searchParams;
    for (const name of ["sign", "access_token", "token", "app_key"]) {
      const v = q.get(name);
      if (v) out.add(v.replace(/^bearer\s+/i, ""));
    }
    if (ex.kind === "auth" && ex.upstreamBody) {
      for (const m of ex.upstreamBody.matchAll(/"(?:token|access_token|refresh_token)"\s*:\s*"([^"]+)"/g)) out.add(m[1]!);
    }
  }
  return [...out].filter((s) => s.length >= 12);
}

/** The secrets (or any 12-character stretch of one) found in `text`. */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const s of secrets) {
    for (let i = 0; i + 12 <= s.length; i += 1) {
      if (text.includes(s.slice(i, i + 12))) {
        found.push(`${s.slice(0, 4)}…(${s.length} chars)`);
        break;
      }
    }
  }
  return found;
}

export const hasStackTrace = (text: string): boolean => /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m.test(text) || /\bnode:internal\//.test(text);

export function rawControls(text: string): string[] {
  const found = new Set<string>();
  for (const ch of text) if (RAW_CONTROL.test(ch)) found.add(`U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
  return [...found];
}

export interface SavedFile {
  path: string;
  mode: number;
  text: string;
}

/** Files under any `drafts` folder of the run's config folder (state lives there in tests). */
export function findDrafts(root: string): SavedFile[] {
  const out: SavedFile[] = [];
  const walk = (dir: string, inDrafts: boolean) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full, inDrafts || name === "drafts");
      else if (inDrafts && !name.endsWith(".lock")) out.push({ path: full, mode: st.mode & 0o777, text: readFileSync(full, "utf8") });
    }
  };
  walk(root, false);
  return out;
}
