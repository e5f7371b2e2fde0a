import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The CLI under test: this checkout's bin/ticket.js, or --bin PATH / BENCH_TICKET_BIN (e.g. another build, for a before/after pair). */
export let BIN = process.env.BENCH_TICKET_BIN ? resolve(process.env.BENCH_TICKET_BIN) : fileURLToPath(new URL("../../bin/ticket.js", import.meta.url));
export const setBin = (path) => {
  BIN = resolve(path);
};
export const BENCH_DIR = fileURLToPath(new URL("../", import.meta.url));
export const loopFor = (vendor) => fileURLToPath(new URL(`../loops/${vendor}.mjs`, import.meta.url));

/** The build that serves the simulators (default: the CLI under test); --sim-bin PATH / BENCH_SIM_BIN to hold it fixed across builds. */
export let SIM_BIN = process.env.BENCH_SIM_BIN ? resolve(process.env.BENCH_SIM_BIN) : undefined;
export const simBin = () => SIM_BIN ?? BIN;
export const setSimBin = (path) => {
  SIM_BIN = resolve(path);
};
