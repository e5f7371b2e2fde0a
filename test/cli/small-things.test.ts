/**
 * Small things people notice (issue 11 item 11), on the built binary: the color conventions
 * (NO_COLOR / --no-color > FORCE_COLOR / CLICOLOR_FORCE > CLICOLOR=0 > a terminal) on a real
 * terminal (tmux, a private socket per test) and piped; `✓` lines green and `ticket:` errors red on
 * a terminal; `ticket demo reset`; `profile use demo` and when the demo notice shows; `profile list`
 * with no profile; `sandbox --port` already taken; the bin run before `npm ci` / a build.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { colorLevelFor } from "../../src/io.js";
import { BIN, runCli, tempConfigDir, type CliResult } from "../helpers/cli.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

if (!hasTmux) console.warn("test/cli/small-things.test.ts: tmux is not installed; its terminal tests are skipped");

const ESC = /\u001b\[[0-9;]*m/;
/** Several spawns of the binary each; the machine may be busy with the rest of the suite. */
const SLOW = 90_000;

/**
 * The foreground color (SGR code, "default" when none) in force where `text` first appears on a
 * screen or in a stream: tmux re-encodes what the program wrote (`\e[0m\e[32m\e[49m✓`), so the SGR
 * sequences before the text are replayed rather than matched literally.
 */
function colorAt(screen: string, text: string): string {
  const at = screen.indexOf(text);
  if (at < 0) throw new Error(`"${text}" is not on the screen:\n${screen}`);
  let fg = "default";
  for (const m of screen.slice(0, at).matchAll(/\u001b\[([0-9;]*)m/g)) {
    const params = m[1] === "" ? ["0"] : m[1]!.split(";");
    for (let i = 0; i < params.length; i++) {
      const p = Number(params[i]);
      if (p === 0 || p === 39) fg = "default";
      else if ((p >= 30 && p <= 37) || (p >= 90 && p <= 97)) fg = String(p);
      else if (p === 38) {
        fg = params.slice(i, i + (params[i + 1] === "5" ? 3 : 5)).join(";");
        i += params[i + 1] === "5" ? 2 : 4;
      }
    }
  }
  return fg;
}
const GREEN = "32";
const RED = "31";
const DEMO_NOTICE = /using the built-in demo profile/;

/** An open demo ticket's id, from a config folder of its own (its demo state is created there). */
async function demoTicketId(dir: string): Promise<string> {
  const r = await runCli(["-p", "demo", "list", "--status", "new,open", "--limit", "1", "--json"], { configDir: dir });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { id: string }[])[0]!.id;
}

describe("color precedence (colorLevelFor)", () => {
  const cases: [string, boolean, Record<string, string>, boolean, "none" | "color"][] = [
    ["a terminal", true, {}, false, "color"],
    ["a pipe", false, {}, false, "none"],
    ["CLICOLOR=0 on a terminal", true, { CLICOLOR: "0" }, false, "none"],
    ["CLICOLOR=1 on a pipe (CLICOLOR only speaks for terminals)", false, { CLICOLOR: "1" }, false, "none"],
    ["CLICOLOR_FORCE=1 on a pipe", false, { CLICOLOR_FORCE: "1" }, false, "color"],
    ["CLICOLOR_FORCE=0 on a pipe", false, { CLICOLOR_FORCE: "0" }, false, "none"],
    ["CLICOLOR_FORCE=1 beats CLICOLOR=0", true, { CLICOLOR_FORCE: "1", CLICOLOR: "0" }, false, "color"],
    ["CLICOLOR_FORCE=1 beats TERM=dumb", false, { CLICOLOR_FORCE: "1", TERM: "dumb" }, false, "color"],
    ["NO_COLOR beats CLICOLOR_FORCE", true, { NO_COLOR: "1", CLICOLOR_FORCE: "1" }, false, "none"],
    ["--no-color beats CLICOLOR_FORCE", true, { CLICOLOR_FORCE: "1" }, true, "none"],
    ["FORCE_COLOR=0 beats CLICOLOR_FORCE", true, { FORCE_COLOR: "0", CLICOLOR_FORCE: "1" }, false, "none"],
    ["FORCE_COLOR=1 beats CLICOLOR=0", false, { FORCE_COLOR: "1", CLICOLOR: "0" }, false, "color"],
  ];
  it.each(cases)("%s", (_name, isTTY, env, noColor, expected) => {
    expect(colorLevelFor(isTTY, env, noColor) > 0 ? "color" : "none").toBe(expected);
  });
});

describe("colors piped (stderr not a terminal)", () => {
  let dir: string;
  let id: string;
  beforeAll(async () => {
    dir = tempConfigDir();
    id = await demoTicketId(dir);
  }, SLOW);
  const cli = (args: string[], env: Record<string, string> = {}) => runCli(["-p", "demo", ...args], { configDir: dir, env });

  it("no color by default: the ✓ line and the error line are plain text", async () => {
    const ok = await cli(["close", id]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/^✓ \w+ ticket /m);
    expect(ok.stderr).not.toMatch(ESC);
    const bad = await cli(["show", "99999999"]);
    expect(bad.code).toBe(5);
    expect(bad.stderr).toMatch(/^ticket: /m);
    expect(bad.stderr).not.toMatch(ESC);
  }, SLOW);

  it("CLICOLOR_FORCE=1 colors them even piped: ✓ green, the error red; plain stdout lines stay plain", async () => {
    const ok = await cli(["close", id, "--fields", "id,status"], { CLICOLOR_FORCE: "1" });
    expect(ok.code, ok.stderr).toBe(0);
    expect(colorAt(ok.stderr, "✓ ")).toBe(GREEN);
    expect(ok.stdout).not.toMatch(ESC); // tab-separated lines for scripts never carry color
    const bad = await cli(["show", "99999999"], { CLICOLOR_FORCE: "1" });
    expect(bad.code).toBe(5);
    expect(colorAt(bad.stderr, "ticket: ")).toBe(RED);
    expect(bad.stderr.trimEnd().split("\n")).toHaveLength(1);
  }, SLOW);

  it("every write verb's ✓ line is green the same way (reply here), and piped without color it is the same bytes", async () => {
    const green = await cli(["reply", id, "--body", "colored check", "-q"], { CLICOLOR_FORCE: "1" });
    expect(green.code, green.stderr).toBe(0);
    expect(colorAt(green.stderr, "✓ ")).toBe(GREEN);
    const plain = await cli(["reply", id, "--body", "plain check", "-q"]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(/^✓ Replied to ticket \d+\n$/m);
    expect(plain.stderr).not.toMatch(ESC);
  }, SLOW);

  it("NO_COLOR and --no-color win over CLICOLOR_FORCE; the --json error stays plain JSON", async () => {
    for (const [args, env] of [
      [["show", "99999999"], { CLICOLOR_FORCE: "1", NO_COLOR: "1" }],
      [["--no-color", "show", "99999999"], { CLICOLOR_FORCE: "1" }],
      [["show", "99999999"], { CLICOLOR_FORCE: "1", FORCE_COLOR: "0" }],
    ] as [string[], Record<string, string>][]) {
      const r = await cli(args, env);
      expect(r.code).toBe(5);
      expect(r.stderr, JSON.stringify(env)).not.toMatch(ESC);
    }
    const json = await cli(["show", "99999999", "--json"], { CLICOLOR_FORCE: "1" });
    expect(json.stderr).not.toMatch(ESC);
    expect(JSON.parse(json.stderr.trim()).error.exitCode).toBe(5);
  }, SLOW);
});

describe.skipIf(!hasTmux)("on a terminal (tmux, one private server per test)", () => {
  let tty: TtySession | undefined;
  afterEach(() => {
    tty?.close();
    tty = undefined;
  });

  /** The built binary in a fresh pane, with only the color variables given here (none inherited); the last screen. */
  async function onTerminal(dir: string, args: string[], env: Record<string, string> = {}): Promise<string> {
    tty = new TtySession(160, 40);
    const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    tty.start(["env", "-u", "CLICOLOR", "-u", "CLICOLOR_FORCE", ...vars, process.execPath, BIN, ...args], { TICKET_CONFIG_DIR: dir, HOME: dir });
    return tty.waitFor(/EXIT=\d+/, 60_000);
  }

  it.each([
    ["by default", {}, true],
    ["not with CLICOLOR=0", { CLICOLOR: "0" }, false],
    ["with CLICOLOR=0 CLICOLOR_FORCE=1", { CLICOLOR: "0", CLICOLOR_FORCE: "1" }, true],
    ["not with CLICOLOR_FORCE=1 NO_COLOR=1", { CLICOLOR_FORCE: "1", NO_COLOR: "1" }, false],
  ] as [string, Record<string, string>, boolean][])("a table has color %s", async (_name, env, colored) => {
    const screen = await onTerminal(tempConfigDir(), ["-p", "demo", "list", "--limit", "3"], env);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen).toMatch(/subject/i); // the table is there either way
    if (colored) expect(screen).toMatch(ESC);
    else expect(screen).not.toMatch(ESC);
  }, SLOW);

  it("the ✓ line is green", async () => {
    const dir = tempConfigDir();
    const id = await demoTicketId(dir);
    const screen = await onTerminal(dir, ["-p", "demo", "close", id]);
    expect(screen).toMatch(/EXIT=0/);
    expect(colorAt(screen, "✓ ")).toBe(GREEN);
  }, SLOW);

  it("a `ticket:` error is red; with CLICOLOR=0 it is plain", async () => {
    const dir = tempConfigDir();
    const red = await onTerminal(dir, ["-p", "demo", "show", "99999999"]);
    expect(red).toMatch(/EXIT=5/);
    expect(colorAt(red, "ticket: ")).toBe(RED);
    tty!.close();
    const plain = await onTerminal(dir, ["-p", "demo", "show", "99999999"], { CLICOLOR: "0" });
    expect(plain).toMatch(/EXIT=5/);
    expect(plain).toMatch(/^ticket: /m);
    expect(plain).not.toMatch(ESC);
  }, SLOW);

  it("profile list with no profile says how to add one", async () => {
    const screen = await onTerminal(tempConfigDir(), ["profile", "list"]);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen).toMatch(/No profiles yet; commands use the built-in demo/);
    expect(screen).toMatch(/ticket profile add NAME --vendor/);
  }, SLOW);

  it("profile list --json with no profile prints [] and nothing else, even on a terminal", async () => {
    const screen = await onTerminal(tempConfigDir(), ["profile", "list", "--json"]);
    expect(screen).toMatch(/EXIT=0/);
    expect(screen.replace(/EXIT=0[\s\S]*/, "").trim()).toBe("[]");
  }, SLOW);
});

describe("profile list with no profile, piped", () => {
  it("prints nothing on stdout or stderr (plain), and [] with --json", async () => {
    const dir = tempConfigDir();
    const plain = await runCli(["profile", "list"], { configDir: dir });
    expect(plain).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const json = await runCli(["profile", "list", "--json"], { configDir: dir });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
    expect(json.stderr).toBe("");
  });
});

describe("the demo: its notice, `profile use demo`, `demo reset`", () => {
  it("the notice shows only when the demo was chosen implicitly (no profile configured)", async () => {
    const dir = tempConfigDir();
    const implicit = await runCli(["list", "--limit", "1"], { configDir: dir });
    expect(implicit.code).toBe(0);
    expect(implicit.stderr).toMatch(DEMO_NOTICE);
    const named = await runCli(["-p", "demo", "list", "--limit", "1"], { configDir: dir });
    expect(named).toMatchObject({ code: 0, stderr: "" });
    const byEnv = await runCli(["list", "--limit", "1"], { configDir: dir, env: { TICKET_PROFILE: "demo" } });
    expect(byEnv).toMatchObject({ code: 0, stderr: "" });
  }, SLOW);

  it("profile use demo makes the demo the default: later runs use it without the notice, even after a profile is added", async () => {
    const dir = tempConfigDir();
    const use = await runCli(["profile", "use", "demo"], { configDir: dir });
    expect(use.code, use.stderr).toBe(0);
    expect(use.stderr).toBe("✓ demo (the built-in demo) is now the default profile\n");
    expect(JSON.parse(readFileSync(join(dir, "config.json"), "utf8")).defaultProfile).toBe("demo");
    const list = await runCli(["list", "--limit", "2", "--json"], { configDir: dir });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toBe("");
    expect(JSON.parse(list.stdout)[0].vendor).toBe("comm100");
    const add = await runCli(["profile", "add", "work", "--vendor", "zaia", "--base-url", "https://zaia.example.com", "--token-env", "ZAIA_TOKEN"], { configDir: dir });
    expect(add.code, add.stderr).toBe(0);
    const still = await runCli(["list", "--limit", "1", "--json"], { configDir: dir });
    expect(still.code, still.stderr).toBe(0);
    expect(JSON.parse(still.stdout)[0].vendor).toBe("comm100"); // the demo, not the added profile
    const back = await runCli(["profile", "use", "work"], { configDir: dir });
    expect(back).toMatchObject({ code: 0, stderr: "✓ work is now the default profile\n" });
  }, SLOW);

  it("profile use of an unknown name: exit 3, naming the profiles there are (demo among them)", async () => {
    const dir = tempConfigDir();
    const r = await runCli(["profile", "use", "nope"], { configDir: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('ticket: no profile named "nope" (profiles: demo (built in))\n');
  });

  it("demo reset forgets what the demo saved and says so; a second reset says there was nothing", async () => {
    const dir = tempConfigDir();
    const seen = await runCli(["-p", "demo", "list", "--limit", "1", "--json"], { configDir: dir });
    const requester = (JSON.parse(seen.stdout) as { requester: { id: string } }[])[0]!.requester.id;
    const created = await runCli(["-p", "demo", "create", "--subject", "Reset me", "--body", "to be forgotten", "--requester", requester, "--json"], { configDir: dir });
    expect(created.code, created.stderr).toBe(0);
    const ticketId = (JSON.parse(created.stdout) as { id: string }).id;
    expect((await runCli(["-p", "demo", "show", ticketId], { configDir: dir })).code).toBe(0);
    const state = join(dir, "state", "demo", "comm100.json");
    expect(existsSync(state)).toBe(true);

    const reset = await runCli(["demo", "reset"], { configDir: dir });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toBe("");
    expect(reset.stderr).toMatch(/^✓ Reset the demo: forgot its saved tickets .*state\/demo.*; the next run starts from fresh sample tickets\n$/);
    expect(existsSync(state)).toBe(false);
    const again = await runCli(["demo", "reset", "--json"], { configDir: dir });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ reset: false, removed: [] });
    expect(again.stderr).toBe("✓ The demo had nothing saved; the next run starts from fresh sample tickets\n");
    const gone = await runCli(["-p", "demo", "show", ticketId], { configDir: dir });
    expect(gone.code).toBe(5); // the created ticket is forgotten
  }, SLOW);
});

describe("sandbox --port already in use", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it.each([[[]], [["--faults", "500:1"]]] as [string[]][])("one line and exit 2 (extra flags: %j)", async (extra) => {
    server = createServer();
    const port = await new Promise<number>((resolve) => server!.listen(0, "127.0.0.1", () => resolve((server!.address() as { port: number }).port)));
    const r = await runCli(["sandbox", "--vendor", "comm100", "--port", String(port), ...extra], { configDir: tempConfigDir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`ticket: --port ${port} is already in use on 127.0.0.1; choose another, or leave --port out for a free one\n`);
  });

  it("a port number out of range is a usage error too", async () => {
    const r = await runCli(["sandbox", "--vendor", "comm100", "--port", "70000"], { configDir: tempConfigDir() });
    expect(r).toMatchObject({ code: 2, stdout: "", stderr: 'ticket: --port takes a port number from 1 to 65535, not "70000"\n' });
  });
});

describe("the bin before `npm ci` or a build", () => {
  /** bin/ticket.js copied into a package folder of its own; `dist` copied in when asked. */
  function layout(withDist: boolean): string {
    const root = mkdtempSync(join(tmpdir(), "ticket-layout-"));
    cpSync(join(BIN, ".."), join(root, "bin"), { recursive: true }); // ticket.js and its package.json (CommonJS)
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "ticket", type: "module" }));
    if (withDist) cpSync(join(BIN, "..", "..", "dist"), join(root, "dist"), { recursive: true });
    return root;
  }
  function run(root: string): Promise<CliResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(root, "bin", "ticket.js"), "list"], { env: { PATH: process.env["PATH"] ?? "", HOME: root }, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  it("without dist/ nor node_modules: one line saying to run npm ci and npm run build, exit 1", async () => {
    const root = layout(false);
    const r = await run(root);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`ticket: ticket is not built yet: run \`npm ci\` and then \`npm run build\` in ${root}/\n`);
  });

  // dist/ is a bundle with the dependencies in it (scripts/build.mjs, issue 12 item 1): it needs no node_modules.
  it("with dist/ but no node_modules: the bundle carries its dependencies and runs, no module-not-found trace", async () => {
    const root = layout(true);
    const r = await run(root);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n").length).toBe(30); // the demo's first 30 tickets
    expect(r.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|\n\s+at /);
  });
});
