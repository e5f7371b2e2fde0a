/**
 * A local Zaia public API v1 (https://api.endless.zaia.app): same paths under /api/v1, same
 * verbs, the API key in `authorization`, bare-array lists, UUID v4 ids. The base URL is the
 * server origin, exactly what `--base-url` takes. Where the document is silent the simulator
 * serves its own reading, or another plausible one with `variant` (readings.ts, VARIANTS).
 */
import { createPicker } from "../shared/seed.js";
import { startSimServer } from "../shared/server.js";
import type { Simulator, SimulatorOptions } from "../types.js";
import { ZaiaIndex } from "./indexes.js";
import { readingFor } from "./readings.js";
import { createRoutes } from "./routes.js";
import { fixturesFor, restoreState, seedState } from "./seed.js";

export { VARIANTS, type Variant } from "./readings.js";
export type { ZaiaState } from "./seed.js";

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const reading = readingFor(opts.variant);
  const now = opts.now ?? (() => new Date());
  const state = restoreState(opts.state) ?? seedState({ tickets: opts.tickets ?? 200, now: now() });
  const keys = createPicker(state.seed ^ 0x5a1a);
  const apiKey = opts.secrets?.["apiKey"] ?? `sbx-zaia-${keys.uuid().replace(/-/g, "")}`;
  // New entities get ids from their own stream, offset by what already exists, so a resumed state does not collide.
  const ids = createPicker(state.seed + state.tickets.length * 7919 + 17);
  const index = new ZaiaIndex(state);
  const taken = (id: string) => index.ticket(id) !== undefined || index.chat(id) !== undefined;
  const newId = () => {
    let id = ids.uuid();
    while (taken(id)) id = ids.uuid();
    return id;
  };
  const keyExpiresAt = opts.tokenTtlSeconds === undefined ? null : now().getTime() + opts.tokenTtlSeconds * 1000;

  const router = createRoutes({ state: () => state, index, apiKey, now, newId, reading, keyExpiresAt });
  const server = await startSimServer({
    router,
    host: opts.host,
    port: opts.port,
    latencyMs: opts.latencyMs,
    // Nest's wording for an unknown route (GUESS), plus a loud marker that the simulator has no such route.
    notFound: (req) => ({
      status: 404,
      body: { message: `Cannot ${req.method} ${req.path}`, error: "Not Found", statusCode: 404, simulator: "no such Zaia route" },
    }),
  });

  return {
    vendor: "zaia",
    baseUrl: server.origin,
    requests: server.requests,
    credentials: { secrets: { apiKey }, settings: { userId: state.meId } },
    fixtures: fixturesFor(state),
    fail: (fault, times) => server.fail(fault, times),
    exportState: () => structuredClone(state),
    close: () => server.close(),
  };
}
