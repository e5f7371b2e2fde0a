/**
 * The Comm100 v4 routes, as documented: the ticket paths of [S1] (colon verbs included), the
 * messages, notes and tags endpoints of vendor-notes 2.3, and the OAuth token endpoint of vendor-notes 2.1.
 */
import { Router } from "../shared/server.js";
import type { Comm100Auth } from "./auth.js";
import { Comm100Index } from "./indexes.js";
import type { RouteContext } from "./common.js";
import { messageRoutes } from "./messages.js";
import type { Comm100State } from "./model.js";
import type { Readings } from "./readings.js";
import { tagRoutes } from "./tags.js";
import { ticketRoutes } from "./tickets.js";

export function comm100Routes(state: Comm100State, auth: Comm100Auth, readings: Readings, origin: () => string, now: () => Date): Router {
  const r = new Router();
  const ctx: RouteContext = { state, index: new Comm100Index(state), auth, readings, origin, now };
  auth.routes(r);
  ticketRoutes(r, ctx);
  messageRoutes(r, ctx);
  tagRoutes(r, ctx);
  return r;
}
