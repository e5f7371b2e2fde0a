/**
 * Shell completion scripts generated from the commander tree, so they cannot drift from it
 * (test/unit/completions.test.ts compares them with completions/). Regenerate with
 * `npm run completions`. The tree and its values: src/completions/spec.ts and values.ts; one
 * generator per shell; dynamic values (profiles, cached agents and teams) come from the hidden
 * `ticket __complete` (src/commands/complete.ts).
 */
import type { Command } from "commander";
import { bashScript } from "./completions/bash.js";
import { fishScript } from "./completions/fish.js";
import { commandSpec } from "./completions/spec.js";
import { zshScript } from "./completions/zsh.js";

export const bashCompletion = (program: Command): string => bashScript(commandSpec(program));
export const zshCompletion = (program: Command): string => zshScript(commandSpec(program));
export const fishCompletion = (program: Command): string => fishScript(commandSpec(program));

export const GENERATORS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion } as const;
