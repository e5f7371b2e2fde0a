/**
 * `ticket schema`: the JSON Schema of each machine-readable output shape, generated from the zod
 * models. Checked three ways: the printed schemas are well formed and complete; what the demo
 * actually prints (list, show, reply, an error) validates against them (a small JSON Schema
 * checker below, for the keywords zod emits); and the README's "Ticket keys" table names every
 * key of the ticket schema with the same type.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempConfigDir } from "../helpers/cli.js";

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  pattern?: string;
  minLength?: number;
  description?: string;
  title?: string;
  $schema?: string;
};

const NAMES = ["ticket", "message", "bulk-result", "error", "dry-run"];

/** Errors of `value` against `schema` (the subset of draft 2020-12 that zod's toJSONSchema writes). */
function validate(schema: Schema, value: unknown, at = "$"): string[] {
  const errors: string[] = [];
  if (schema.anyOf) {
    if (!schema.anyOf.some((s) => validate(s, value, at).length === 0)) errors.push(`${at}: matches no branch of anyOf`);
    return errors;
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;
    const ok = types.some((t) => t === actual || (t === "number" && actual === "integer"));
    if (!ok) return [`${at}: ${actual} is not ${types.join("|")}`];
  }
  if (typeof value === "string") {
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${at}: "${value}" does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => errors.push(...validate(schema.items!, v, `${at}[${i}]`)));
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) errors.push(`${at}: missing required key ${key}`);
    for (const [key, v] of Object.entries(obj)) {
      const sub = schema.properties?.[key] ?? (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined);
      if (sub) errors.push(...validate(sub, v, `${at}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected key ${key}`);
    }
  }
  return errors;
}

describe("ticket schema", () => {
  const dir = tempConfigDir();
  let all: Record<string, Schema>;

  beforeAll(async () => {
    const r = await runCli(["schema"], { configDir: dir });
    expect(r.code, r.stderr).toBe(0);
    all = JSON.parse(r.stdout);
  });

  it("without a name prints every output shape, keyed by name, each a draft 2020-12 schema with a title", () => {
    expect(Object.keys(all).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      expect(all[name]!.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(all[name]!.title, name).toBeTruthy();
      expect(all[name]!.description, name).toBeTruthy();
    }
  });

  it("with a name prints that one; objects stay open to added keys", async () => {
    for (const name of NAMES) {
      const r = await runCli(["schema", name], { configDir: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(all[name]);
    }
    expect(JSON.stringify(all)).not.toContain('"additionalProperties":false');
  });

  it("describes the documented shapes of error, bulk-result and dry-run", () => {
    const error = all["error"]!;
    expect(error.required).toEqual(["error"]);
    expect(Object.keys(error.properties!["error"]!.properties!)).toEqual(["code", "message", "exitCode", "vendor", "httpStatus"]);
    const bulk = all["bulk-result"]!;
    expect(Object.keys(bulk.properties!)).toEqual(["id", "ok", "exitCode", "error", "ticket"]);
    expect(bulk.required).toEqual(["id", "ok", "exitCode"]);
    const dry = all["dry-run"]!;
    expect(dry.type).toBe("array");
    expect(Object.keys(dry.items!.properties!)).toEqual(["method", "url", "headers", "body"]);
    // The checker is not a rubber stamp.
    expect(validate(all["ticket"]!, { id: "1" })).not.toEqual([]);
    expect(validate(error, { error: { code: "nope", message: "x", exitCode: 1, vendor: null, httpStatus: null } })).not.toEqual([]);
    expect(validate(bulk, { id: "1", ok: false, exitCode: 5, error: { code: "not_found", message: "no ticket 1", exitCode: 5, vendor: "comm100", httpStatus: 404 } })).toEqual([]);
    expect(validate(dry, [{ method: "PUT", url: "https://x/y", headers: { authorization: "***" }, body: { a: 1 } }])).toEqual([]);
  });

  it("what the demo prints validates against it: list, show, reply and an error", async () => {
    const demo = tempConfigDir();
    const cli = (...args: string[]) => runCli(["-p", "demo", ...args], { configDir: demo });
    const list = await cli("list", "--json", "--limit", "5");
    expect(list.code, list.stderr).toBe(0);
    const tickets = JSON.parse(list.stdout) as { id: string }[];
    expect(tickets.length).toBe(5);
    for (const t of tickets) expect(validate(all["ticket"]!, t)).toEqual([]);

    const id = tickets[0]!.id;
    const show = await cli("show", id, "--json", "--history");
    expect(show.code, show.stderr).toBe(0);
    const detail = JSON.parse(show.stdout);
    expect(detail.messages.length).toBeGreaterThan(0);
    expect(validate(all["ticket"]!, detail)).toEqual([]);

    const reply = await cli("reply", id, "--body", "schema check", "--json");
    expect(reply.code, reply.stderr).toBe(0);
    expect(validate(all["message"]!, JSON.parse(reply.stdout))).toEqual([]);

    const missing = await cli("show", "999999999", "--json");
    expect(missing.code).toBe(5);
    const errorLine = missing.stderr.split("\n").find((l) => l.startsWith("{"))!;
    expect(validate(all["error"]!, JSON.parse(errorLine))).toEqual([]);
  });

  it("an unknown name is a usage error (exit 2), one line", async () => {
    const r = await runCli(["schema", "tickets"], { configDir: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^ticket: unknown schema "tickets": use ticket, message, bulk-result, error, dry-run/)]);
  });

  it("the README's Ticket keys table lists every key of the ticket schema, with its type", () => {
    const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
    const lines = readme.split("\n");
    const start = lines.findIndex((l) => l.startsWith("Ticket keys"));
    expect(start).toBeGreaterThan(0);
    const rows: [string[], string][] = [];
    let i = start + 1;
    while (!lines[i]!.startsWith("|")) i++;
    for (i += 2; lines[i]?.startsWith("|"); i++) {
      const [keys, type] = lines[i]!.split("|").slice(1, 3).map((c) => c.trim()) as [string, string];
      rows.push([[...keys.matchAll(/`([^`]+)`/g)].map((m) => m[1]!), type]);
    }
    const ticket = all["ticket"]!;
    const props = ticket.properties!;
    const detailKeys = ["messages", "attachments", "history", "customFields", "satisfaction"];
    const listed = rows.flatMap(([keys]) => keys);
    // Both ways: every table key is in the schema, every ticket key (but show's detail keys) is in the table.
    expect(listed.filter((k) => !(k in props))).toEqual([]);
    expect(Object.keys(props).filter((k) => !detailKeys.includes(k) && !listed.includes(k))).toEqual([]);

    const nonNull = (s: Schema): { schema: Schema; nullable: boolean } => {
      if (s.anyOf) {
        const rest = s.anyOf.filter((b) => b.type !== "null");
        return { schema: rest[0]!, nullable: rest.length < s.anyOf.length };
      }
      if (Array.isArray(s.type)) return { schema: { ...s, type: s.type.filter((t) => t !== "null")[0]! }, nullable: s.type.includes("null") };
      return { schema: s, nullable: false };
    };
    for (const [keys, type] of rows) {
      for (const key of keys) {
        const { schema, nullable } = nonNull(props[key]!);
        const where = `${key}: "${type}"`;
        if (/only with `--raw`/.test(type)) {
          expect(ticket.required, where).not.toContain(key);
          continue;
        }
        // "absent where the vendor does not give it" (issue 13's timestamps): optional, else required.
        if (/absent where/.test(type)) expect(ticket.required, where).not.toContain(key);
        else expect(ticket.required, where).toContain(key);
        expect(/\bor null\b/.test(type), where).toBe(nullable);
        const values = [...type.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
        const fields = /^`?\{([^}]*)\}/.exec(type);
        if (fields) {
          expect(schema.type, where).toBe("object");
          expect(Object.keys(schema.properties!), where).toEqual(fields[1]!.split(",").map((f) => f.trim()));
          expect(schema.required, where).toEqual(Object.keys(schema.properties!));
        } else if (values.length > 0) {
          expect(schema.type, where).toBe("string");
          expect(schema.enum, where).toEqual(values);
        } else if (/^string\[\]/.test(type)) {
          expect(schema.type, where).toBe("array");
          expect(schema.items!.type, where).toBe("string");
        } else if (/\bstrings?\b/.test(type)) {
          expect(schema.type, where).toBe("string");
          if (/ISO-8601/.test(type)) expect(schema.pattern, where).toMatch(/T.*Z\$$/);
        } else {
          throw new Error(`README type not understood by this test: ${where}`);
        }
      }
    }
    // show's extra keys are named in the paragraph after the table, and are in the schema (optional).
    const after = lines.slice(i, i + 8).join(" ");
    for (const key of detailKeys) {
      expect(after, key).toContain(`\`${key}\``);
      expect(props[key], key).toBeDefined();
      expect(ticket.required).not.toContain(key);
    }
  });
});
