/** Spawns the built bin/ticket.js with an isolated config folder, like a user's shell would. */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FixtureCreateInput } from "../../src/sandbox/types.js";

export const BIN = fileURLToPath(new URL("../../bin/ticket.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tempConfigDir(): string {
  return mkdtempSync(join(tmpdir(), "ticket-cli-"));
}

export function runCli(args: string[], opts: { configDir: string; env?: Record<string, string>; input?: string }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env["PATH"] ?? "",
        HOME: opts.configDir,
        CI: "true",
        TICKET_CONFIG_DIR: opts.configDir,
        TICKET_RETRY_BASE_MS: "5",
        ...opts.env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}

/** One line, no stack trace. */
export function expectOneLine(stderr: string): string[] {
  const lines = stderr.split("\n").filter((l) => l && !l.startsWith("ticket: using the built-in demo"));
  return lines;
}

/** The `ticket create` flags that send a simulator's fixture create input (subject and body as given). */
export function createFlags(c: FixtureCreateInput, subject = c.subject, body = c.body): string[] {
  const args: string[] = [];
  if (subject) args.push("--subject", subject);
  if (body) args.push("--body", body);
  const flags: [string, string | undefined][] = [
    ["--requester", c.requester],
    ["--channel", c.channel],
    ["--priority", c.priority],
    ["--category", c.category],
    ["--team", c.team],
    ["--assignee", c.assignee],
  ];
  for (const [flag, value] of flags) if (value) args.push(flag, value);
  for (const [k, v] of Object.entries(c.fields ?? {})) args.push("--field", `${k}=${v}`);
  return args;
}
