/** ticket upload ID FILE...: upload files to a ticket; prints the attachments. */
import type { Deps } from "../deps.js";
import type { Attachment } from "../model/types.js";
import type { CommandInput } from "../program.js";
import { refuseFlags } from "../providers/guard.js";
import { createOutput, writeRecords } from "../render/output.js";
import { beginProgress, byteSize } from "../render/progress.js";
import { sanitize } from "../render/sanitize.js";
import { flagsGiven, localFiles, str } from "./shared/parse.js";
import { performWrite } from "./shared/write.js";
import { success } from "../render/status-line.js";

export async function run({ args, opts }: CommandInput, deps: Deps): Promise<void> {
  const [id, ...paths] = args;
  const files = localFiles(paths);
  const message = str(opts["message"]);
  const internal = Boolean(opts["internal"]);
  const out = createOutput(deps.io, deps.globals, deps.now());
  const { provider, profile, descriptor } = await deps.provider();
  refuseFlags(provider, "upload", descriptor.displayName, flagsGiven(opts));
  const names = new Set(files.map((f) => f.name));
  // "uploading report.pdf (1.4 MB)…" on a terminal while it takes longer than a moment (issue 11 item 4).
  const size = byteSize(files.reduce((sum, f) => sum + f.size, 0));
  const progress = beginProgress(deps, `uploading ${files.length === 1 ? sanitize(files[0]!.name) : `${files.length} files`} (${size})…`);
  const { value: attachments, recovered } = await performWrite<Attachment[]>(deps, {
    profile: profile.name,
    what: `the upload to ticket ${id}`,
    ticketId: id,
    attempt: () => provider.upload!(id!, files, { message, internal }),
    check: async () => {
      const found = (await provider.show(id!)).attachments.filter((a) => names.has(a.name));
      if (found.length >= names.size) return { found: true, value: found };
      throw new Error("the files are not (yet) on the ticket"); // an upload may lag: cannot tell
    },
  }).finally(() => progress.end());
  const list = attachments ?? [];
  if (opts["quiet"]) for (const a of list) deps.io.out(`${sanitize(a.id ?? a.name)}\n`);
  else await writeRecords(out, list as unknown as Record<string, unknown>[], ["id", "name", "size", "contentType", "url"], ["name", "size", "url"]);
  const n = attachments?.length ?? files.length;
  success(deps.io, `Uploaded ${n} file${n === 1 ? "" : "s"} to ticket ${sanitize(id!)}${recovered ? " (confirmed by reading the ticket back)" : ""}`);
}
