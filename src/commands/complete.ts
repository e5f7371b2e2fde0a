/**
 * ticket __complete KIND [-- WORDS...]: the values the completion scripts cannot know in advance,
 * one per line on stdout (src/completions/*.ts call it when TAB is pressed).
 *
 *   profiles        the configured profile names
 *   agents, teams   names from the profile's cached directory, if one was cached (none yet: nothing)
 *
 * WORDS are the words typed so far; `-p NAME` among them picks the profile for agents and teams.
 * It runs on every TAB, so it stays small: the config file is read as plain JSON, with no conf,
 * zod, got or provider loaded. It never prints an error and always exits 0: a completion that
 * fails offers nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Paths } from "../config/paths.js";
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";

interface ConfigShape {
  defaultProfile?: unknown;
  profiles?: unknown;
}

/** A candidate a shell can take on one line: no control characters, not empty, not absurdly long. */
const printable = (s: unknown): s is string => typeof s === "string" && s.length > 0 && s.length <= 200 && !/[\u0000-\u001f\u007f-\u009f]/.test(s);

function readConfig(paths: Paths): ConfigShape {
  try {
    const data = JSON.parse(readFileSync(paths.configFile, "utf8")) as unknown;
    return data && typeof data === "object" ? (data as ConfigShape) : {};
  } catch {
    return {};
  }
}

function profileNames(config: ConfigShape): string[] {
  const profiles = config.profiles;
  if (!profiles || typeof profiles !== "object") return [];
  return Object.keys(profiles).filter(printable).sort();
}

/** The profile the words name (-p NAME, -pNAME, --profile NAME, --profile=NAME; the first of a,b), else TICKET_PROFILE, else the default or only one. */
export function profileFromWords(words: string[], env: NodeJS.ProcessEnv, config: ConfigShape): string | undefined {
  let named: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === "--") break;
    let value: string | undefined;
    if (w === "-p" || w === "--profile") value = words[i + 1] === "=" ? words[i + 2] : words[i + 1];
    else if (w.startsWith("--profile=")) value = w.slice("--profile=".length);
    else if (/^-p[^-]/.test(w)) value = w.slice(2);
    if (value) named = value.split(",")[0];
  }
  if (named) return named;
  if (env["TICKET_PROFILE"]) return env["TICKET_PROFILE"];
  if (typeof config.defaultProfile === "string") return config.defaultProfile;
  const names = profileNames(config);
  return names.length === 1 ? names[0] : undefined;
}

/**
 * The hook for directory caches (issue 11 item 5): `<cacheDir>/<profile>/directory-<kind>.json`,
 * the profile folder named as the providers' own (src/providers/context.ts). The file may hold an
 * array, or an object with `entries`, of names or of { name, email, id }; each entry completes as
 * its name, else its email, else its id. No such cache exists yet, so this offers nothing today.
 */
export function cachedNames(paths: Paths, profile: string | undefined, kind: "agents" | "teams"): string[] {
  if (!profile) return [];
  const file = join(paths.cacheDir, profile.replace(/[^A-Za-z0-9._-]/g, "_"), `directory-${kind}.json`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return [];
  }
  const entries = Array.isArray(data) ? data : Array.isArray((data as { entries?: unknown })?.entries) ? (data as { entries: unknown[] }).entries : [];
  const names = entries.map((e) => {
    if (typeof e === "string") return e;
    const r = (e ?? {}) as Record<string, unknown>;
    return [r["name"], r["email"], r["id"]].find(printable);
  });
  return [...new Set(names.filter(printable))].sort((a, b) => a.localeCompare(b));
}

export function completionValues(kind: string | undefined, words: string[], paths: Paths, env: NodeJS.ProcessEnv): string[] {
  switch (kind) {
    case "profiles":
      return profileNames(readConfig(paths));
    case "agents":
    case "teams":
      return cachedNames(paths, profileFromWords(words, env, readConfig(paths)), kind);
    default:
      return [];
  }
}

export async function run({ args }: CommandInput, deps: Deps): Promise<void> {
  try {
    const [kind, ...words] = args;
    const values = completionValues(kind, words, deps.paths, deps.env);
    if (values.length) deps.io.out(`${values.join("\n")}\n`);
  } catch {
    // A completion never fails out loud.
  }
}
