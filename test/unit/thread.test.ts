/** The `show` view (src/render/thread.ts): wrapped, named, dated, notes marked, HTML as text, fields whole. */
import { beforeAll, describe, expect, it } from "vitest";
import { loadColors } from "../../src/render/color.js";
import type { IO } from "../../src/io.js";
import type { Message, TicketDetail } from "../../src/model/types.js";
import { displayWidth } from "../../src/render/format.js";
import { authorLabel, renderDetail, renderMessage } from "../../src/render/thread.js";

// Renderers paint with chalk, which a run loads only when it has color (src/main.ts).
beforeAll(loadColors);

beforeAll(() => {
  process.env["TZ"] = "UTC";
});

const now = new Date("2026-11-23T14:03:00Z");
const SGR = /\u001b\[[0-9;]*m/g;

function io(columns: number, colorLevel: 0 | 2 = 0): IO {
  return { out: () => {}, err: () => {}, isTTY: true, errIsTTY: true, colorLevel, columns, canPrompt: false, closed: new AbortController().signal, flush: async () => {} };
}

const msg = (over: Partial<Message>): Message => ({
  id: "m",
  author: { type: "agent", id: null, name: null },
  body: "",
  internal: false,
  createdAt: "2026-11-20T14:03:00Z",
  attachments: [],
  ...over,
});

const LONG = "Could you send us the order number and the email address on the account, and a screenshot of the page where the error appears? We will look into it right away.";

const detail: TicketDetail = {
  id: "621ec49559934841af5a3810e5dc27e9",
  number: "20261120000002",
  subject: "Refund for a duplicate charge",
  status: "pending",
  vendorStatus: "Waiting",
  priority: "high",
  assignee: { id: "8e8a0838-a323-45f0-a33b-9d1aa32d1ffb", name: "Ana Wijaya", email: null },
  team: { id: "t1", name: "Billing" },
  requester: { id: "c1", name: "Budi Haddad", email: "budi@example.com", phone: null },
  channel: "Email",
  tags: ["refund-requests-priority-queue", "billing", "vip-customer-since-2019"],
  createdAt: "2026-11-20T14:03:00Z",
  updatedAt: "2026-11-23T13:03:00Z",
  vendor: "sobot",
  profile: "work",
  customFields: { "Order number": "77407", "A rather long custom field label for the shipping method": "Express", responder: { id: "65d5", entity: "agents", name: "Max" } },
  attachments: [],
  messages: [
    msg({ author: { type: "customer", id: "c1", name: "Budi Haddad" }, body: "<p>Hello <b>team</b>,</p><p>I was charged twice &amp; need a refund.</p>" }),
    msg({ author: { type: "agent", id: "8e8a0838-a323-45f0-a33b-9d1aa32d1ffb", name: null }, body: "VIP: handle with care.", internal: true, createdAt: "2026-11-21T09:00:00Z" }),
    msg({ author: { type: "agent", id: "0000-unknown-agent", name: null }, body: LONG, createdAt: "2026-11-23T13:03:00Z" }),
  ],
};

describe("renderDetail", () => {
  it.each([60, 80, 120])("at %i columns: every line fits, the long body wrapped", (width) => {
    for (const level of [0, 2] as const) {
      const out = renderDetail(io(width, level), detail, now);
      for (const line of out.split("\n")) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    }
    const plain = renderDetail(io(width), detail, now);
    expect(plain.replace(/\s+/g, " ")).toContain(LONG);
    expect(plain).not.toContain(LONG); // wrapped onto several lines
  });

  it("authors by name (resolved from the ticket when the message has only an id), else the id once", () => {
    const out = renderDetail(io(120), detail, now);
    expect(out).toContain("── Budi Haddad (customer) · 2026-11-20 14:03 (3 days ago)");
    expect(out).toContain("── Ana Wijaya (agent) · internal note · 2026-11-21 09:00 (2 days ago)");
    expect(out).toContain("── 0000-unknown-agent (agent) · 2026-11-23 13:03 (1 hour ago)");
    expect(out.match(/0000-unknown-agent/g)).toHaveLength(1);
    expect(authorLabel(msg({ author: { type: "bot", id: "Bot", name: "Bot" } }))).toBe("Bot");
    // An unnamed author's id: whole the first time, short after that.
    const uuid = "5e1f0000-0000-4000-8000-000000000001";
    const twice = renderDetail(io(120), { ...detail, messages: [msg({ author: { type: "agent", id: uuid, name: null } }), msg({ author: { type: "agent", id: uuid, name: null } })] }, now);
    expect(twice).toContain(`── ${uuid} (agent)`);
    expect(twice).toContain("── 5e1f0000… (agent)");
    expect(twice.match(new RegExp(uuid, "g"))).toHaveLength(1);
  });

  it("HTML bodies as text; internal notes marked on every line", () => {
    const out = renderDetail(io(80), detail, now);
    expect(out).toContain("  Hello team,\n\n  I was charged twice & need a refund.");
    expect(out).not.toMatch(/<p>|&amp;/);
    expect(out).toContain("  │ VIP: handle with care.");
  });

  it("absolute and relative times; labels and custom fields whole; nested values as key: value lines", () => {
    const out = renderDetail(io(80), detail, now);
    expect(out).toContain("Created    2026-11-20 14:03 (3 days ago)");
    expect(out).toContain("#20261120000002  Refund for a duplicate charge");
    expect(out).toContain("ID         621ec49559934841af5a3810e5dc27e9");
    for (const tag of detail.tags) expect(out).toContain(tag);
    expect(out).toContain("Order number");
    expect(out).toContain("A rather long custom field label for the shipping method\n");
    expect(out).toMatch(/responder\s+id: 65d5\n\s+entity: agents\n\s+name: Max/);
    expect(out).not.toMatch(/[{}]/);
  });

  it("colors only at a color level; vendor text sanitized", () => {
    const evil: TicketDetail = { ...detail, subject: "Hi\u001b]0;pwned\u0007 there", messages: [msg({ body: "x\u001b[2Jy\u202ez" })] };
    const colored = renderDetail(io(80, 2), evil, now);
    expect(colored).toMatch(SGR);
    expect(colored.replace(SGR, "")).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(renderDetail(io(80), evil, now)).not.toContain("\u001b");
  });

  it("renderMessage: one message with its header, wrapped", () => {
    const out = renderMessage(io(40), msg({ author: { type: "agent", id: "a", name: "Ana" }, body: LONG, internal: true }), now);
    for (const line of out.trimEnd().split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(out.split("\n")[0]).toContain("Ana (agent) · internal note");
  });
});
