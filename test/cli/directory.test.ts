/**
 * The directory (issue 11 item 5): `ticket agents | teams | contacts` through the built binary
 * against each vendor's simulator (over real HTTP), the per-profile cache the completions read,
 * and resolveRef (names and emails given to --to / --team / --requester) against the same
 * simulators. Sobot (get_data_dict) and Zaia (ticketing-teams) serve their own directory; the
 * rest is read from recent tickets. A TTY run says so on stderr (tmux, private socket).
 */
import { readFileSync, statSync, writeFileSync, mkdirSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resolvePaths } from "../../src/config/paths.js";
import type { Deps, ResolvedProvider } from "../../src/deps.js";
import { directory, findContacts, resolveRef } from "../../src/directory/index.js";
import { NotFoundError } from "../../src/errors.js";
import type { VendorName } from "../../src/model/enums.js";
import { VENDOR_DESCRIPTORS } from "../../src/providers/registry.js";
import type { Simulator } from "../../src/sandbox/types.js";
import { BIN, runCli, tempConfigDir } from "../helpers/cli.js";
import { addSandboxProfile } from "../helpers/sandbox-profile.js";
import { providerFor } from "../helpers/provider.js";
import { hasTmux, TtySession } from "../helpers/tmux.js";

interface Row {
  id: string;
  name: string | null;
  email?: string | null;
  phone?: string | null;
}
interface ListedTicket {
  id: string;
  assignee: { id: string | null; name: string | null } | null;
  team: { id: string; name: string | null } | null;
  requester: { id: string | null; name: string | null; email: string | null } | null;
}

const mode = (path: string) => statSync(path).mode & 0o777;

/** A simulator and a profile for it, added the way `ticket sandbox` prints it. */
async function sandbox(vendor: VendorName) {
  const d = VENDOR_DESCRIPTORS[vendor];
  const sim = await (await d.loadSimulator!()).startSimulator({ tickets: 40 });
  const dir = tempConfigDir();
  const { env } = await addSandboxProfile(vendor, sim, { configDir: dir });
  const profile = `sandbox-${vendor}`;
  const run = (args: string[], extra: Record<string, string> = {}) => runCli(["-p", profile, ...args], { configDir: dir, env: { ...env, ...extra } });
  const cacheOf = (kind: string) => join(dir, "cache", profile, `directory-${kind}.json`);
  return { sim, dir, env, profile, run, cacheOf };
}

/** Which vendors serve which list from their own documented endpoint (the path the simulator sees). */
const ENDPOINT: Record<VendorName, { agents?: RegExp; teams?: RegExp }> = {
  sobot: { agents: /\/get_data_dict$/, teams: /\/get_data_dict$/ },
  zaia: { teams: /^\/api\/v1\/ticketing-teams$/ },
  comm100: {},
  "3dolphins": {},
};
/** The ticket-list paths of each simulator: a directory from recent tickets reads these. */
const LIST_PATH: Record<VendorName, RegExp> = {
  sobot: /\/query_tickets/,
  zaia: /^\/api\/v1\/tickets\/details$/,
  comm100: /ticketing\/tickets$/,
  "3dolphins": /\/graph\/tickets(\/assignment|\/priority)?$/,
};

describe.each(["comm100", "3dolphins", "sobot", "zaia"] as const)("%s: ticket agents, teams, contacts", (vendor) => {
  let s: Awaited<ReturnType<typeof sandbox>>;
  let tickets: ListedTicket[];
  beforeAll(async () => {
    s = await sandbox(vendor);
    const r = await s.run(["list", "--all", "--json", "--fields", "id,assignee,team,requester"]);
    expect(r.code, r.stderr).toBe(0);
    tickets = JSON.parse(r.stdout) as ListedTicket[];
  }, 60_000);
  afterAll(async () => {
    await s?.sim.close();
  });
  beforeEach(() => {
    s.sim.requests.length = 0;
  });

  it("agents --json: {id, name, email} each, from the vendor's directory where documented, else the assignees of recent tickets; cached 0600", async () => {
    const r = await s.run(["agents", "--json"], { TICKET_DIRECTORY_TTL: "600" });
    expect(r.code, r.stderr).toBe(0);
    const agents = JSON.parse(r.stdout) as Row[];
    expect(agents.length).toBeGreaterThan(0);
    for (const a of agents) expect(Object.keys(a).sort()).toEqual(["email", "id", "name"]);
    const paths = s.sim.requests.map((q) => q.path);
    if (ENDPOINT[vendor].agents) {
      expect(paths.some((p) => ENDPOINT[vendor].agents!.test(p))).toBe(true);
      expect(paths.some((p) => LIST_PATH[vendor].test(p))).toBe(false);
    } else {
      expect(paths.some((p) => LIST_PATH[vendor].test(p))).toBe(true);
      const assignees = new Map(tickets.flatMap((t) => (t.assignee?.id ? [[t.assignee.id, t.assignee.name] as const] : [])));
      for (const a of agents) {
        expect(assignees.has(a.id), `${a.id} is an assignee`).toBe(true);
        expect(a.name).toBe(assignees.get(a.id) ?? null);
      }
    }
    // The cache the completions read: an array of {id, name, email}, owner-only.
    const file = s.cacheOf("agents");
    expect(mode(file)).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(agents.map((a) => ({ id: a.id, name: a.name, email: a.email ?? null })));
  });

  it("a second run within the TTL asks the vendor nothing; TICKET_DIRECTORY_TTL=0 asks again", async () => {
    const first = await s.run(["agents", "--json"]);
    expect(first.code, first.stderr).toBe(0);
    s.sim.requests.length = 0;
    const second = await s.run(["agents", "--json"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(s.sim.requests).toHaveLength(0);
    const third = await s.run(["agents", "--json"], { TICKET_DIRECTORY_TTL: "0" });
    expect(third.code, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout)).toEqual(JSON.parse(first.stdout));
    expect(s.sim.requests.length).toBeGreaterThan(0);
  });

  it("the cached agent names are what `ticket __complete agents` offers", async () => {
    const r = await s.run(["agents", "--json"]);
    const agents = JSON.parse(r.stdout) as Row[];
    const c = await runCli(["__complete", "agents", "--", "ticket", "-p", s.profile, "assign", "1", "--to", ""], { configDir: s.dir });
    expect(c.code).toBe(0);
    const offered = c.stdout.split("\n").filter(Boolean);
    for (const a of agents) expect(offered).toContain(a.name ?? a.email ?? a.id);
  });

  it("teams --json: the vendor's teams where documented, else the teams of recent tickets", async () => {
    const r = await s.run(["teams", "--json"], { TICKET_DIRECTORY_TTL: "0" });
    expect(r.code, r.stderr).toBe(0);
    const teams = JSON.parse(r.stdout) as Row[];
    expect(teams.length).toBeGreaterThan(0);
    for (const t of teams) expect(Object.keys(t).sort()).toEqual(["id", "name"]);
    const paths = s.sim.requests.map((q) => q.path);
    if (ENDPOINT[vendor].teams) {
      expect(paths.some((p) => ENDPOINT[vendor].teams!.test(p))).toBe(true);
      expect(paths.some((p) => LIST_PATH[vendor].test(p))).toBe(false);
      expect(teams.every((t) => t.name)).toBe(true);
    } else {
      const seen = new Set(tickets.flatMap((t) => (t.team?.id ? [t.team.id] : [])));
      for (const t of teams) expect(seen.has(t.id), `${t.id} is a ticket's team`).toBe(true);
    }
  });

  it("contacts --query: the requesters whose name or email contains the text (case ignored)", async () => {
    const someone = tickets.find((t) => t.requester?.email)?.requester;
    expect(someone, "a requester with an email").toBeTruthy();
    const part = someone!.email!.split("@")[0]!.toUpperCase();
    const r = await s.run(["contacts", "--query", part, "--json"], { TICKET_DIRECTORY_TTL: "0" });
    expect(r.code, r.stderr).toBe(0);
    const found = JSON.parse(r.stdout) as Row[];
    expect(found.map((c) => c.email)).toContain(someone!.email);
    for (const c of found) expect(`${c.name} ${c.email} ${c.id}`.toLowerCase()).toContain(part.toLowerCase());
    const none = await s.run(["contacts", "--query", "no-such-person-zz", "--json"]);
    expect(none.code, none.stderr).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it("piped: one tab-separated line per agent, id first, and no note on stderr", async () => {
    const r = await s.run(["agents"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    const cached = JSON.parse(readFileSync(s.cacheOf("agents"), "utf8")) as Row[];
    expect(lines.map((l) => l.split("\t")[0])).toEqual(cached.map((a) => a.id));
  });
});

/** What resolveRef needs of Deps: the cache folder, the clock, the environment and stderr. */
function depsFor(dir: string, env: Record<string, string> = {}): Deps & { errors: string[] } {
  const errors: string[] = [];
  const io = { out: () => {}, err: (t: string) => errors.push(t), isTTY: false, errIsTTY: false, colorLevel: 0, columns: 80, canPrompt: false, closed: new AbortController().signal, flush: async () => {} };
  return { io, env, now: () => new Date(), paths: resolvePaths({ TICKET_CONFIG_DIR: dir }), globals: {}, cleanup: [], errors } as unknown as Deps & { errors: string[] };
}

async function resolvedFor(sim: Simulator, name: string): Promise<ResolvedProvider> {
  const { provider, ctx } = await providerFor(sim, { name });
  return { provider, profile: ctx.profile, descriptor: VENDOR_DESCRIPTORS[sim.vendor] };
}

function writeAgentsCache(dir: string, profile: string, rows: Row[]): string {
  const file = join(dir, "cache", profile, "directory-agents.json");
  mkdirSync(join(dir, "cache", profile), { recursive: true });
  writeFileSync(file, JSON.stringify(rows), { mode: 0o600 });
  return file;
}

async function rejection(p: Promise<unknown>): Promise<NotFoundError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NotFoundError);
  expect((err as NotFoundError).exitCode).toBe(5);
  return err as NotFoundError;
}

describe("resolveRef on Comm100 (the directory from recent tickets)", () => {
  let sim: Simulator;
  let resolved: ResolvedProvider;
  beforeAll(async () => {
    sim = await (await VENDOR_DESCRIPTORS.comm100.loadSimulator!()).startSimulator({ tickets: 40 });
    resolved = await resolvedFor(sim, "c1");
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => {
    sim.requests.length = 0;
  });

  it("a guid passes through untouched, with no request", async () => {
    const deps = depsFor(tempConfigDir());
    expect(await resolveRef(deps, resolved, "agent", "1487FC9D-92e6-4487-a2e8-92e68d6892e6")).toBe("1487FC9D-92e6-4487-a2e8-92e68d6892e6");
    expect(sim.requests).toHaveLength(0);
  });

  it("a whole name or an email (any case) that one agent has gives its id; the list is then cached", async () => {
    const deps = depsFor(tempConfigDir());
    const agents = await directory(deps, resolved, "agent");
    const ana = agents.find((a) => a.name && a.email)!;
    expect(await resolveRef(deps, resolved, "agent", ` ${ana.name!.toUpperCase()} `)).toBe(ana.id);
    sim.requests.length = 0;
    expect(await resolveRef(deps, resolved, "agent", ana.email!)).toBe(ana.id);
    expect(sim.requests).toHaveLength(0);
  });

  it("a requester's email gives the contact's id; a department's name its id", async () => {
    const deps = depsFor(tempConfigDir());
    const all = (await findContacts(deps, resolved, undefined)).entries.filter((c) => c.id && c.email);
    expect(all.length).toBeGreaterThan(0);
    expect(await resolveRef(deps, resolved, "contact", all[0]!.email!)).toBe(all[0]!.id);
    const teams = (await directory(deps, resolved, "team")).filter((t) => t.name);
    const unique = teams.find((t) => teams.filter((x) => x.name!.toLowerCase() === t.name!.toLowerCase()).length === 1)!;
    expect(await resolveRef(deps, resolved, "team", unique.name!)).toBe(unique.id);
  });

  it("an unknown name is exit 5 naming the candidates (close ones first), after reading a stale cache again", async () => {
    const dir = tempConfigDir();
    const deps = depsFor(dir);
    const agents = await directory(deps, resolved, "agent");
    // A cache that knows only one agent: a name it lacks makes the directory read the tickets again.
    writeAgentsCache(dir, "c1", [{ id: agents[0]!.id, name: agents[0]!.name ?? null, email: null }]);
    const other = agents[1]!;
    sim.requests.length = 0;
    expect(await resolveRef(deps, resolved, "agent", other.name!)).toBe(other.id);
    expect(sim.requests.length).toBeGreaterThan(0);

    const err = await rejection(resolveRef(deps, resolved, "agent", "Nobody Here"));
    expect(err.message).toMatch(/^no agent "Nobody Here" \(--to\) among the assignees of Comm100's recent tickets; known: /);
    expect(err.message).toContain(`${agents[0]!.name}`);
    expect(err.message).toContain(`(${agents[0]!.id})`);
    const surname = other.name!.split(" ").pop()!;
    const close = await rejection(resolveRef(deps, resolved, "agent", surname.toLowerCase()));
    expect(close.message).toContain("; close: ");
    expect(close.message).toContain(other.id);
  });

  it("a name two agents share is exit 5 naming both ids", async () => {
    const dir = tempConfigDir();
    const deps = depsFor(dir);
    const file = writeAgentsCache(dir, "c1", [
      { id: "aaaaaaaa-0000-4000-8000-000000000001", name: "Sam Lee", email: "sam.lee@a.example" },
      { id: "aaaaaaaa-0000-4000-8000-000000000002", name: "Sam Lee", email: "sam.lee@b.example" },
    ]);
    utimesSync(file, new Date(), new Date());
    const err = await rejection(resolveRef(deps, resolved, "agent", "sam lee"));
    expect(err.message).toMatch(/several agents match "sam lee" \(--to\)/);
    expect(err.message).toContain("aaaaaaaa-0000-4000-8000-000000000001");
    expect(err.message).toContain("aaaaaaaa-0000-4000-8000-000000000002");
    expect(sim.requests).toHaveLength(0);
    // The email tells them apart.
    expect(await resolveRef(deps, resolved, "agent", "sam.lee@b.example")).toBe("aaaaaaaa-0000-4000-8000-000000000002");
  });
});

describe("resolveRef on Sobot and Zaia (the vendor's directory)", () => {
  it("Sobot: an agent's name gives its agentid from get_data_dict; an agentid passes with no request", async () => {
    const sim = await (await VENDOR_DESCRIPTORS.sobot.loadSimulator!()).startSimulator({ tickets: 10 });
    try {
      const resolved = await resolvedFor(sim, "s1");
      const state = sim.exportState() as { agents: { agentid: string; agent_name: string }[]; groups: { groupid: string; group_name: string }[] };
      const deps = depsFor(tempConfigDir());
      const agent = state.agents.find((a) => state.agents.filter((x) => x.agent_name === a.agent_name).length === 1)!;
      sim.requests.length = 0;
      expect(await resolveRef(deps, resolved, "agent", agent.agent_name)).toBe(agent.agentid);
      expect(sim.requests.some((r) => r.path.endsWith("/get_data_dict"))).toBe(true);
      expect(sim.requests.some((r) => r.path.includes("query_tickets"))).toBe(false);
      expect(await resolveRef(deps, resolved, "team", state.groups[0]!.group_name)).toBe(state.groups[0]!.groupid);
      sim.requests.length = 0;
      expect(await resolveRef(deps, resolved, "agent", agent.agentid)).toBe(agent.agentid);
      expect(sim.requests).toHaveLength(0);
      const err = await rejection(resolveRef(deps, resolved, "team", "Nowhere"));
      expect(err.message).toMatch(/among Sobot's teams; known: /);
    } finally {
      await sim.close();
    }
  });

  it("Zaia: a team's name gives its id from ticketing-teams; `me` and UUIDs pass through", async () => {
    const sim = await (await VENDOR_DESCRIPTORS.zaia.loadSimulator!()).startSimulator({ tickets: 10 });
    try {
      const resolved = await resolvedFor(sim, "z1");
      const state = sim.exportState() as { teams: { id: string; name: string }[] };
      const deps = depsFor(tempConfigDir());
      sim.requests.length = 0;
      expect(await resolveRef(deps, resolved, "agent", "me")).toBe("me");
      expect(await resolveRef(deps, resolved, "team", state.teams[0]!.id)).toBe(state.teams[0]!.id);
      expect(sim.requests).toHaveLength(0);
      expect(await resolveRef(deps, resolved, "team", state.teams[1]!.name.toLowerCase())).toBe(state.teams[1]!.id);
      expect(sim.requests.map((r) => r.path)).toContain("/api/v1/ticketing-teams");
    } finally {
      await sim.close();
    }
  });
});

if (!hasTmux) console.warn("tmux is not installed: the directory's terminal test is skipped");

describe.skipIf(!hasTmux)("on a terminal", () => {
  let s: Awaited<ReturnType<typeof sandbox>>;
  let tty: TtySession | undefined;
  beforeAll(async () => {
    s = await sandbox("3dolphins");
  }, 60_000);
  afterAll(async () => {
    tty?.close();
    await s?.sim.close();
  });

  it("ticket agents prints a table and says on stderr that the list comes from recent tickets", async () => {
    tty = new TtySession(120, 30);
    tty.start([process.execPath, BIN, "-p", s.profile, "agents"], { ...s.env, TICKET_CONFIG_DIR: s.dir, HOME: s.dir });
    const screen = (await tty.waitFor(/EXIT=\d+/, 30_000)).replace(/\x1b\[[0-9;]*m/g, "");
    expect(screen).toContain("EXIT=0");
    expect(screen).toMatch(/ID\s+NAME\s+EMAIL/);
    expect(screen).toContain("3Dolphins documents no agent directory: these are the assignees of the 200 most recent tickets");
    const cached = JSON.parse(readFileSync(s.cacheOf("agents"), "utf8")) as Row[];
    for (const a of cached) expect(screen).toContain(a.id);
  }, 40_000);
});
