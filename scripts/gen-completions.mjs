// Regenerates completions/ticket.{bash,zsh,fish} from the built command tree (run `npm run build` first).
import { writeFileSync } from "node:fs";
import { createProgram } from "../dist/program.js";
import { GENERATORS } from "../dist/completions.js";

const program = createProgram(/** @type {any} */ ({ io: { out() {}, err() {} } }));
for (const [shell, gen] of Object.entries(GENERATORS)) {
  writeFileSync(new URL(`../completions/ticket.${shell}`, import.meta.url), gen(program));
  console.log(`completions/ticket.${shell}`);
}
