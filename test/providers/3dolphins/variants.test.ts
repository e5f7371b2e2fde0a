/**
 * The 3Dolphins simulator's variants (src/sandbox/3dolphins/readings.ts): what each serves on the
 * wire, and the provider holding up against it where that reading bites (the contract suite also
 * runs in full against every variant, test/contract/3dolphins.test.ts).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { NotFoundError, OperationError } from "../../../src/errors.js";
import { startSimulator, VARIANTS } from "../../../src/sandbox/3dolphins/index.js";
import type { Simulator } from "../../../src/sandbox/types.js";
import { collect, providerFor } from "../../helpers/provider.js";

const G = "/dolphin/apiv1/graph";
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(variant: string | undefined, tickets = 120): Promise<Simulator> {
  sim = await startSimulator({ tickets, ...(variant ? { variant } : {}) });
  return sim;
}
const getJson = async (s: Simulator, path: string) => {
  const res = await fetch(`${s.baseUrl}/graph/${path}`, { headers: { authorization: `Bearer ${s.credentials.secrets["token"]}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const aFile = () => {
  const path = join(mkdtempSync(join(tmpdir(), "t3d-var-")), "invoice.pdf");
  writeFileSync(path, "%PDF invoice");
  return { path, name: "invoice.pdf", size: 12 };
};

describe("3dolphins simulator variants", () => {
  it("lists its variants and refuses an unknown one", async () => {
    expect([...VARIANTS].sort()).toEqual(["bare-writes", "doc-literal", "http-errors", "page-number"]);
    await expect(startSimulator({ variant: "nope" })).rejects.toThrow(/unknown 3Dolphins simulator variant "nope"/);
  });

  it("doc-literal: paging metadata as every sample prints it, empty lists as \"[]\"; the provider pages to the short page", async () => {
    const s = await start("doc-literal", 100);
    const first = await getJson(s, "tickets?start=0&count=50");
    expect(first.body).toMatchObject({ status: "success", hasMore: false, nextIndex: 0, prevIndex: 0, totalResults: 0 });
    expect((first.body["data"] as unknown[]).length).toBe(50);
    expect((await getJson(s, "tickets?start=100&count=50")).body["data"]).toBe("[]");
    const tp = await providerFor(s);
    s.requests.length = 0;
    const all = await collect(tp.provider.list({}));
    expect(all).toHaveLength(100);
    expect(s.requests.map((r) => r.query["start"])).toEqual(["0", "50", "100"]);
    s.requests.length = 0;
    expect(await collect(tp.provider.list({ limit: 30 }))).toHaveLength(30);
    expect(s.requests.map((r) => r.query)).toEqual([{ start: "0", count: "30" }]);
  });

  it("doc-literal: the upload answer is the sample's \"null?access_token=Bearer <token>\": stored, not attached, no message, exit 1", async () => {
    const s = await start("doc-literal", 30);
    const tp = await providerFor(s);
    s.requests.length = 0;
    const err = await tp.provider.upload!(s.fixtures.ticketId, [aFile()], { message: "Invoice attached" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OperationError);
    expect((err as Error).message).toBe(
      `3Dolphins stored invoice.pdf but returned no usable link, so it could not be attached to ticket ${s.fixtures.ticketId}; no message was sent to the customer`,
    );
    expect((err as Error).message).not.toContain(s.credentials.secrets["token"]!);
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${G}/tickets/${s.fixtures.ticketId}`, `POST ${G}/tickets/files`]);
    const shown = await tp.provider.show(s.fixtures.ticketId);
    expect(shown.messages.some((m) => m.body.includes("Invoice attached"))).toBe(false);
  });

  it("page-number: start is a page number; the provider follows nextIndex", async () => {
    const s = await start("page-number");
    const second = await getJson(s, "tickets?start=1&count=50");
    expect(second.body).toMatchObject({ hasMore: true, nextIndex: 2, prevIndex: 0, totalResults: 120 });
    const tp = await providerFor(s);
    s.requests.length = 0;
    const all = await collect(tp.provider.list({}));
    expect(new Set(all.map((t) => t.id)).size).toBe(120);
    expect(s.requests.map((r) => r.query["start"])).toEqual(["0", "1", "2"]);
  });

  it("http-errors: refusals are Spring 4xx answers; the provider names what is missing and keeps the HTTP status", async () => {
    const s = await start("http-errors", 30);
    const missing = await getJson(s, `tickets/${s.fixtures.missingTicketId}`);
    expect(missing).toEqual({ status: 404, body: expect.objectContaining({ status: 404, error: "Not Found", message: `Ticket ${s.fixtures.missingTicketId} not found` }) });
    const tp = await providerFor(s);
    const gone = await tp.provider.show(s.fixtures.missingTicketId).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NotFoundError);
    expect((gone as NotFoundError).httpStatus).toBe(404);
    const agent = await tp.provider.assign!(s.fixtures.ticketId, { assignee: s.fixtures.missingAgentId! }).catch((e: unknown) => e);
    expect(agent).toBeInstanceOf(NotFoundError);
    expect((agent as Error).message).toBe(`3Dolphins has no agent "${s.fixtures.missingAgentId}" (Agent ${s.fixtures.missingAgentId} not found)`);
    await tp.provider.close!(s.fixtures.ticketId, {});
    const late = await tp.provider.reply!(s.fixtures.ticketId, { body: "too late", internal: false }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(OperationError);
    expect(late).toMatchObject({ httpStatus: 409, message: expect.stringContaining("is already closed") });
  });

  it("bare-writes: sendMessage answers the new bubble (taken for the message), update/* answer no ticket (read back)", async () => {
    const s = await start("bare-writes", 30);
    const tp = await providerFor(s);
    s.requests.length = 0;
    const msg = await tp.provider.reply!(s.fixtures.ticketId, { body: "Bare hello", internal: false });
    expect(msg.id).toMatch(/^[0-9a-f]{32}$/);
    expect(msg.author.name).toBeTruthy();
    s.requests.length = 0;
    const t = await tp.provider.close!(s.fixtures.ticketId, {});
    expect(t.status).toBe("closed");
    // Read first (a missing ticket is exit 5 before any write), then read back after the bare answer.
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${G}/tickets/${s.fixtures.ticketId}`, `PUT ${G}/tickets/update/close`, `GET ${G}/tickets/${s.fixtures.ticketId}`]);
  });
});
