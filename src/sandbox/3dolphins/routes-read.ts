/**
 * 3Dolphins reads (vendor-docs/3dolphins-ticket-api.txt): the ticket lists and queues, one ticket,
 * its conversation, the customer's history across tickets, and field search.
 */
import type { Router, SimRequest } from "../shared/server.js";
import { G, type SimContext } from "./context.js";
import { startOfDay, type Rec } from "./model.js";
import { DEFAULT_COUNT } from "./readings.js";
import { isAnswer, ok, pageOf, springError, type Answer } from "./replies.js";
import { booleanParam, dayParam, jsonObject, paging, requiredStrings } from "./rules.js";

const byCreatedDesc = (a: Rec, b: Rec) => Number(b["createdDate"]) - Number(a["createdDate"]);

export function registerReads(router: Router, c: SimContext): void {
  const { state, reading, guarded } = c;

  function paged(req: SimRequest, items: Rec[]): Answer {
    const pg = paging(req, DEFAULT_COUNT);
    return isAnswer(pg) ? pg : pageOf(reading, items, pg.start, pg.count);
  }

  /** The bubbles of every ticket whose customer is `socialId` on `channel` (a channel id or type). */
  function history(channel: string, socialId: string, extra: (t: Rec) => boolean = () => true): Rec[] {
    const tickets = state.tickets.filter(
      (t) => (t["channel"] === channel || t["channelType"] === channel) && t["accountId"] === socialId && extra(t),
    );
    return tickets
      .flatMap((t) => state.conversations[String(t["ticketNumber"])] ?? [])
      .sort((a, b) => Number(a["createdDate"]) - Number(b["createdDate"]));
  }

  // ------------------------------------------------------------ lists (doc lines 64, 92, 105, 239)

  // Every page of a list walks the same order: sorted once between two writes (indexes.ts).
  router.on("GET", `${G}/tickets`, guarded((req) => paged(req, c.index.list("all", () => [...state.tickets].sort(byCreatedDesc)))));

  router.on(
    "GET",
    `${G}/tickets/assignment`,
    guarded((req) => {
      const status = req.query.get("status");
      if (!status) return springError(400, "Required request parameter 'status' for method parameter type String is not present", req.path);
      const sort = (req.query.get("sort") ?? "desc").toLowerCase();
      if (sort !== "asc" && sort !== "desc") return springError(400, `sort must be asc or desc, not "${req.query.get("sort")}"`, req.path);
      const isToday = booleanParam(req, "isToday", false);
      if (isAnswer(isToday)) return isToday;
      const dayStart = startOfDay(c.clock());
      const items = c.index.list(JSON.stringify(["assignment", status.toLowerCase(), sort, isToday && dayStart]), () => {
        const rows = state.tickets
          .filter((t) => String(t["status"]).toLowerCase() === status.toLowerCase())
          .filter((t) => !isToday || Number(t["createdDate"]) >= dayStart)
          .sort(byCreatedDesc);
        return sort === "asc" ? rows.reverse() : rows;
      });
      return paged(req, items);
    }),
  );

  router.on(
    "GET",
    `${G}/tickets/priority`,
    guarded((req) => paged(req, c.index.list("priority", () => state.tickets.filter((t) => t["priority"] === true).sort(byCreatedDesc)))),
  );

  router.on(
    "GET",
    `${G}/tickets/queue/:accountId`,
    guarded((req) => ok(state.tickets.filter((t) => t["accountId"] === req.params["accountId"] && t["status"] === "Unassigned").length)),
  );

  // ------------------------------------------------------------ customer history (doc lines 5-10, 436-469)

  router.on(
    "GET",
    `${G}/tickets/conversations/channelId/:channelId/:socialId`,
    guarded((req) => paged(req, history(req.params["channelId"]!, req.params["socialId"]!))),
  );
  router.on(
    "GET",
    `${G}/tickets/conversations/:channel/:socialId/history`,
    guarded((req) => paged(req, history(req.params["channel"]!, req.params["socialId"]!))),
  );
  router.on(
    "GET",
    `${G}/tickets/conversations/:channel/:channelKey/:socialId`,
    guarded((req) => {
      const { channel, channelKey, socialId } = req.params as { channel: string; channelKey: string; socialId: string };
      return paged(req, history(channel, socialId, (t) => String(t["channelKey"]).endsWith(`-${channelKey}`) || t["channelKey"] === channelKey));
    }),
  );
  router.on(
    "GET",
    `${G}/tickets/conversations/:channel/:socialId`,
    guarded((req) => {
      const { channel, socialId } = req.params as { channel: string; socialId: string };
      const from = dayParam(req, "startDate");
      if (isAnswer(from)) return from;
      const to = dayParam(req, "endDate");
      if (isAnswer(to)) return to;
      // "Only available to get conversation history from channel live chat" (doc line 10).
      const ch = state.channels.find((x) => x.id === channel || x.type === channel);
      if (ch && ch.type !== "webchat") return springError(400, `conversation history by socialId is only available for live chat, not ${ch.type}`, req.path);
      const items = history(channel, socialId).filter((m) => {
        const at = Number(m["createdDate"]);
        return (from === null || at >= from) && (to === null || at < to + 86_400_000);
      });
      return ok(items);
    }),
  );

  // ------------------------------------------------------------ one ticket (doc lines 24, 37, 50, 118)

  router.on(
    "GET",
    `${G}/tickets/conversations/:ticketNumber`,
    guarded((req) => {
      const n = req.params["ticketNumber"]!;
      if (!c.ticketByNumber(n)) return c.refuse(req, "not_found", `Ticket ${n} not found`);
      return paged(req, state.conversations[n] ?? []);
    }),
  );

  router.on(
    "GET",
    `${G}/tickets/data/:ticketNumber/:fieldName/:keyword`,
    guarded((req) => {
      const { ticketNumber: n, fieldName, keyword } = req.params as { ticketNumber: string; fieldName: string; keyword: string };
      const t = c.ticketByNumber(n);
      if (!t) return c.refuse(req, "not_found", `Ticket ${n} not found`);
      const records = [t, ...(state.conversations[n] ?? [])];
      return ok(records.filter((r) => String(r[fieldName] ?? "").toLowerCase().includes(keyword.toLowerCase())));
    }),
  );

  router.on(
    "POST",
    `${G}/tickets/data/:ticketNumber`,
    guarded((req) => {
      const body = jsonObject(req);
      if (isAnswer(body)) return body;
      const bad = requiredStrings(body, ["channel_type"], req.path);
      if (bad) return bad;
      const n = req.params["ticketNumber"]!;
      const t = c.ticketByNumber(n);
      if (!t) return c.refuse(req, "not_found", `Ticket ${n} not found`);
      const channelType = String(body["channel_type"]).toLowerCase();
      return paged(req, [t, ...(state.conversations[n] ?? [])].filter((r) => String(r["channelType"]).toLowerCase() === channelType));
    }),
  );

  // After every fixed path under tickets/: the ticket itself.
  router.on(
    "GET",
    `${G}/tickets/:ticketNumber`,
    guarded((req) => {
      const n = req.params["ticketNumber"]!;
      const t = c.ticketByNumber(n);
      return t ? ok(t) : c.refuse(req, "not_found", `Ticket ${n} not found`);
    }),
  );
}
