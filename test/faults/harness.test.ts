/**
 * The fault suite's own instruments, shown able to fail: the secret finder, the raw-control and
 * stack-trace detectors, the drafts finder, and a real run whose secrets (including a token the
 * vendor issued at run time) the harness collects from the wire.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ESCAPE_PAYLOAD } from "../../src/sandbox/shared/fault-bodies.js";
import { findDrafts, hasStackTrace, leakedSecrets, rawControls, secretsSeen, spawnTicket, VendorRig } from "../helpers/faults.js";

describe("fault-suite instruments", () => {
  it("finds a secret, or any 12-character stretch of one, and nothing else", () => {
    const secret = "sbx-fault-token-0123456789abcdef";
    expect(leakedSecrets(`answered: {"token":"${secret}"}`, [secret])).toHaveLength(1);
    expect(leakedSecrets(`cut: {"token":"${secret.slice(0, 20)}`, [secret])).toHaveLength(1);
    expect(leakedSecrets("ticket: Sobot dropped the connection", [secret])).toEqual([]);
  });

  it("sees every raw control a terminal could act on, and no ordinary text", () => {
    expect(rawControls(ESCAPE_PAYLOAD)).toEqual(["U+001B", "U+0007", "U+009B", "U+202E", "U+202C", "U+2066", "U+2069"]);
    expect(rawControls("Café ✓ 工单\ttab\nline")).toEqual([]);
    expect(rawControls(JSON.stringify(`x${ESCAPE_PAYLOAD}`).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`))).toEqual([]);
  });

  it("knows a Node stack trace from an error line", () => {
    expect(hasStackTrace("TypeError: x is undefined\n    at run (file:///work/dist/main.js:12:5)\n")).toBe(true);
    expect(hasStackTrace("SyntaxError: bad\n    at ModuleJob._instantiate (node:internal/modules/esm/module_job:213:21)")).toBe(true);
    expect(hasStackTrace("ticket: Zaia dropped the connection (at 12:05)")).toBe(false);
  });

  it("finds drafts in any drafts folder, with their modes", () => {
    const root = mkdtempSync(join(tmpdir(), "ticket-drafts-"));
    mkdirSync(join(root, "state", "drafts"), { recursive: true });
    writeFileSync(join(root, "state", "drafts", "a.txt"), "hello");
    chmodSync(join(root, "state", "drafts", "a.txt"), 0o644);
    writeFileSync(join(root, "config.json"), "{}");
    expect(findDrafts(root)).toEqual([{ path: join(root, "state", "drafts", "a.txt"), mode: 0o644, text: "hello" }]);
  });

  it("collects the secrets of a real run, a token issued at run time included", async () => {
    const rig = await VendorRig.create("sobot", 20);
    const run = await rig.start("none");
    try {
      const r = await spawnTicket(["-p", run.profile, "list", "--limit", "3", "--json"], { env: run.env });
      expect(r.code, r.stderr).toBe(0);
      const issued = run.proxy.exchanges.find((e) => e.kind === "auth")!;
      const token = /"token"\s*:\s*"([^"]+)"/.exec(issued.upstreamBody ?? "")![1]!;
      const seen = secretsSeen(run);
      expect(seen).toContain(token);
      expect(seen).toContain(run.env[Object.keys(run.env).find((k) => k.startsWith("TICKET_SANDBOX_"))!]);
      expect(leakedSecrets(r.stdout + r.stderr, seen)).toEqual([]);
    } finally {
      await run.close();
      rig.dispose();
    }
  });
});
