/**
 * Each variant of the Comm100 simulator serves one other plausible reading of the document
 * (src/sandbox/comm100/readings.ts): first proven with plain fetch, then the provider is shown to
 * get through it. The full contract also runs against every variant (test/contract/comm100.test.ts).
 */
import { afterEach, describe, expect, it } from "vitest";
import { MessageSchema } from "../../../src/model/schema.js";
import { startSimulator, VARIANTS, type Comm100Simulator } from "../../../src/sandbox/comm100/index.js";
import { collect, providerFor } from "../../helpers/provider.js";

let sim: Comm100Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(variant: string, tickets = 60) {
  sim = await startSimulator({ tickets, variant });
  return sim;
}

async function get(s: Comm100Simulator, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.baseUrl}/${path}`, { headers: { authorization: `Bearer ${s.credentials.secrets["token"]}` } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function postJson(s: Comm100Simulator, path: string, json: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(`${s.baseUrl}/${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${s.credentials.secrets["token"]}`, "content-type": "application/json" },
    body: JSON.stringify(json),
  });
  return { status: res.status, text: await res.text() };
}

const writesTo = (s: Comm100Simulator, path: string) => s.requests.filter((r) => r.method === "POST" && r.path === `/v4/${path}`);

describe("comm100 simulator variants", () => {
  it("lists exactly the variants this file covers", () => {
    expect([...VARIANTS].sort()).toEqual(
      ["bare-array", "base-relative-next", "bare-sublists", "empty-write-answers", "idless-write-answers", "includes-ignored", "put-keeps-omitted", "relative-next", "unknown-reference-404"].sort(),
    );
    expect(() => startSimulator({ variant: "nope" })).rejects.toThrow(/unknown Comm100 simulator variant "nope"/);
  });

  it("bare-array: the list is 'An array of Ticket' (line 98), paged by pageIndex; the provider walks it to the end", async () => {
    const s = await start("bare-array");
    const page = await get(s, "ticketing/tickets?pageSize=50");
    expect(Array.isArray(page.body)).toBe(true);
    expect(page.body).toHaveLength(50);
    const { provider } = await providerFor(s);
    s.requests.length = 0;
    const all = await collect(provider.list({}));
    expect(all).toHaveLength(60);
    expect(s.requests.map((r) => r.query["pageIndex"] ?? "1")).toEqual(["1", "2"]);
  });

  it("relative-next: nextPage is a path from the host root; the provider resolves it under its base URL", async () => {
    const s = await start("relative-next");
    expect((await get(s, "ticketing/tickets?pageSize=10")).body.nextPage).toMatch(/^\/v4\/ticketing\/tickets\?.*pageIndex=2/);
    const { provider } = await providerFor(s);
    expect(await collect(provider.list({}))).toHaveLength(60);
  });

  it("base-relative-next: nextPage is relative to the API base; the provider resolves it there", async () => {
    const s = await start("base-relative-next");
    expect((await get(s, "ticketing/tickets?pageSize=10")).body.nextPage).toMatch(/^ticketing\/tickets\?.*pageIndex=2/);
    const { provider } = await providerFor(s);
    s.requests.length = 0;
    expect(await collect(provider.list({}))).toHaveLength(60);
    expect(s.requests.map((r) => r.path)).toEqual(["/v4/ticketing/tickets", "/v4/ticketing/tickets"]);
  });

  it("empty-write-answers: creates answer 201 with no body; the provider reads the new objects back", async () => {
    const s = await start("empty-write-answers");
    const ticketId = String(s.state.tickets.find((t) => t.status !== "resolved")!.id);
    const raw = await postJson(s, "ticketing/notes", { ticketId: Number(ticketId), text: "raw" });
    expect(raw).toEqual({ status: 201, text: "" });
    const { provider } = await providerFor(s);
    const reply = await provider.reply!(ticketId, { body: "Your parcel left today.", internal: false });
    expect(() => MessageSchema.parse(reply)).not.toThrow();
    expect(reply.id).toMatch(/^5e1f0000-/);
    expect(reply).toMatchObject({ body: "Your parcel left today.", internal: false });
    expect(writesTo(s, "ticketing/messages")).toHaveLength(1);
    const note = await provider.reply!(ticketId, { body: "Customer called twice.", internal: true });
    expect(note).toMatchObject({ body: "Customer called twice.", internal: true });
    expect(note.id).toMatch(/^5e1f0000-/);
    const created = await provider.create!(s.fixtures.create!);
    expect(created.subject).toBe("Printer on fire");
    expect(Number(created.id)).toBeGreaterThan(1000);
    expect(writesTo(s, "ticketing/tickets")).toHaveLength(1);
  });

  it("idless-write-answers: creates answer an object without id; the provider reads the new objects back", async () => {
    const s = await start("idless-write-answers");
    const ticketId = String(s.state.tickets.find((t) => t.status !== "resolved")!.id);
    const raw = JSON.parse((await postJson(s, "ticketing/notes", { ticketId: Number(ticketId), text: "raw" })).text);
    expect(raw).toMatchObject({ text: "raw" });
    expect(raw).not.toHaveProperty("id");
    const { provider } = await providerFor(s);
    const reply = await provider.reply!(ticketId, { body: "Thanks!", internal: false });
    expect(reply.id).toMatch(/^5e1f0000-/);
    const created = await provider.create!({ ...s.fixtures.create!, subject: "Idless create" });
    expect(created).toMatchObject({ subject: "Idless create", requester: { id: s.fixtures.create!.requester } });
    expect(writesTo(s, "ticketing/tickets")).toHaveLength(1);
  });

  it("bare-sublists: messages and notes come as bare arrays; show reads both", async () => {
    const s = await start("bare-sublists");
    const withNote = s.state.notes[0]!.ticketId;
    expect(Array.isArray((await get(s, `ticketing/tickets/${withNote}/notes`)).body)).toBe(true);
    const { provider } = await providerFor(s);
    const d = await provider.show(String(withNote));
    expect(d.messages.some((m) => m.internal)).toBe(true);
  });

  it("includes-ignored: include= embeds nothing; show falls back to the messages endpoint and names stay null", async () => {
    const s = await start("includes-ignored");
    const id = s.fixtures.ticketId;
    const one = (await get(s, `ticketing/tickets/${id}?include=ticketingMessage,assignee`)).body;
    expect(one).not.toHaveProperty("messages");
    expect(one).not.toHaveProperty("assignee");
    const { provider } = await providerFor(s);
    s.requests.length = 0;
    const d = await provider.show(id);
    expect(d.messages.length).toBeGreaterThan(0);
    expect(s.requests.map((r) => r.path)).toContain(`/v4/ticketing/tickets/${id}/messages`);
  });

  it("put-keeps-omitted: a PUT keeps what it omits; assign still changes only the assignee", async () => {
    const s = await start("put-keeps-omitted");
    const { provider } = await providerFor(s);
    const before = await provider.show(s.fixtures.ticketId);
    const t = await provider.assign!(s.fixtures.ticketId, { assignee: s.fixtures.assigneeId });
    expect(t.assignee?.id).toBe(s.fixtures.assigneeId);
    const keep = (x: typeof t) => ({ subject: x.subject, status: x.status, priority: x.priority, team: x.team, requester: x.requester, channel: x.channel, tags: x.tags });
    expect(keep(t)).toEqual(keep(before));
  });

  it("unknown-reference-404: an unknown agent is a 404; the provider still says which agent (exit 5)", async () => {
    const s = await start("unknown-reference-404");
    const refused = await fetch(`${s.baseUrl}/ticketing/tickets/${s.fixtures.ticketId}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${s.credentials.secrets["token"]}`, "content-type": "application/json" },
      body: JSON.stringify({ subject: "x", channelId: "Email", contactOrVisitorId: s.fixtures.create!.requester, assigneeId: s.fixtures.missingAgentId }),
    });
    expect(refused.status).toBe(404);
    const { provider } = await providerFor(s);
    const err = (await provider.assign!(s.fixtures.ticketId, { assignee: s.fixtures.missingAgentId! }).catch((e: unknown) => e)) as { exitCode: number; message: string };
    expect(err.exitCode).toBe(5);
    expect(err.message).toBe(`Comm100 has no agent "${s.fixtures.missingAgentId}" (--to)`);
  });
});
