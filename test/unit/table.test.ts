/** The people's table (src/render/table.ts): fitted to io.columns, ids whole, colors only at a color level. */
import { beforeAll, describe, expect, it } from "vitest";
import { loadColors } from "../../src/render/color.js";
import type { IO } from "../../src/io.js";
import type { Ticket } from "../../src/model/types.js";
import { DEFAULT_TICKET_COLUMNS } from "../../src/render/fields.js";
import { displayWidth } from "../../src/render/format.js";
import { renderTable } from "../../src/render/table.js";

// Renderers paint with chalk, which a run loads only when it has color (src/main.ts).
beforeAll(loadColors);

const now = new Date("2026-11-23T14:03:00Z");
const SGR = /\u001b\[[0-9;]*m/g;

function io(columns: number, colorLevel: 0 | 1 | 2 | 3 = 0): IO {
  return { out: () => {}, err: () => {}, isTTY: true, errIsTTY: true, colorLevel, columns, canPrompt: false, closed: new AbortController().signal, flush: async () => {} };
}

const ticket = (id: string, subject: string, over: Partial<Ticket> = {}): Record<string, unknown> =>
  ({
    id,
    number: null,
    subject,
    status: "open",
    vendorStatus: "Open",
    priority: "urgent",
    assignee: { id: "a1", name: "Quinn Kowalski-Andersson", email: null },
    team: null,
    requester: { id: "r1", name: "Budi Haddad", email: "budi@example.com", phone: null },
    channel: "Email",
    tags: [],
    createdAt: "2026-11-20T08:00:00Z",
    updatedAt: "2026-11-23T03:03:00Z",
    vendor: "sobot",
    profile: "work",
    ...over,
  }) as unknown as Record<string, unknown>;

const rows = [
  ticket("621ec49559934841af5a3810e5dc27e9", "Refund for a duplicate charge on the November invoice"),
  ticket("69a2736b781948909f725b26707a5714", "退款申请：重复扣款，请尽快处理，谢谢您的帮助", { status: "resolved", priority: "low" }),
];

describe("renderTable on a terminal", () => {
  it.each([60, 80, 120, 200])("at %i columns: no line wider, no trailing spaces, ids whole, one line per row", (width) => {
    const out = renderTable(io(width), rows, DEFAULT_TICKET_COLUMNS, now);
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(displayWidth(line)).toBeLessThanOrEqual(width);
      expect(line).toBe(line.trimEnd());
    }
    expect(lines[1]!.startsWith("621ec49559934841af5a3810e5dc27e9  ")).toBe(true);
    expect(lines[2]!.startsWith("69a2736b781948909f725b26707a5714  ")).toBe(true);
  });

  it("narrow: columns dropped, subject cut with … and wider than the names shown", () => {
    const out = renderTable(io(80), rows, DEFAULT_TICKET_COLUMNS, now);
    const header = out.split("\n")[0]!;
    expect(header).toMatch(/^ID\s+STATUS\s+PRIORITY\s+SUBJECT/);
    expect(header).not.toContain("REQUESTER");
    expect(out).toContain("…");
  });

  it("wide: every default column, dates long", () => {
    const out = renderTable(io(200), rows, DEFAULT_TICKET_COLUMNS, now);
    expect(out.split("\n")[0]).toMatch(/^ID\s+STATUS\s+PRIORITY\s+SUBJECT\s+ASSIGNEE\s+REQUESTER\s+UPDATED$/);
    expect(out).toContain("Quinn Kowalski-Andersson");
    expect(out).toContain("11 hours ago");
  });

  it("status and priority colored at a color level, none at level 0", () => {
    const colored = renderTable(io(120, 2), rows, DEFAULT_TICKET_COLUMNS, now);
    expect(colored).toContain("\u001b[33mopen\u001b[39m");
    expect(colored).toContain("\u001b[32mresolved\u001b[39m");
    expect(colored).toMatch(/\u001b\[31m\u001b\[1murgent|\u001b\[1m\u001b\[31murgent/);
    for (const line of colored.trimEnd().split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(120);
    expect(renderTable(io(120, 0), rows, DEFAULT_TICKET_COLUMNS, now)).not.toMatch(SGR);
  });

  it("nested values in a --fields cell are key: value text, not JSON", () => {
    const row = { ...ticket("7", "s"), customFields: { order: { number: 77407, paid: true } }, messages: [{}, {}] };
    const out = renderTable(io(200), [row], ["id", "customFields", "messages"], now);
    expect(out).toContain("order: (number: 77407, paid: true)");
    expect(out).toContain("2 messages");
    expect(out).not.toContain("{");
  });
});
