/**
 * The config read without zod (src/config/check.ts) says what ConfigFileSchema says: for any
 * input it either steps aside (undefined: zod decides and names the problem) or returns exactly
 * zod's result, the same keys in the same order.
 */
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { quickConfig } from "../../src/config/check.js";
import { resolvePaths } from "../../src/config/paths.js";
import { ConfigFileSchema } from "../../src/config/schema.js";
import { ProfileStore } from "../../src/config/store.js";

const sameAsZod = (raw: unknown) => {
  const quick = quickConfig(raw);
  if (quick === undefined) return;
  const parsed = ConfigFileSchema.safeParse(raw);
  expect(parsed.success).toBe(true);
  expect(JSON.stringify(quick)).toBe(JSON.stringify(parsed.data)); // key order included
};

const goodProfile = {
  vendor: "comm100",
  baseUrl: "https://api15.comm100.io/v4",
  settings: { agentId: "a1" },
  secrets: { token: { env: "C100_TOKEN" }, apiKey: { value: "k" } },
};

describe("the config check without zod", () => {
  it("takes the configs ticket writes, as zod returns them", () => {
    const files = [
      {},
      { version: 1 },
      { version: 1, profiles: {} },
      { version: 1, defaultProfile: "work", profiles: { work: goodProfile } },
      { profiles: { work: { ...goodProfile, readOnly: true }, "home.2": { vendor: "zaia", baseUrl: "http://127.0.0.1:8080/api" } } },
      { profiles: { w: { baseUrl: "https://x.example/", vendor: "sobot", secrets: {}, settings: {} } }, defaultProfile: "w", extra: "dropped by zod, and here" },
    ];
    for (const f of files) {
      expect(quickConfig(f), JSON.stringify(f)).toBeDefined();
      sameAsZod(f);
    }
  });

  it("leaves to zod whatever zod would refuse or rewrite", () => {
    const bad = [
      null,
      [],
      "text",
      { version: 2 },
      { defaultProfile: 3 },
      { profiles: [] },
      { profiles: { "bad name": goodProfile } },
      { profiles: { w: { ...goodProfile, vendor: "zendesk" } } },
      { profiles: { w: { ...goodProfile, baseUrl: "ftp://x.example" } } },
      { profiles: { w: { ...goodProfile, baseUrl: " https://x.example " } } },
      { profiles: { w: { ...goodProfile, baseUrl: "https://exa\nmple.com" } } },
      { profiles: { w: { ...goodProfile, readonly: true } } },
      { profiles: { w: { ...goodProfile, readOnly: "yes" } } },
      { profiles: { w: { ...goodProfile, settings: { a: 1 } } } },
      { profiles: { w: { ...goodProfile, secrets: { token: { env: "1BAD" } } } } },
      { profiles: { w: { ...goodProfile, secrets: { token: { value: "" } } } } },
      { profiles: { w: { ...goodProfile, secrets: { token: { env: "A", value: "b" } } } } },
      JSON.parse('{"profiles":{"w":{"vendor":"comm100","baseUrl":"https://x.example","settings":{"__proto__":{"a":"b"}}}}}'),
    ];
    for (const f of bad) expect(quickConfig(f), JSON.stringify(f)).toBeUndefined();
  });

  it("never disagrees with zod (property)", () => {
    const text = fc.oneof(fc.constantFrom("comm100", "sobot", "zaia", "3dolphins", "demo", "work", "https://x.example/v4", "http://127.0.0.1:1/", " https://a.b", "", "A_B", "9x", "a b"), fc.string());
    const value = fc.oneof(text, fc.boolean(), fc.integer(), fc.constant(null), fc.constant(undefined));
    const secret = fc.oneof(fc.record({ env: text }), fc.record({ value: text }), fc.dictionary(fc.constantFrom("env", "value", "x"), value));
    const profile = fc.record(
      { vendor: text, baseUrl: text, settings: fc.dictionary(text, fc.oneof(text, value)), secrets: fc.dictionary(text, secret), readOnly: fc.oneof(fc.boolean(), value), other: value },
      { requiredKeys: [] },
    );
    const file = fc.record({ version: fc.oneof(fc.constant(1), value), defaultProfile: fc.oneof(text, value), profiles: fc.oneof(fc.dictionary(text, profile), value) }, { requiredKeys: [] });
    fc.assert(fc.property(file, (f) => sameAsZod(JSON.parse(JSON.stringify(f)) as unknown)), { numRuns: 2000 });
  });

  it("the store reads a valid file without zod's schemas and names the problem of an invalid one with them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ticket-config-check-"));
    const paths = resolvePaths({ TICKET_CONFIG_DIR: dir });
    writeFileSync(paths.configFile, JSON.stringify({ version: 1, defaultProfile: "work", profiles: { work: goodProfile } }), { mode: 0o600 });
    const store = await ProfileStore.open(paths);
    expect(store.defaultProfile).toBe("work");
    expect(store.get("work")).toEqual(goodProfile);
    writeFileSync(paths.configFile, JSON.stringify({ profiles: { work: { ...goodProfile, vendor: "zendesk" } } }), { mode: 0o600 });
    await expect(ProfileStore.open(paths)).rejects.toThrow(/config\.json is invalid at profiles\.work\.vendor: /);
    writeFileSync(paths.configFile, "{ not json", { mode: 0o600 });
    await expect(ProfileStore.open(paths)).rejects.toThrow(/config\.json cannot be read: it is not valid JSON/);
  });
});
