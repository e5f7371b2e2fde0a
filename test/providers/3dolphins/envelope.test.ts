/**
 * The 3Dolphins envelope's refusals (scripted server, real HTTP): a "status" other than "success"
 * on an HTTP 200 is the vendor saying no, so the error carries `vendorCode` (nothing happened, the
 * write is not reconciled as "maybe sent"), the vendor's text is scrubbed of credentials, a token
 * the envelope calls invalid is renewed once, and an answer of the wrong shape is a ZodError.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AuthError, NetworkError, NotFoundError, OperationError } from "../../../src/errors.js";
import { providerFor } from "../../helpers/provider.js";
import { scriptedServer, type Received, type ScriptedServer } from "./scripted-server.js";

const G = "/dolphin/apiv1/graph";
const TICKET = { ticketNumber: "T1", status: "Assigned", channelType: "webchat", subject: "s" };
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function against(answer: (r: Received) => unknown, secrets: Record<string, string> = { token: "env-token-value" }, settings: Record<string, string> = {}) {
  server = await scriptedServer((r) => ({ body: answer(r) }));
  return await providerFor(server.asSim(secrets, { replyAgent: "a1", ...settings }), { cacheRoot: mkdtempSync(join(tmpdir(), "t3d-env-")) });
}
const ok = (data: unknown) => ({ status: "success", data, hasMore: false, nextIndex: 0, prevIndex: 0, totalResults: 0 });

describe("3dolphins envelope refusals", () => {
  it("a refused sendMessage carries the vendor's code and words; it was sent once", async () => {
    const tp = await against((r) =>
      r.method === "GET" ? ok(TICKET) : { status: "failed", errorCode: "WC-Driver Exception", errorMessage: "User is no longer online we'll keep this message to his/her inbox", data: null },
    );
    const err = await tp.provider.reply!("T1", { body: "hi", internal: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OperationError);
    // The code and text are the update sample's own fields (vendor-docs line 166).
    expect(err).toMatchObject({ vendorCode: "WC-Driver Exception", message: "3Dolphins refused the request for ticket T1: User is no longer online we'll keep this message to his/her inbox" });
    expect(server!.received.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("without a code field, the envelope's status is the vendorCode", async () => {
    const tp = await against((r) => (r.method === "GET" ? ok(TICKET) : { status: "error", message: "Ticket is locked by another agent" }));
    const err = await tp.provider.close!("T1", {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ vendorCode: "error", message: "3Dolphins refused the request for ticket T1: Ticket is locked by another agent" });
  });

  it("vendor text is scrubbed of tokens before it reaches a message", async () => {
    const tp = await against(() => ({ status: "failed", message: "Access token expired: env-token-value (Bearer env-token-value)" }));
    const err = await tp.provider.show("T1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).not.toContain("env-token-value");
    expect((err as AuthError).vendorCode).toBe("failed");
  });

  it("an envelope calling the token invalid renews it once in password mode, then succeeds", async () => {
    let tokens = 0;
    const tp = await against(
      (r) => {
        if (r.path === `${G}/auth`) return { token: `issued-${++tokens}-abcdef`, expireAt: "2999-01-01T00:00:00.000+07:00[Asia/Jakarta]" };
        if (r.headers["authorization"] === "Bearer issued-1-abcdef") return { status: "failed", message: "Invalid access token" };
        return r.path.includes("/conversations/") ? ok([]) : ok(TICKET);
      },
      { password: "pw-123456" },
      { username: "agent1" },
    );
    const d = await tp.provider.show("T1");
    expect(d.id).toBe("T1");
    expect(server!.received.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${G}/auth`,
      `GET ${G}/tickets/T1`,
      `POST ${G}/auth`,
      `GET ${G}/tickets/T1`,
      `GET ${G}/tickets/conversations/T1`,
    ]);
  });

  it("an answer of the wrong shape is exit 1 naming the field, not a refusal and not a network failure", async () => {
    const tp = await against((r) => (r.method === "GET" ? ok(TICKET) : [{ unexpected: true }]));
    const err = await tp.provider.close!("T1", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OperationError);
    expect(err).not.toBeInstanceOf(NetworkError);
    expect((err as OperationError).vendorCode).toBeUndefined();
    const shapeless = await against(() => ok({ subject: "no number" }));
    const e2 = await shapeless.provider.show("T1").catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(OperationError);
    expect((e2 as Error).message).toMatch(/ticketNumber/);
  });

  it("unknown statuses and severities pass through as vendorStatus, never refused", async () => {
    const tp = await against((r) => (r.path.includes("/conversations/") ? ok([]) : ok({ ...TICKET, status: "Waiting Customer", severity: "Blocker" })));
    const d = await tp.provider.show("T1");
    expect(d).toMatchObject({ status: "open", vendorStatus: "Waiting Customer", priority: null });
  });
});

describe("3dolphins writes answered with success but not applied (undocumented bodies)", () => {
  it("close answered with the ticket still open: exit 1, nothing changed, refused right after the write", async () => {
    const tp = await against(() => ok({ ...TICKET, status: "Assigned" }));
    const err = await tp.provider.close!("T1", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OperationError);
    expect(err).toMatchObject({ vendorCode: "not-applied", message: expect.stringContaining("ticket T1 is not Closed: nothing changed") });
    // The ticket is read first (a missing one is exit 5 before any write); nothing after the write.
    expect(server!.received.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${G}/tickets/T1`, `PUT ${G}/tickets/update/close`]);
  });

  it("close answered without a ticket: the ticket is read back, and must be Closed", async () => {
    let closed = false;
    const tp = await against((r) => {
      if (r.method === "PUT") {
        closed = true;
        return ok(null);
      }
      return ok({ ...TICKET, status: closed ? "Closed" : "Assigned" });
    });
    expect((await tp.provider.close!("T1", {})).status).toBe("closed");
    expect(server!.received.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${G}/tickets/T1`, `PUT ${G}/tickets/update/close`, `GET ${G}/tickets/T1`]);
  });

  it("close of a ticket the vendor does not have: exit 5 before anything is written", async () => {
    const tp = await against((r) => (r.method === "GET" ? { status: "failed", message: "Ticket T9 not found", data: null } : ok({ ...TICKET, status: "Closed" })));
    const err = await tp.provider.close!("T9", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(server!.received.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${G}/tickets/T9`]);
  });

  it("a transfer whose answer names another group: exit 1; one that names none is read back and, if still unknown, warned about", async () => {
    const other = await against(() => ok({ ...TICKET, toGroup: "g-other" }));
    const err = await other.provider.assign!("T1", { team: "g-wanted" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ vendorCode: "not-applied", message: expect.stringContaining("is not in group g-wanted") });
    const silent = await against(() => ok(TICKET));
    const t = await silent.provider.assign!("T1", { team: "g-wanted" });
    expect(t.id).toBe("T1");
    expect(silent.logs).toContain("warning: 3Dolphins' answer does not show whether ticket T1 is in group g-wanted, so it could not be confirmed");
  });
});
