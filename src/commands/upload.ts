/** ticket upload ID FILE...: upload files to a ticket; prints the attachments. */
import type { Deps } from "../deps.js";
import type { CommandInput } from "../program.js";
import { createOutput, writeRecords } from "../render/output.js";
import { localFiles, str } from "./shared/parse.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const [id, ...paths] = args;
  const files = localFiles(paths);
  const out = createOutput(deps.io, deps.globals, deps.now());
  const { provider } = await deps.provider();
  const attachments = await provider.upload!(id!, files, { message: str(opts["message"]), internal: Boolean(opts["internal"]) });
  await writeRecords(out, attachments as unknown as Record<string, unknown>[], ["id", "name", "size", "contentType", "url"], ["name", "size", "url"]);
  deps.io.err(`✓ Uploaded ${attachments.length} file${attachments.length === 1 ? "" : "s"} to ticket ${id}\n`);
}
