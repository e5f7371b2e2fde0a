/**
 * `--tag` takes tag names (issue 10 item 7). Comm100 filters the list by tag id (`tagid`, a guid,
 * [S1] line 88) and sets a new ticket's tags by id (`tagIds`, line 157), so a name is looked up in
 * GET ticketing/tags (an array of `{id, name}`: the Tag page of the v4 doc, vendor-notes 2.3),
 * once per command, nothing cached. A guid is taken as an id as it is. A name Comm100 does not
 * have is a NotFoundError (exit 5) naming it, before anything is sent.
 */
import { allIds, resolveTagNames } from "../shared/tags.js";
import type { Comm100Api } from "./api.js";
import { GUID } from "./refs.js";
import { wireSchemas } from "./wire.js";

const isGuid = (v: string) => GUID.test(v);

/** The tag ids for `given` (names or ids), in order. Asks Comm100 only when a name is among them. */
export async function tagIds(api: Comm100Api, given: readonly string[], flag = "--tag"): Promise<string[]> {
  if (allIds(given, isGuid)) return given.map((t) => t.trim());
  const [body, { TagListSchema }] = await Promise.all([api.get("ticketing/tags"), wireSchemas()]);
  const tags = TagListSchema.parse(body);
  return resolveTagNames(tags, given, { vendor: "comm100", displayName: "Comm100", flag, isId: isGuid, several: "refuse", noTags: "this Comm100 site has no tags" }).flat();
}
