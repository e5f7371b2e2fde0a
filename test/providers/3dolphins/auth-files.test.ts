import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import { itemsOf } from "../../../src/providers/3dolphins/api.js";
import { isLoopbackHost, plainHttpWarning } from "../../../src/providers/3dolphins/auth.js";
import { threeDolphins } from "../../../src/providers/3dolphins/descriptor.js";
import { cleanFileLink } from "../../../src/providers/3dolphins/files.js";
import { closeBody, isOurMessage, nextStart, transferBody, uploadReplyText } from "../../../src/providers/3dolphins/guesses.js";

const BASE = "https://dolphin.example.com/dolphin/apiv1";
const TOKEN = "eyJhbGciOiJIUzI1NiJ9.sandbox.sig";

describe("3dolphins upload links never carry the token", () => {
  it("the doc's own sample (no URL, token appended) gives no link", () => {
    expect(cleanFileLink(`null?access_token=Bearer ${TOKEN}`, BASE, [TOKEN])).toEqual({ url: null, stripped: true });
  });

  it("strips access_token (raw space or encoded) and keeps other parameters", () => {
    expect(cleanFileLink(`${BASE}/graph/tickets/files/ab12/scan.pdf?access_token=Bearer ${TOKEN}`, BASE, [TOKEN])).toEqual({
      url: `${BASE}/graph/tickets/files/ab12/scan.pdf`,
      stripped: true,
    });
    expect(cleanFileLink(`${BASE}/f/x.png?v=2&access_token=Bearer%20${TOKEN}&dl=1#frag`, BASE, [TOKEN])).toEqual({
      url: `${BASE}/f/x.png?v=2&dl=1`,
      stripped: true,
    });
    expect(cleanFileLink(`${BASE}/f/x.png?ACCESS_TOKEN=${TOKEN}`, BASE, [TOKEN]).url).toBe(`${BASE}/f/x.png`);
  });

  it("resolves relative links against the profile's base URL", () => {
    expect(cleanFileLink("/dolphin/apiv1/files/x.png?access_token=Bearer abc", BASE, []).url).toBe("https://dolphin.example.com/dolphin/apiv1/files/x.png");
    expect(cleanFileLink({ url: "files/x.png" }, BASE, []).url).toBe(`${BASE}/files/x.png`);
  });

  it("drops a link that still carries the token anywhere else", () => {
    expect(cleanFileLink(`${BASE}/files/${TOKEN}/x.png`, BASE, [TOKEN]).url).toBeNull();
    expect(cleanFileLink(`${BASE}/files/x.png?sig=Bearer%20abcd`, BASE, []).url).toBeNull();
  });

  it("no data, no link", () => {
    expect(cleanFileLink(null, BASE, [])).toEqual({ url: null, stripped: false });
    expect(cleanFileLink("", BASE, [])).toEqual({ url: null, stripped: false });
  });
});

describe("3dolphins transport checks", () => {
  it("knows loopback hosts", () => {
    for (const h of ["localhost", "api.localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["0.0.0.0", "10.0.0.5", "dolphin.example.com", "127.0.0.1.nip.io"]) expect(isLoopbackHost(h), h).toBe(false);
  });

  it("warns for plain http off loopback, accepts https, refuses other schemes", () => {
    expect(plainHttpWarning("https://dolphin.example.com/dolphin/apiv1")).toBeNull();
    expect(plainHttpWarning("http://127.0.0.1:8080/dolphin/apiv1")).toBeNull();
    expect(plainHttpWarning("http://10.1.2.3/dolphin/apiv1")).toMatch(/unencrypted over plain http to 10\.1\.2\.3/);
    expect(() => plainHttpWarning("ftp://host/x")).toThrow(ConfigError);
    expect(() => plainHttpWarning("not a url")).toThrow(ConfigError);
  });
});

describe("3dolphins guesses and envelope data", () => {
  it("close and transfer bodies name the ticket, and close carries nothing the doc does not show", () => {
    expect(closeBody("42")).toEqual({ ticketNumber: "42" });
    expect(transferBody("42", "g1")).toEqual({ ticketNumber: "42", toGroup: "g1" });
  });

  it("pages end on a short page unless the server says hasMore; nextIndex is followed when it moves forward", () => {
    // The samples' metadata (hasMore false, nextIndex 0) beside a full page: keep going by offset.
    expect(nextStart({ hasMore: false, nextIndex: 0 }, 0, 50, 50)).toBe(50);
    expect(nextStart({ hasMore: false, nextIndex: 0 }, 50, 20, 50)).toBeNull();
    expect(nextStart({ hasMore: true, nextIndex: 50 }, 0, 50, 50)).toBe(50);
    // start as a page number: nextIndex says so.
    expect(nextStart({ hasMore: true, nextIndex: 1 }, 0, 50, 50)).toBe(1);
    // A server that caps count silently but says hasMore.
    expect(nextStart({ hasMore: true, nextIndex: 0 }, 0, 20, 50)).toBe(20);
    expect(nextStart({ hasMore: true, nextIndex: 20 }, 20, 0, 50)).toBeNull();
  });

  it("a record is our message only when it carries our text and is not the ticket's parent", () => {
    expect(isOurMessage({ parent: 1, message: "[message]" }, "Hello")).toBe(false);
    expect(isOurMessage({ parent: 1, message: "Hello" }, "Hello")).toBe(false);
    expect(isOurMessage({ parent: 0, message: "Hello" }, "Hello")).toBe(true);
    expect(isOurMessage({ message: "Hello " }, "Hello")).toBe(true);
  });

  it("upload reply text lists the links after the message", () => {
    expect(uploadReplyText("  Here  ", [{ name: "a.pdf", url: "u1" }])).toBe("Here\na.pdf: u1");
    expect(uploadReplyText(undefined, [{ name: "a.pdf", url: "u1" }, { name: "b", url: "u2" }])).toBe("a.pdf: u1\nb: u2");
  });

  it("list data: arrays, the samples' literal \"[]\", null, or one object", () => {
    expect(itemsOf([1, 2])).toEqual([1, 2]);
    expect(itemsOf("[]")).toEqual([]);
    expect(itemsOf(null)).toEqual([]);
    expect(itemsOf({ a: 1 })).toEqual([{ a: 1 }]);
  });
});

describe("3dolphins descriptor", () => {
  it("checks ticket numbers before any request: any visible text that stays in its path segment", () => {
    for (const ok of ["2509140012", "TCK-2024_001", "CAS-19-AW3702", "[ticketNumber]", "T.1", "é1"]) expect(threeDolphins.checkTicketId!(ok), ok).toBeNull();
    for (const bad of ["../graph/auth", "a/b", "..", ".", "a b", "x?y", "x#y", "50%", "a\\b", "x\u202e", "x".repeat(65)]) {
      expect(threeDolphins.checkTicketId!(bad), bad).toMatch(/up to 64 visible characters/);
    }
  });

  it("declares token (primary) and password secrets and the settings the provider reads", () => {
    expect(threeDolphins.secrets.map((s) => [s.name, s.primary ?? false])).toEqual([
      ["token", true],
      ["password", false],
    ]);
    expect(threeDolphins.settings.map((s) => s.name)).toEqual(["username", "replyAgent", "supervisorId"]);
    expect(threeDolphins.capabilities!.create.supported).toBe(false);
    expect(threeDolphins.capabilities!.merge.supported).toBe(false);
    // What 3Dolphins cannot carry: the command layer refuses these before an editor opens or anything is sent.
    expect(threeDolphins.capabilities!.reply.refusedFlags).toEqual(["--internal"]);
    expect(threeDolphins.capabilities!.upload.refusedFlags).toEqual(["--internal"]);
    expect(threeDolphins.capabilities!.close.refusedFlags).toEqual(["--comment"]);
    expect(threeDolphins.capabilities!.escalate.refusedFlags).toEqual(["--reason"]);
  });
});
