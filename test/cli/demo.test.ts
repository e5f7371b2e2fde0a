/**
 * The built binary against the built-in demo profile: every verb works and changes what a
 * following `show` prints; output formats are what the README promises.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempConfigDir } from "../helpers/cli.js";

describe("ticket on the demo profile (spawned binary)", () => {
  let dir: string;
  const cli = (...args: string[]) => runCli(args, { configDir: dir });
  let open: { id: string; requester: { id: string } }[] = [];

  beforeAll(async () => {
    dir = tempConfigDir();
    const r = await cli("list", "--status", "new,open", "--json", "--limit", "5");
    expect(r.code).toBe(0);
    open = JSON.parse(r.stdout);
  });

  it("piped, prints demo tickets as plain tab-separated lines (no header, ISO dates) with a notice on stderr", async () => {
    const r = await cli("list", "--limit", "5");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(5); // no header line when piped (DESIGN.md section 4)
    for (const line of lines) {
      const cells = line.split("\t"); // id, status, priority, subject, assignee, requester, updated
      expect(cells, line).toHaveLength(7);
      expect(cells[0]).toMatch(/^\d+$/);
      expect(cells[6]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
    expect(r.stderr).toMatch(/built-in demo profile/);
    expect(r.stdout).not.toMatch(/\u001b\[/); // not a TTY: no color
  });

  it("--json is one parseable array of the normalized model; --ndjson one object per line; --csv a header", async () => {
    const j = await cli("list", "--json", "--limit", "3");
    const list = JSON.parse(j.stdout);
    expect(list).toHaveLength(3);
    expect(Object.keys(list[0]).sort()).toEqual(
      // The demo is Comm100, whose list answer gives the three timestamps of issue 13.
      ["assignee", "channel", "createdAt", "id", "number", "priority", "profile", "requester", "status", "subject", "tags", "team", "updatedAt", "lastCustomerMessageAt", "firstResponseAt", "resolvedAt", "vendor", "vendorStatus"].sort(),
    );
    const nd = await cli("list", "--ndjson", "--limit", "3", "--fields", "id,status");
    const rows = nd.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0])).toEqual(["id", "status"]);
    const csv = await cli("list", "--csv", "--limit", "2", "--fields", "id,subject");
    expect(csv.stdout.split("\r\n")[0]).toBe("id,subject");
    expect(csv.stdout.trim().split("\r\n")).toHaveLength(3);
  });

  it("rejects an unknown --fields name with exit 2 and lists the valid ones", async () => {
    const r = await cli("list", "--json", "--fields", "id,nope");
    expect(r.code).toBe(2);
    // --json: the error is one JSON object on stderr
    const line = r.stderr.split("\n").find((l) => l.startsWith("{"))!;
    const { error } = JSON.parse(line);
    expect(error).toMatchObject({ code: "usage", exitCode: 2, vendor: null, httpStatus: null });
    expect(error.message).toMatch(/unknown field "nope"; available: id, number, subject/);
    const plain = await cli("list", "--fields", "id,nope");
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/^ticket: unknown field "nope"/m);
  });

  it("--all streams every ticket", async () => {
    const r = await cli("list", "--all", "--json");
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(250);
  });

  it("create, then show and list see the new ticket; the state persists between runs", async () => {
    const c = await cli("create", "--subject", "Demo printer on fire", "--requester", open[0]!.requester.id, "--body", "It is burning", "--priority", "high", "--json");
    expect(c.code).toBe(0);
    const created = JSON.parse(c.stdout);
    expect(created.subject).toBe("Demo printer on fire");
    expect(c.stderr).toMatch(/✓ Created ticket/);
    const s = await cli("show", created.id);
    expect(s.stdout).toContain("Demo printer on fire");
    expect(s.stdout).toContain("It is burning");
    const l = await cli("list", "--json", "--query", "printer on fire");
    expect(JSON.parse(l.stdout).map((t: { id: string }) => t.id)).toContain(created.id);
  });

  it("assign, escalate, reply, close and merge all change what show prints", async () => {
    const id = open[1]!.id;
    const agents = JSON.parse((await cli("list", "--all", "--json", "--fields", "assignee")).stdout)
      .map((t: { assignee: { id: string } | null }) => t.assignee?.id)
      .filter(Boolean);
    const agent = agents[0] as string;

    expect((await cli("assign", id, "--to", agent, "-q")).stdout.trim()).toBe(id);
    expect(JSON.parse((await cli("show", id, "--json")).stdout).assignee.id).toBe(agent);

    expect((await cli("escalate", id, "--reason", "VIP")).code).toBe(0);
    const esc = JSON.parse((await cli("show", id, "--json")).stdout);
    expect(esc.priority).toBe("urgent");
    expect(esc.messages.some((m: { body: string; internal: boolean }) => m.internal && m.body === "Escalated: VIP")).toBe(true);

    const rep = await cli("reply", id, "--body", "We are on it");
    expect(rep.code).toBe(0);
    expect(rep.stdout).toContain("We are on it");
    expect((await cli("show", id)).stdout).toContain("We are on it");

    const note = await cli("reply", id, "--internal", "--body-file", "-");
    expect(note.code).toBe(2); // empty stdin: nothing to send
    const note2 = await runCli(["reply", id, "--internal", "--body-file", "-"], { configDir: dir, input: "Internal remark\n" });
    expect(note2.code).toBe(0);
    expect((await cli("show", id)).stdout).toMatch(/internal note[\s\S]*Internal remark/);

    expect((await cli("close", id)).stderr).toMatch(/✓ Resolved ticket/);
    expect(JSON.parse((await cli("show", id, "--json")).stdout).status).toBe("resolved");

    const source = open[2]!.id;
    expect((await cli("merge", "--yes", id, source)).code).toBe(0);
    const ids = JSON.parse((await cli("list", "--all", "--json", "--fields", "id")).stdout).map((t: { id: string }) => t.id);
    expect(ids).not.toContain(source);
  }, 120_000); // a dozen spawned runs in a row: generous on a loaded 2-core machine

  it("--dry-run prints the write and sends nothing", async () => {
    const id = open[3]!.id;
    const r = await cli("close", id, "--dry-run");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^PUT http://127\\.0\\.0\\.1:\\d+/v4/ticketing/tickets/${id}\n`));
    expect(r.stdout).toMatch(/^authorization: \*\*\*$/m);
    expect(r.stdout).toMatch(/"status": "(resolved|closed)"/);
    expect(r.stderr).toMatch(/dry run: 1 request planned; nothing was sent/);
    expect(JSON.parse((await cli("show", id, "--json")).stdout).status).not.toBe("resolved");
  });

  it("strips terminal escapes from customer text in tables, keeps them escaped in JSON", async () => {
    const evil = "Hi \u001b]0;pwned\u0007\u001b[31mred\u001b[0m \u202eevil\u001b]8;;http://x\u0007link\u001b]8;;\u0007";
    const c = await cli("create", "--subject", evil, "--requester", open[0]!.requester.id, "-q");
    const id = c.stdout.trim();
    const table = await cli("show", id);
    expect(table.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(table.stdout).toContain("Hi red evillink");
    const json = await cli("show", id, "--json");
    expect(json.stdout).toContain("\\u001b]0;pwned\\u0007");
    expect(json.stdout).toContain("\\u202e");
    expect(JSON.parse(json.stdout).subject).toBe(evil);
  });

  it("the explicit demo profile works even when other profiles exist", async () => {
    const d2 = tempConfigDir();
    await runCli(["profile", "add", "work", "--vendor", "comm100", "--base-url", "https://api15.comm100.io/v4", "--token-env", "X_TOKEN"], { configDir: d2 });
    const r = await runCli(["--profile", "demo", "list", "--limit", "1", "--json"], { configDir: d2 });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].profile).toBe("demo");
  });
});
