/**
 * `--tag` takes tag names on every vendor (issue 10 item 11). For vendors that filter or set tags by
 * id, a name is resolved against the vendor's own tag list: exact matches first, else equal
 * ignoring case. An id is taken as it is. A name the vendor does not have is a NotFoundError
 * (exit 5) naming it, with the known names as a hint; a name several tags share is all of them
 * where the caller can take several (a list filter), else a usage error asking for the id.
 */
import type { VendorName } from "../../model/enums.js";
import { NotFoundError, UsageError } from "../../errors.js";
import { sanitize } from "../../render/sanitize.js";

export interface NamedTag {
  id: string;
  name?: string | null | undefined;
}

export interface TagNameOptions {
  vendor: VendorName;
  /** "Comm100" */
  displayName: string;
  /** The flag the names came from, for messages. */
  flag: string;
  /** A value that is already an id (a GUID / UUID): used without a lookup. */
  isId: (value: string) => boolean;
  /** What a name shared by several tags gives: all their ids, or a usage error. */
  several: "all" | "refuse";
  /** "this Comm100 site has no tags" */
  noTags: string;
}

/** How many known tag names a not-found hint lists. */
const HINT_TAGS = 20;

/** True when no value needs the vendor's tag list. */
export const allIds = (given: readonly string[], isId: (v: string) => boolean): boolean => given.every((t) => isId(t.trim()));

/** The tags a name means: exact matches, else those equal ignoring case and surrounding spaces. */
function named(tags: readonly NamedTag[], wanted: string): NamedTag[] {
  const exact = tags.filter((t) => t.name === wanted);
  if (exact.length > 0) return exact;
  const folded = wanted.toLowerCase();
  return tags.filter((t) => t.name?.trim().toLowerCase() === folded);
}

/** The ids each of `given` (names or ids) means, in order. */
export function resolveTagNames(tags: readonly NamedTag[], given: readonly string[], o: TagNameOptions): string[][] {
  const label = (t: NamedTag) => (t.name ? `"${sanitize(t.name)}" (${t.id})` : t.id);
  return given.map((raw) => {
    const name = raw.trim();
    if (!name) throw new UsageError(`${o.flag} needs a tag name or id`, { vendor: o.vendor });
    if (o.isId(name)) return [name];
    const found = named(tags, name);
    if (found.length > 1 && o.several === "refuse") {
      throw new UsageError(`${o.displayName} has ${found.length} tags named "${sanitize(name)}" (${o.flag}): ${found.map(label).join(", ")}; pass the id instead`, { vendor: o.vendor });
    }
    if (found.length > 0) return found.map((t) => t.id);
    const names = tags.map((t) => sanitize(t.name || t.id));
    const more = names.length > HINT_TAGS ? `, and ${names.length - HINT_TAGS} more` : "";
    throw new NotFoundError(`${o.displayName} has no tag "${sanitize(name)}" (${o.flag})`, {
      vendor: o.vendor,
      hint: names.length > 0 ? `tags: ${names.slice(0, HINT_TAGS).join(", ")}${more}` : o.noTags,
    });
  });
}
