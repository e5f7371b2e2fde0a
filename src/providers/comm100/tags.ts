/**
 * `--tag` takes tag names (issue 10 item 7). Comm100 filters the list by tag id (`tagid`, a guid,
 * [S1] line 88) and sets a new ticket's tags by id (`tagIds`, line 157), so a name is looked up in
 * GET ticketing/tags (an array of `{id, name}`: the Tag page of the v4 doc, vendor-notes 2.3),
 * once per command, nothing cached. A guid is taken as an id as it is. A name Comm100 does not
 * have is a NotFoundError (exit 5) naming it, before anything is sent.
 */
import { NotFoundError, UsageError } from "../../errors.js";
import type { Comm100Api } from "./api.js";
import { clean, GUID } from "./refs.js";
import { TagListSchema } from "./schema.js";

/** How many known tag names a not-found hint lists. */
const HINT_TAGS = 20;

/** The tag ids for `given` (names or ids), in order. Asks Comm100 only when a name is among them. */
export async function tagIds(api: Comm100Api, given: readonly string[], flag = "--tag"): Promise<string[]> {
  if (given.every((t) => GUID.test(t))) return [...given];
  const tags = TagListSchema.parse(await api.get("ticketing/tags")).map((t) => ({ id: t.id, name: t.name ?? "" }));
  return given.map((wanted) => {
    if (GUID.test(wanted)) return wanted;
    const exact = tags.filter((t) => t.name === wanted);
    if (exact.length === 1) return exact[0]!.id;
    const folded = exact.length > 1 ? exact : tags.filter((t) => t.name.toLowerCase() === wanted.toLowerCase());
    if (folded.length === 1) return folded[0]!.id;
    if (folded.length > 1) {
      const which = folded.map((t) => `${clean(t.name)} (${t.id})`).join(", ");
      throw new UsageError(`Comm100 has ${folded.length} tags named "${clean(wanted)}" (${flag}): ${which}; pass the id instead`, { vendor: "comm100" });
    }
    const known = tags.slice(0, HINT_TAGS).map((t) => clean(t.name));
    const more = tags.length > HINT_TAGS ? `, and ${tags.length - HINT_TAGS} more` : "";
    throw new NotFoundError(`Comm100 has no tag "${clean(wanted)}" (${flag})`, {
      vendor: "comm100",
      hint: tags.length > 0 ? `tags: ${known.join(", ")}${more}` : "this Comm100 site has no tags",
    });
  });
}
