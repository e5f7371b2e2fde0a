/**
 * `--tag` takes tag names (issue 10 item 7). Zaia filters the list by tag id (`tagIds`, a UUID or
 * UUIDs, doc lines 215-223) and tags a ticket by id (POST /api/v1/tickets/{ticketId}/tags {tagId},
 * doc lines 496-532), and its detail rows carry no tags (doc lines 23-153), so a name is looked up
 * in GET /api/v1/tags (vendor-notes.md 1.4), once per command, nothing cached. A UUID is an id as
 * it is (no lookup). A name Zaia does not have is a NotFoundError (exit 5) naming it, before
 * anything is sent. Names match exactly, else ignoring case.
 */
import { NotFoundError, UsageError } from "../../errors.js";
import type { ZaiaApi } from "./api.js";
import { isUuid } from "./ids.js";
import { NAME, VENDOR } from "./inputs.js";
import type { Tag } from "./schema.js";

/** How many tag names a not-found hint lists. */
const HINT_TAGS = 20;

const label = (t: Tag) => (t.name ? `"${t.name}" (${t.id})` : t.id);

/** The tags a name means: exact matches, else those equal ignoring case. */
function named(tags: readonly Tag[], wanted: string): Tag[] {
  const exact = tags.filter((t) => t.name === wanted);
  if (exact.length > 0) return exact;
  const folded = wanted.toLowerCase();
  return tags.filter((t) => t.name?.trim().toLowerCase() === folded);
}

/**
 * The tag ids each of `given` (names or ids) means, in order. `several`: what a name shared by
 * several tags gives: all of them (a list filter, which takes any of several ids) or a usage error
 * (a create, which must attach one tag per --tag).
 */
export async function tagIdsFor(api: ZaiaApi, given: readonly string[], flag: string, several: "all" | "refuse"): Promise<string[][]> {
  const wanted = given.map((t) => t.trim());
  if (wanted.every(isUuid)) return wanted.map((id) => [id]);
  const tags = await api.tags();
  return wanted.map((name) => {
    if (isUuid(name)) return [name];
    if (!name) throw new UsageError(`${flag} needs a tag name or id`, { vendor: VENDOR });
    const found = named(tags, name);
    if (found.length > 1 && several === "refuse") {
      throw new UsageError(`${NAME} has ${found.length} tags named "${name}" (${flag}): ${found.map(label).join(", ")}; pass the id instead`, { vendor: VENDOR });
    }
    if (found.length > 0) return found.map((t) => t.id);
    const names = tags.map((t) => t.name ?? t.id);
    const more = names.length > HINT_TAGS ? `, and ${names.length - HINT_TAGS} more` : "";
    throw new NotFoundError(`${NAME} has no tag "${name}" (${flag})`, {
      vendor: VENDOR,
      hint: names.length > 0 ? `tags: ${names.slice(0, HINT_TAGS).join(", ")}${more}` : "this Zaia workspace has no tags",
    });
  });
}
