/**
 * The 3Dolphins routes, under /dolphin/apiv1/graph (vendor-docs/3dolphins-ticket-api.txt).
 * Written from the document: rules.ts holds what it states about requests, readings.ts what the
 * simulator reads into its silences (and the variants that read them otherwise).
 */
import { Router } from "../shared/server.js";
import { createContext, type SimAuth } from "./context.js";
import type { ThreeDolphinsState } from "./model.js";
import type { Reading } from "./readings.js";
import { registerAuthAndFiles } from "./routes-auth-files.js";
import { registerReads } from "./routes-read.js";
import { registerWrites } from "./routes-write.js";

export { BASE, G, type SimAuth } from "./context.js";

export function threeDolphinsRoutes(state: ThreeDolphinsState, reading: Reading, auth: SimAuth, origin: () => string, now: () => Date): Router {
  const router = new Router();
  const c = createContext(state, reading, auth, origin, now);
  registerAuthAndFiles(router, c);
  // Writes before reads: PUT update/close must not be taken for PUT update/{ticketNumber}, nor
  // GET tickets/{ticketNumber} for a fixed path.
  registerWrites(router, c);
  registerReads(router, c);
  return router;
}
