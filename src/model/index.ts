export * from "./enums.js";
export type * from "./types.js";
