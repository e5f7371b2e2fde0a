import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cachedNames, completionValues, profileFromWords } from "../../src/commands/complete.js";
import { GENERATORS } from "../../src/completions.js";
import { allCommands, commandSpec } from "../../src/completions/spec.js";
import { resolvePaths } from "../../src/config/paths.js";
import type { Deps } from "../../src/deps.js";
import { PRIORITIES, STATUSES, VENDORS } from "../../src/model/enums.js";
import { createProgram } from "../../src/program.js";
import { DETAIL_FIELDS, TICKET_FIELDS } from "../../src/render/fields.js";

const program = createProgram({ io: { out() {}, err() {} } } as unknown as Deps);
const SHELLS = Object.keys(GENERATORS) as (keyof typeof GENERATORS)[];
const script = (shell: string) => readFileSync(new URL(`../../completions/ticket.${shell}`, import.meta.url), "utf8");

describe("completions/ are generated from the command tree", () => {
  it.each(SHELLS)("ticket.%s has not drifted (npm run completions)", (shell) => {
    expect(script(shell)).toBe(GENERATORS[shell](program));
  });

  it.each(SHELLS)("ticket.%s names every visible command, alias and option, long and short", (shell) => {
    const text = script(shell);
    const flag = (f: string) => (shell === "fish" ? (f.startsWith("--") ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`) : f);
    for (const c of allCommands(commandSpec(program))) {
      for (const name of [c.name, ...c.aliases]) expect(text).toContain(name);
      for (const o of c.options) for (const n of o.names) expect(text, `${c.path.join(" ")} ${n}`).toContain(flag(n));
    }
  });

  it("leaves the hidden __complete command out of the candidates", () => {
    const root = commandSpec(program);
    expect(root.subcommands.map((c) => c.name)).not.toContain("__complete");
    expect(root.subcommands.map((c) => c.name)).toContain("completion");
  });

  it("zsh is native, not bash through bashcompinit", () => {
    const zsh = script("zsh");
    expect(zsh.startsWith("#compdef ticket\n")).toBe(true);
    expect(zsh).not.toContain("bashcompinit");
    expect(zsh).not.toContain("COMP_WORDS");
    expect(zsh).toContain("_describe");
  });

  it("fish completes files only where a file is expected", () => {
    const fish = script("fish");
    expect(fish).toContain("complete -c ticket -f\n");
    expect(fish).toContain(`-n '__ticket_arg "upload" 1+' -F`);
    expect(fish).toMatch(/-l attach -r -F/);
    expect(fish).toMatch(/-l body-file -r -F/);
  });
});

describe("the values the scripts know", () => {
  const root = commandSpec(program);
  const find = (path: string[]) => allCommands(root).find((c) => c.path.join(" ") === path.join(" "))!;
  const option = (path: string[], long: string) => find(path).options.find((o) => o.long === long)!;

  it("statuses and priorities come from src/model/enums.ts; on list they are comma-separated lists", () => {
    expect(option(["list"], "--status").values).toEqual({ kind: "words", words: STATUSES, list: true });
    expect(option(["list"], "--priority").values).toEqual({ kind: "words", words: PRIORITIES, list: true });
    expect(option(["create"], "--priority").values).toEqual({ kind: "words", words: PRIORITIES, list: false });
    expect(option(["sandbox"], "--vendor").values).toEqual({ kind: "words", words: VENDORS, list: false });
  });

  it("--fields offers ticket fields, and on show the detail fields too", () => {
    for (const shell of ["bash", "zsh"]) {
      const text = script(shell);
      expect(text).toContain(`"show|--fields") __ticket_add 1 ${DETAIL_FIELDS.join(" ")} ;;`);
      expect(text).toContain(`*"|--fields") __ticket_add 1 ${TICKET_FIELDS.join(" ")} ;;`);
    }
  });

  it("profiles, agents and teams are dynamic; files where files go", () => {
    expect(option([], "--profile").values).toEqual({ kind: "dynamic", source: "profiles", list: true });
    expect(option(["assign"], "--to").values).toMatchObject({ kind: "dynamic", source: "agents" });
    expect(option(["assign"], "--team").values).toMatchObject({ kind: "dynamic", source: "teams" });
    expect(option(["reply"], "--attach").values).toEqual({ kind: "files", at: false });
    expect(option(["api"], "--data").values).toEqual({ kind: "files", at: true });
    for (const verb of ["use", "show", "remove", "set", "test"]) expect(find(["profile", verb]).args[0]!.values, verb).toMatchObject({ kind: "dynamic", source: "profiles" });
    expect(find(["profile", "add"]).args[0]!.values).toEqual({ kind: "none" });
    expect(find(["upload"]).args.map((a) => a.values.kind)).toEqual(["none", "files"]);
  });
});

describe("ticket __complete (src/commands/complete.ts)", () => {
  const env = (dir: string) => ({ TICKET_CONFIG_DIR: dir }) as NodeJS.ProcessEnv;
  const config = (profiles: string[], defaultProfile?: string) => ({
    version: 1,
    ...(defaultProfile ? { defaultProfile } : {}),
    profiles: Object.fromEntries(profiles.map((p) => [p, { vendor: "zaia", baseUrl: "https://x.example", settings: {}, secrets: {} }])),
  });

  it("finds the profile in the words typed, else TICKET_PROFILE, else the default or only one", () => {
    const cfg = config(["home", "work"], "work");
    expect(profileFromWords(["-p", "home", "assign"], {}, cfg)).toBe("home");
    expect(profileFromWords(["--profile", "=", "home"], {}, cfg)).toBe("home");
    expect(profileFromWords(["--profile=home,work"], {}, cfg)).toBe("home");
    expect(profileFromWords(["-phome"], {}, cfg)).toBe("home");
    expect(profileFromWords(["assign", "42"], { TICKET_PROFILE: "home" }, cfg)).toBe("home");
    expect(profileFromWords(["assign", "42"], {}, cfg)).toBe("work");
    expect(profileFromWords([], {}, config(["solo"]))).toBe("solo");
    expect(profileFromWords([], {}, config(["a", "b"]))).toBeUndefined();
  });

  it("lists profile names from the config file, and nothing when it is missing or broken", () => {
    const dir = mkdtempSync(join(tmpdir(), "ticket-complete-"));
    const paths = resolvePaths(env(dir));
    expect(completionValues("profiles", [], paths, {})).toEqual([]);
    writeFileSync(paths.configFile, "{ not json");
    expect(completionValues("profiles", [], paths, {})).toEqual([]);
    writeFileSync(paths.configFile, JSON.stringify(config(["work", "home"])));
    expect(completionValues("profiles", [], paths, {})).toEqual(["home", "work"]);
    expect(completionValues("nonsense", [], paths, {})).toEqual([]);
    expect(completionValues(undefined, [], paths, {})).toEqual([]);
  });

  it("reads cached agent and team names per profile, when a cache exists", () => {
    const dir = mkdtempSync(join(tmpdir(), "ticket-complete-"));
    const paths = resolvePaths(env(dir));
    expect(cachedNames(paths, "work", "agents")).toEqual([]);
    mkdirSync(join(paths.cacheDir, "work"), { recursive: true });
    writeFileSync(join(paths.cacheDir, "work", "directory-agents.json"), JSON.stringify([{ id: "a1", name: "Zoe Ng" }, { id: "a2", email: "li@example.com" }, { id: "a3" }, "Ann", { name: "bad\u001b[31m" }]));
    writeFileSync(join(paths.cacheDir, "work", "directory-teams.json"), JSON.stringify({ entries: [{ id: "t1", name: "Billing" }] }));
    expect(cachedNames(paths, "work", "agents")).toEqual(["a3", "Ann", "li@example.com", "Zoe Ng"]);
    expect(cachedNames(paths, "work", "teams")).toEqual(["Billing"]);
    expect(cachedNames(paths, "home", "agents")).toEqual([]);
    expect(cachedNames(paths, undefined, "agents")).toEqual([]);
  });
});
