/**
 * Comm100 tag routes: GET ticketing/tags answers "An array of Tag", each `{id, name}`, and GET
 * ticketing/tags/{id} one Tag (FACT: the Tag page of the v4 doc,
 * https://dash15.comm100.io/doc/Ticketing/ticketingTag, named in vendor-notes 2.3). The tags are
 * the seed's, which tickets refer to by `tagIds` ([S1] line 71).
 */
import type { Router, SimReply, SimRequest } from "../shared/server.js";
import { fail, guarded, PREFIX, type RouteContext } from "./common.js";
import { GUID } from "./validate.js";

export function tagRoutes(r: Router, ctx: RouteContext): void {
  const on = (path: string, h: (req: SimRequest) => SimReply) => r.on("GET", `${PREFIX}/ticketing/${path}`, guarded(ctx, h));
  on("tags", () => ({ status: 200, body: ctx.state.tags.map(({ id, name }) => ({ id, name })) }));
  on("tags/:id", (req) => {
    const id = req.params["id"]!;
    if (!GUID.test(id)) return fail(400, `The value '${id}' is not valid for id.`);
    const tag = ctx.state.tags.find((t) => t.id.toLowerCase() === id.toLowerCase());
    return tag ? { status: 200, body: { id: tag.id, name: tag.name } } : fail(404, `Tag ${id} not found.`);
  });
}
