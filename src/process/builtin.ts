/**
 * A node built-in module loaded when first needed, not when the module naming it is: each costs
 * start-up time to load (child_process about 4 ms, issue 12), and most runs never use some of them
 * (a pager is spawned only on a terminal). process.getBuiltinModule from node 20.16; require before.
 */
import { createRequire } from "node:module";

export function builtin<T>(id: string): T {
  const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  return (get ? get(id) : createRequire(import.meta.url)(id)) as T;
}
