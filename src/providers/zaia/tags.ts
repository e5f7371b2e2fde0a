/**
 * `--tag` takes tag names (issue 10 item 7). Zaia filters the list by tag id (`tagIds`, a UUID or
 * UUIDs, doc lines 215-223) and tags a ticket by id (POST /api/v1/tickets/{ticketId}/tags {tagId},
 * doc lines 496-532), and its detail rows carry no tags (doc lines 23-153), so a name is looked up
 * in GET /api/v1/tags (vendor-notes.md 1.4), once per command, nothing cached. A UUID is an id as
 * it is (no lookup). A name Zaia does not have is a NotFoundError (exit 5) naming it, before
 * anything is sent. Names match exactly, else ignoring case.
 */
import { allIds, resolveTagNames } from "../shared/tags.js";
import type { ZaiaApi } from "./api.js";
import { isUuid } from "./ids.js";
import { NAME, VENDOR } from "./inputs.js";

/**
 * The tag ids each of `given` (names or ids) means, in order. `several`: what a name shared by
 * several tags gives: all of them (a list filter, which takes any of several ids) or a usage error
 * (a create, which must attach one tag per --tag).
 */
export async function tagIdsFor(api: ZaiaApi, given: readonly string[], flag: string, several: "all" | "refuse"): Promise<string[][]> {
  if (allIds(given, isUuid)) return given.map((id) => [id.trim()]);
  const tags = await api.tags();
  return resolveTagNames(tags, given, { vendor: VENDOR, displayName: NAME, flag, isId: isUuid, several, noTags: "this Zaia workspace has no tags" });
}
