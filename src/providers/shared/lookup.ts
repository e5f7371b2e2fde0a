/**
 * Reading a vendor value through a mapping table without tripping over the prototype: a vendor
 * status of "toString" or "__proto__" is an unknown value, not a function.
 */
export function lookup<V>(table: Readonly<Record<string, V>>, key: string | number | null | undefined): V | undefined {
  if (key === null || key === undefined) return undefined;
  const k = String(key);
  return Object.hasOwn(table, k) ? table[k] : undefined;
}
