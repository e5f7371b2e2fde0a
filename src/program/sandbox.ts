/** `ticket sandbox`: a vendor simulator, optionally behind the fault proxy (its SPEC written out so --help loads no sandbox code). */
import type { Command } from "commander";
import { examples, type Action } from "./help.js";

export function addSandboxCommand(program: Command, action: Action): void {
  program
    .command("sandbox")
    .description("serve a vendor simulator on 127.0.0.1 until interrupted, for trying ticket or testing your scripts")
    .requiredOption("--vendor <vendor>", "3dolphins, comm100, sobot or zaia")
    .option("--port <n>", "port (default: a free one)")
    .option("--tickets <n>", "how many tickets to seed")
    .option("--latency <ms>", "delay every response")
    .option("--rate-limit <spec>", "comm100: enforce its documented limit (documented: 300 calls per 5 min) or CALLS/SECONDS; 429 with Retry-After beyond it")
    .option("--faults <spec>", "serve the simulator behind a fault-injecting proxy (SPEC below); the printed base URL is the proxy's")
    .addHelpText(
      "after",
      examples(
        "ticket sandbox --vendor comm100 --port 8100",
        "ticket sandbox --vendor sobot --json   # one line: {vendor, baseUrl, env, profileAdd}",
        "ticket sandbox --vendor zaia --faults 'reset-after:writes:1,latency=6000:reads'",
      ) +
        // Kept in step with FAULTS in src/sandbox/shared/fault-spec.ts (test/faults/sandbox-faults.test.ts checks it);
        // written out here so --help loads no sandbox code.
        `
Fault SPEC (--faults): RULE[,RULE...], RULE = FAULT[=ARG][:SELECTOR...]
  Selectors: reads | writes | auth (the token endpoint) | readback (reads after a write) | all (default);
             N (strike N times) | @N (only the Nth matching request) | @N+ (the Nth and later) | ~TEXT (paths containing TEXT).
             Without N or @N a rule strikes every matching request; the first rule due takes a request.
  Faults the simulator never sees (the request is not forwarded):
    429[=S] 429-date[=S] 500 502 503[=S] 504 status=CODE   an error status (S: Retry-After seconds, or as a date)
    reset-before   reset the connection        html-502   a gateway's HTML 502 page
    401            refuse good credentials     expired    the vendor's own token-expired answer
    redirect[=CODE]  redirect to another origin
  Faults after the simulator processed the request (a write has landed):
    latency=MS     answer MS ms late           stall       send headers, then nothing
    reset-after    reset, no answer            reset-mid   reset halfway through the body
    cut            close before Content-Length malformed   half the JSON body
    html           an HTML page with 200       502-after   a 502 instead of the answer (status-after=CODE)
    json-as-html   JSON labeled text/html      text-as-json  text labeled application/json
    wrong-shape    valid JSON, fields renamed  oversize[=MB]  a huge streamed answer (default 64)
    repeat         every read of a path gets its first answer (a list repeats its first page forever)
    foreign-links  links in answers point at another origin
    escapes        terminal escape sequences in every text field
    none           pass through
`,
    )
    .action(action("sandbox"));
}
