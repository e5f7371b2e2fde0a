// dist/cli-<id>.cache: V8's code cache of dist/cli.cjs (scripts/build/cli-bundle.mjs), made at build
// time by one run of the new build: `ticket list --json` on the built-in demo (a Comm100 simulator in
// the process, in a throwaway config folder), after which bin/ticket.js writes what V8 compiled,
// the functions that run called included (TICKET_CODE_CACHE_OUT). Every command shares most of
// that code: the bundle's top level, the command tree, got, zod, a provider.
//
// The cache belongs to the node that made it: another node (or V8 flags that change code, such as a
// debugger) rejects it and compiles from the source as it would without one. A failed training run
// is a build warning, not an error: the CLI is the same, only slower to start.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function trainCodeCache(root, dist, staging, id) {
  const home = mkdtempSync(join(tmpdir(), "ticket-build-cache-"));
  const out = join(staging, `cli-${id}.cache`);
  try {
    const env = { PATH: process.env.PATH ?? "", HOME: home, TICKET_CONFIG_DIR: home, CI: "true", NO_COLOR: "1", TICKET_CODE_CACHE_OUT: out };
    const r = spawnSync(process.execPath, [join(root, "bin", "ticket.js"), "list", "--json"], { env, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", timeout: 60_000 });
    if (r.status !== 0 || !existsSync(out)) {
      process.stderr.write(`build warning: no code cache (the training run exited ${r.status ?? r.signal}): ${(r.stderr ?? "").trim().split("\n").pop()}\n`);
      return null;
    }
    renameSync(out, join(dist, `cli-${id}.cache`));
    return `cli-${id}.cache`;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
