/**
 * Where ticket keeps things (DESIGN.md section 6): config in $XDG_CONFIG_HOME/ticket, caches
 * (tokens) in $XDG_CACHE_HOME/ticket, state (demo data, unsent drafts) in $XDG_STATE_HOME/ticket.
 * TICKET_CONFIG_DIR moves the config folder; when it is set, cache and state default to folders
 * inside it, so a test or CI run is isolated by one variable. TICKET_CACHE_DIR / TICKET_STATE_DIR
 * override each.
 */
import { homedir } from "node:os";
import { join } from "node:path";

export interface Paths {
  configDir: string;
  configFile: string;
  cacheDir: string;
  stateDir: string;
}

export function resolvePaths(env: NodeJS.ProcessEnv): Paths {
  const home = env["HOME"] || homedir();
  const custom = env["TICKET_CONFIG_DIR"];
  const configDir = custom || join(env["XDG_CONFIG_HOME"] || join(home, ".config"), "ticket");
  const cacheDir = env["TICKET_CACHE_DIR"] || (custom ? join(custom, "cache") : join(env["XDG_CACHE_HOME"] || join(home, ".cache"), "ticket"));
  const stateDir =
    env["TICKET_STATE_DIR"] || (custom ? join(custom, "state") : join(env["XDG_STATE_HOME"] || join(home, ".local", "state"), "ticket"));
  return { configDir, configFile: join(configDir, "config.json"), cacheDir, stateDir };
}
