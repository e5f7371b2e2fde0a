/**
 * What every 3Dolphins route shares: the state, the reading, the clock, bearer-token checks and
 * the small record updates (touch, status) the write routes make.
 */
import { randomBytes } from "node:crypto";
import type { Handler, SimRequest } from "../shared/server.js";
import { ThreeDolphinsIndex } from "./indexes.js";
import { prettyDate, STATUS_STYLE, type Rec, type SimUser, type ThreeDolphinsState } from "./model.js";
import type { Reading } from "./readings.js";
import { isAnswer, refuser, unauthorized, type Answer, type Refuse } from "./replies.js";
import { bearerToken } from "./rules.js";

export const BASE = "/dolphin/apiv1";
export const G = `${BASE}/graph`;

export interface SimAuth {
  /** The fixed sandbox token (belongs to `tokenUser`). */
  token: string;
  tokenUser: string;
  /** When the fixed token stops working (null = never; readings.ts FIXED_TOKEN_EXPIRES_WITH_TTL). */
  tokenExpiresAtMs: number | null;
  /** The password every sandbox user logs in with at graph/auth. */
  password: string;
  tokenTtlMs: number;
}

export interface Caller {
  user: SimUser;
  token: string;
}

export type GuardedHandler = (req: SimRequest, who: Caller) => Answer | Promise<Answer>;

export interface SimContext {
  state: ThreeDolphinsState;
  reading: Reading;
  auth: SimAuth;
  origin(): string;
  clock(): number;
  refuse: Refuse;
  userById(id: string): SimUser | undefined;
  ticketByNumber(n: string): Rec | undefined;
  /** Ticket lookups and cached list answers over the state (indexes.ts). */
  index: ThreeDolphinsIndex;
  nextId(): string;
  /** A handler that first checks the bearer token (rules bearer-required, bearer-scheme, token-valid). */
  guarded(handler: GuardedHandler, opts?: { tokenInQuery?: boolean }): Handler;
  /** Record a change by `who` now; returns the time. */
  touch(t: Rec, who: SimUser): number;
  setStatus(t: Rec, status: string): void;
}

export function createContext(state: ThreeDolphinsState, reading: Reading, auth: SimAuth, origin: () => string, now: () => Date): SimContext {
  const clock = () => now().getTime();
  const userById = (id: string) => state.users.find((u) => u.id === id);
  const index = new ThreeDolphinsIndex(state);

  function caller(req: SimRequest, tokenInQuery: boolean): Caller | Answer {
    let token: string | Answer = bearerToken(req);
    // File links carry the token as `?access_token=Bearer <token>` (doc lines 259, 272).
    const queried = req.query.get("access_token");
    if (isAnswer(token) && tokenInQuery && queried && /^Bearer\s+\S+$/i.test(queried)) token = queried.replace(/^Bearer\s+/i, "");
    if (isAnswer(token)) return token;
    if (token === auth.token) {
      if (auth.tokenExpiresAtMs !== null && auth.tokenExpiresAtMs <= clock()) return unauthorized("invalid_token", `Access token expired: ${token}`);
      return { user: userById(auth.tokenUser)!, token };
    }
    const issued = state.tokens.find((t) => t.token === token);
    if (!issued) return unauthorized("invalid_token", `Invalid access token: ${token}`);
    if (issued.expiresAtMs <= clock()) return unauthorized("invalid_token", `Access token expired: ${token}`);
    const user = userById(issued.userId);
    return user ? { user, token } : unauthorized("invalid_token", `Invalid access token: ${token}`);
  }

  return {
    state,
    reading,
    auth,
    origin,
    clock,
    refuse: refuser(reading),
    userById,
    ticketByNumber: (n) => index.ticket(n),
    index,
    nextId() {
      state.serial++;
      return `${randomBytes(12).toString("hex")}${state.serial.toString(16).padStart(8, "0")}`;
    },
    guarded: (handler, opts) => (req) => {
      const who = caller(req, opts?.tokenInQuery ?? false);
      if (isAnswer(who)) return who;
      if (req.method === "GET") return handler(req, who);
      // A write may change what the lists hold: their cached answers go, before and after it.
      index.changed();
      try {
        const answer = handler(req, who);
        return answer instanceof Promise ? answer.finally(() => index.changed()) : answer;
      } finally {
        index.changed();
      }
    },
    touch(t, who) {
      const at = clock();
      t["modifiedDate"] = at;
      t["modifiedBy"] = who.id;
      t["dateTimeline"] = at;
      t["prettyDateTimeline"] = prettyDate(at);
      return at;
    },
    setStatus(t, status) {
      t["status"] = status;
      t["timelineStatus"] = status;
      t["statusStyle"] = STATUS_STYLE[status] ?? "";
    },
  };
}
