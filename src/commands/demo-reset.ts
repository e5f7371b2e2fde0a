/**
 * ticket demo reset: forget what the built-in demo saved (issue 11 item 11), so the next run starts
 * from the simulator's fresh sample tickets. The demo keeps its tickets in
 * `<state>/demo/comm100.json` (src/config/resolve.ts, startDemo) and, like any profile, its
 * provider's state and caches in `<state>/demo` and `<cache>/demo` (src/providers/context.ts): both
 * folders go. Drafts and checkpoints are the user's and stay (`ticket drafts rm`, `ticket
 * checkpoint reset`). A demo command running meanwhile may save its own changes when it ends.
 */
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { DEMO_PROFILE } from "../config/schema.js";
import type { Deps } from "../deps.js";
import { OperationError } from "../errors.js";
import type { CommandInput } from "../program.js";
import { toJson } from "../render/json.js";
import { sanitize } from "../render/sanitize.js";
import { success } from "../render/status-line.js";

export async function run(_input: CommandInput, deps: Deps): Promise<void> {
  const folders = [join(deps.paths.stateDir, DEMO_PROFILE), join(deps.paths.cacheDir, DEMO_PROFILE)];
  const removed: string[] = [];
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    try {
      await rm(folder, { recursive: true, force: true });
    } catch (err) {
      throw new OperationError(`cannot remove the demo's data in ${folder}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    removed.push(folder);
  }
  if (deps.globals.json || deps.globals.ndjson) deps.io.out(`${toJson({ reset: removed.length > 0, removed }, Boolean(deps.globals.json))}\n`);
  if (removed.length > 0) success(deps.io, `Reset the demo: forgot its saved tickets and caches (${sanitize(removed.join(", "))}); the next run starts from fresh sample tickets`);
  else success(deps.io, "The demo had nothing saved; the next run starts from fresh sample tickets");
}
