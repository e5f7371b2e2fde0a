/**
 * Comm100's wire schemas (./schema.ts, with zod), loaded while the first request is on the wire
 * (../shared/load-soon.ts). Every read parses through these; writes.ts, loaded for writes only,
 * imports ./schema.ts itself.
 */
import { loadSoon } from "../shared/load-soon.js";

export const wireSchemas = loadSoon(() => import("./schema.js"));
