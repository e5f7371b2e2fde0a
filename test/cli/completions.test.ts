/**
 * Completions through real shells (issue 11 item 10): the checked-in scripts in completions/ are
 * loaded into bash, zsh and fish, which complete a command line as they would at a prompt; the
 * dynamic values come from the built binary (`ticket __complete`), found on PATH as `ticket`.
 * bash is always there; zsh and fish are used where installed, else their tests are skipped with
 * a notice.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { PRIORITIES, STATUSES } from "../../src/model/enums.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { runTraced } from "../helpers/loaded-modules.js";

const SCRIPTS = fileURLToPath(new URL("../../completions/", import.meta.url));
const has = (shell: string) => spawnSync(shell, ["-c", "exit 0"]).status === 0;
const HAS_ZSH = has("zsh");
const HAS_FISH = has("fish");
if (!HAS_ZSH) console.warn("test/cli/completions.test.ts: zsh is not installed; the zsh completion tests are skipped");
if (!HAS_FISH) console.warn("test/cli/completions.test.ts: fish is not installed; the fish completion tests are skipped");

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
/** A hostile cached name: a script that fed it to `compgen -W` or eval would run it. */
const HOSTILE = "$(touch pwned)";

let configDir: string;
let cwd: string;
let env: Record<string, string>;

beforeAll(async () => {
  configDir = tempConfigDir();
  // `ticket` on PATH is the built binary, as after `npm install -g`.
  const bin = mkdtempSync(join(tmpdir(), "ticket-complete-bin-"));
  writeFileSync(join(bin, "ticket"), `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(BIN)} "$@"\n`);
  chmodSync(join(bin, "ticket"), 0o755);
  env = { PATH: `${bin}:${process.env["PATH"] ?? ""}`, HOME: configDir, TICKET_CONFIG_DIR: configDir, LANG: "C.UTF-8" };
  for (const name of ["work", "home"]) {
    const r = await runCli(["profile", "add", name, "--vendor", "comm100", "--base-url", "https://api15.comm100.io/v4", "--token-env", "T"], { configDir });
    expect(r.code, r.stderr).toBe(0);
  }
  // The directory cache hook (src/commands/complete.ts): agents of the default profile (work).
  mkdirSync(join(configDir, "cache", "work"), { recursive: true });
  writeFileSync(join(configDir, "cache", "work", "directory-agents.json"), JSON.stringify([{ id: "a1", name: "Zoe Ng" }, { id: "a2", email: "li@example.com" }, { id: "a3", name: HOSTILE }]));
  cwd = mkdtempSync(join(tmpdir(), "ticket-complete-cwd-"));
  for (const f of ["a file.png", "b.pdf"]) writeFileSync(join(cwd, f), "x");
  mkdirSync(join(cwd, "docs"));
});

/** Candidates as a person reads them: shell escapes removed, no trailing space or slash, sorted, once each. */
function normalize(raw: string[]): string[] {
  const clean = raw.map((c) => c.replace(/\\(.)/g, "$1").replace(/[ /]+$/, "")).filter(Boolean);
  return [...new Set(clean)].sort();
}

function run(cmd: string, args: string[], extraEnv: Record<string, string> = {}): string {
  const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, encoding: "utf8", timeout: 20_000 });
  if (r.status !== 0) throw new Error(`${cmd} exited ${r.status}: ${r.stderr}`);
  expect(r.stderr).toBe("");
  return r.stdout;
}

/**
 * bash: source the script, set COMP_WORDS / COMP_CWORD (and COMP_LINE / COMP_POINT) as bash does
 * for LINE, call _ticket, print COMPREPLY. `words` overrides the split (bash splits at "=" too).
 */
function bash(line: string, words?: string[]): string[] {
  const script = `
source ${quote(join(SCRIPTS, "ticket.bash"))}
COMP_LINE=$1; COMP_POINT=\${#COMP_LINE}
shift
if (($#)); then COMP_WORDS=("$@"); else read -r -a COMP_WORDS <<<"$COMP_LINE"; [[ $COMP_LINE == *" " ]] && COMP_WORDS+=(""); fi
COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
_ticket
printf '%s\\n' "\${COMPREPLY[@]}"`;
  return run("bash", ["--norc", "--noprofile", "-c", script, "bash", line, ...(words ?? [])]).split("\n");
}

/**
 * zsh: one interactive zsh in a pseudo-terminal (zsh/zpty) loads compinit and the script, then
 * gets each line and a TAB; compadd is wrapped to print every match the completion system offers
 * (compinit takes a second, so all lines share one shell; ^U clears the line between them).
 */
const ZSH_CAPTURE = `
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT='> '; RPROMPT=''; unsetopt PROMPT_SP; bindkey -e"
zpty -w z "autoload -U compinit; compinit -u -D"
zpty -w z "source \${(q)1}"
zpty -w z "bindkey '^I' complete-word"
zpty -w z 'compadd() { local -a __h; builtin compadd -O __h "$@"; builtin compadd "$@"; local m; for m in $__h; do print -r -- "<M>$IPREFIX$m</M>"; done; }'
zpty -w z '__done() { print -r -- "<DONE$((6*7))>"; }'
zpty -w z 'print -r -- "<READY$((6*7))>"'
zpty -r z out '*<READY42>*' || exit 2
shift
for line in "$@"; do
  print -r -- "<CASE>"
  zpty -w z 'comppostfuncs=( __done )' # emptied after each completion
  zpty -w -n z "$line"$'\\t'
  zpty -r z out '*<DONE42>*' || exit 3
  for l in \${(f)out}; do [[ $l == *'<M>'*'</M>'* ]] && print -r -- "\${\${l#*<M>}%%</M>*}"; done
  zpty -w -n z $'\\x15'
done
zpty -d z
`;

/** Runs every line through a shell at once; what it offered for each line, in order. */
function byCase(output: string, lines: string[]): Map<string, string[]> {
  const chunks = output.split("<CASE>\n").slice(1);
  expect(chunks).toHaveLength(lines.length);
  return new Map(lines.map((line, i) => [line, chunks[i]!.split("\n")]));
}

function zshAll(lines: string[]): Map<string, string[]> {
  const capture = join(mkdtempSync(join(tmpdir(), "ticket-zsh-")), "capture.zsh");
  writeFileSync(capture, ZSH_CAPTURE);
  return byCase(run("zsh", ["-f", capture, join(SCRIPTS, "ticket.zsh"), ...lines]), lines);
}

/** fish: `complete -C LINE` asks fish's completion engine what it would offer. */
function fishAll(lines: string[]): Map<string, string[]> {
  const script = `source ${quote(join(SCRIPTS, "ticket.fish")) }; for l in $argv; echo "<CASE>"; complete -C "$l"; end`;
  const out = byCase(run("fish", ["--no-config", "-c", script, ...lines]), lines);
  return new Map([...out].map(([line, offered]) => [line, offered.map((l) => l.split("\t")[0]!)]));
}

const sorted = (list: readonly string[]) => [...list].sort();

/** What every shell must offer for these lines. */
const CASES: [line: string, expected: string[]][] = [
  ["ticket li", ["list"]],
  ["ticket list --st", ["--status"]],
  ["ticket list --status ", sorted(STATUSES)],
  ["ticket list --status open --prio", ["--priority"]],
  ["ticket -p ", ["home", "work"]],
  ["ticket upload 42 ", ["a file.png", "b.pdf", "docs"]],
  ["ticket list --fields id,sub", ["id,subject"]],
  // after positionals and option values, short options, aliases, lists
  ["ticket list --status open,p", ["open,pending"]],
  ["ticket list --priority high --status closed,", sorted(STATUSES.filter((s) => s !== "closed").map((s) => `closed,${s}`))],
  ["ticket show 42 --fields id,mess", ["id,messages"]],
  ["ticket -p work list -L 5 --sort ", ["created", "none", "updated"]],
  ["ticket create -s Hello --priority ", sorted(PRIORITIES)],
  ["ticket profile rm w", ["work"]],
  ["ticket profile ", ["add", "list", "remove", "set", "show", "test", "use"]],
  ["ticket completion ", ["bash", "fish", "zsh"]],
  ["ticket reply 42 --attach d", ["docs"]],
  ["ticket show ", []],
  ["ticket assign 42 --to ", sorted([HOSTILE, "li@example.com", "Zoe Ng"])],
  ["ticket -p home assign 42 --to ", []],
];

describe("bash completion (completions/ticket.bash)", () => {
  it.each(CASES)("%j", (line, expected) => {
    expect(normalize(bash(line))).toEqual(expected);
  });

  it("COMPREPLY holds exactly the candidates for the issue's lines", () => {
    expect(bash("ticket li")).toEqual(["list", ""]);
    expect(bash("ticket list --fields id,sub")).toEqual(["id,subject", ""]);
    expect(bash("ticket -p ")).toEqual(["home", "work", ""]);
  });

  it("completes --opt=VALUE as bash splits it at the =, keeping what is before the cursor word", () => {
    expect(bash("ticket list --status=op", ["ticket", "list", "--status", "=", "op"])).toEqual(["open", ""]);
    expect(bash("ticket list --status=", ["ticket", "list", "--status", "="])).toEqual([...STATUSES, ""]);
    expect(bash("ticket --profile=h", ["ticket", "--profile", "=", "h"])).toEqual(["home", ""]);
  });

  it("completes @FILE for api --data (bash splits at the @ and keeps it in the word)", () => {
    expect(normalize(bash("ticket api GET x --data @b", ["ticket", "api", "GET", "x", "--data", "@", "b"]))).toEqual(["@b.pdf"]);
    expect(normalize(bash("ticket api GET x --data "))).toEqual([]);
  });

  it("quotes a cached name with shell syntax and never runs it", () => {
    expect(bash("ticket assign 42 --to ")).toContain("\\$\\(touch\\ pwned\\)");
    expect(existsSync(join(cwd, "pwned"))).toBe(false);
  });
});

const EXTRA: [line: string, expected: string[]][] = [
  ["ticket list --status=op", ["--status=open"]],
  ["ticket api GET x --data @b", ["@b.pdf"]],
];

const zshIt = HAS_ZSH ? it : it.skip;
describe(`zsh completion (completions/ticket.zsh)${HAS_ZSH ? "" : " - skipped: zsh is not installed"}`, () => {
  let offered: Map<string, string[]>;
  beforeAll(() => {
    if (HAS_ZSH) offered = zshAll([...CASES, ...EXTRA].map(([line]) => line));
  }, 60_000);

  zshIt.each([...CASES, ...EXTRA])("%j", (line, expected) => {
    expect(normalize(offered.get(line)!)).toEqual(expected);
  });

  zshIt("ran no cached name", () => {
    expect(existsSync(join(cwd, "pwned"))).toBe(false);
  });
});

const fishIt = HAS_FISH ? it : it.skip;
describe(`fish completion (completions/ticket.fish)${HAS_FISH ? "" : " - skipped: fish is not installed"}`, () => {
  let offered: Map<string, string[]>;
  beforeAll(() => {
    if (HAS_FISH) offered = fishAll([...CASES, ...EXTRA].map(([line]) => line));
  }, 60_000);

  fishIt.each([...CASES, ...EXTRA])("%j", (line, expected) => {
    expect(normalize(offered.get(line)!)).toEqual(expected);
  });

  fishIt("ran no cached name", () => {
    expect(existsSync(join(cwd, "pwned"))).toBe(false);
  });
});

describe("ticket __complete", () => {
  it("prints the configured profiles, one per line, and nothing on stderr", async () => {
    const r = await runCli(["__complete", "profiles", "--", "list", "--status", "open"], { configDir });
    expect(r).toEqual({ code: 0, stdout: "home\nwork\n", stderr: "" });
  });

  it("never fails out loud: a broken config, an unknown kind, no cache", async () => {
    const broken = tempConfigDir();
    writeFileSync(join(broken, "config.json"), "{ not json");
    for (const [args, dir] of [[["__complete", "profiles"], broken], [["__complete", "nonsense"], configDir], [["__complete", "teams"], configDir]] as const) {
      expect(await runCli([...args], { configDir: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    }
    expect(readFileSync(join(broken, "config.json"), "utf8")).toBe("{ not json");
  });

  it("loads no provider, HTTP client, config library or schema library", () => {
    const { result: r, loaded } = runTraced(["__complete", "agents", "--", "-p", "work"], { PATH: process.env["PATH"], TICKET_CONFIG_DIR: configDir });
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")).toContain("Zoe Ng");
    expect(loaded.some((u) => u.endsWith("/dist/commands/complete.js"))).toBe(true); // the tracer works
    for (const heavy of ["/node_modules/got/", "/node_modules/conf/", "/node_modules/zod/", "/node_modules/@inquirer/", "/dist/providers/", "/dist/sandbox/", "/dist/config/store.js"]) {
      expect(loaded.filter((u) => u.includes(heavy)), heavy).toEqual([]);
    }
  });
});

describe("ticket completion SHELL", () => {
  it.each(["bash", "zsh", "fish"])("prints completions/ticket.%s", async (shell) => {
    const r = await runCli(["completion", shell], { configDir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(SCRIPTS, `ticket.${shell}`), "utf8"));
  });

  it("refuses another shell with one line and exit 2", async () => {
    const r = await runCli(["completion", "tcsh"], { configDir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
  });
});
