/**
 * List answers of a simulator, cached per query between two writes (issue 12: simulators seeded with
 * 10,000 tickets must not filter and sort the whole state on every page). `changed()` drops them
 * (the routes call it around every write). An answer is also dropped when the array it was
 * computed from was replaced or changed length (tests that edit a simulator's state directly).
 */
const ENTRIES = 16;

export class ListCache {
  private readonly lists = new Map<string, { of: readonly unknown[] | undefined; length: number; rows: unknown[] }>();

  /** Something was written: every cached answer is stale. */
  changed(): void {
    this.lists.clear();
  }

  /** The answer for `key`, computed once while nothing is written and `of` stays the same array. */
  get<T>(key: string, compute: () => T[], of?: readonly unknown[]): T[] {
    const hit = this.lists.get(key);
    if (hit && hit.of === of && hit.length === (of?.length ?? 0)) return hit.rows as T[];
    const rows = compute();
    if (this.lists.size >= ENTRIES) this.lists.clear();
    this.lists.set(key, { of, length: of?.length ?? 0, rows });
    return rows;
  }
}
