/**
 * Zaia's wire schemas (./schema.ts, with zod), loaded while the first request is on the wire
 * (../shared/load-soon.ts). Writes load them before they send, so nothing between a write's answer
 * and what it means can fail.
 */
import { loadSoon } from "../shared/load-soon.js";

export const wireSchemas = loadSoon(() => import("./schema.js"));
