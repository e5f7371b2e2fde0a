/**
 * Writing a reply or a new ticket's message in the user's editor (issue 11 item 8).
 *
 * The file is ours, not the system temp folder's: created 0600 in `STATE/drafts/editing/` (folder
 * 0700), with a commented template (lines starting with `#` are left out of what is sent). The
 * editor is `$VISUAL`, then `$EDITOR`, then `vi`, run through `sh -c` like git does (so
 * `EDITOR="code --wait"` works) with the terminal handed over. After it exits the user chooses
 * Submit, Edit again or Cancel. Nothing written is lost: a failing editor, Cancel and Ctrl-C at
 * the choice keep the text as a draft and say where; only an empty text is thrown away ("nothing
 * to send", exit 2). The editing file is removed once its text is sent on or kept as a draft.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InterruptedError, OperationError, UsageError } from "../../errors.js";
import type { Deps } from "../../deps.js";
import type { TicketDetail } from "../../model/types.js";
import { sanitize } from "../../render/sanitize.js";
import { draftsDir, saveDraftWithId, type DraftInfo } from "./drafts.js";
import { comparableText } from "./reconcile.js";
import { ticketCommand } from "./shell.js";

export interface ComposeContext {
  /** Profile the text goes to (a kept draft remembers it). */
  profile: string;
  /** Ticket replied to; undefined for a new ticket. */
  ticket?: string | undefined;
  /** Verb and flags a kept draft remembers. */
  info: DraftInfo;
  /** Comment lines for the template (without the leading "# "). */
  about: string[];
}

type Choice = "submit" | "edit" | "cancel";

/** The text of an edited file: comment lines (starting with #) left out, blank lines around trimmed. */
export function stripTemplate(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !line.startsWith("#"))
    .join("\n")
    .replace(/^\s*\n/, "")
    .replace(/\s+$/, "");
}

export function templateFor(what: string, about: string[]): string {
  const lines = [
    `Write the ${what} above these lines; lines starting with # are left out.`,
    "Save and quit the editor to go on: you then choose Submit, Edit again or Cancel.",
    "To cancel, leave the text empty (or choose Cancel: the text is kept as a draft).",
    ...(about.length ? ["", ...about] : []),
  ];
  return `\n${lines.map((l) => (l ? `# ${l}` : "#")).join("\n")}\n`;
}

/** Readable text of a message body for quoting: HTML (Sobot) turned into lines, controls removed. */
function bodyLines(body: string): string[] {
  return body
    .split(/<br\s*\/?>|<\/p>|<\/div>|\r?\n/i)
    .map((line) => comparableText(sanitize(line)))
    .filter((line) => line !== "");
}

/** The template's "about" lines for a reply: the ticket's subject and status, and the last customer message quoted. */
export function replyAbout(detail: TicketDetail, internal: boolean, where: string): string[] {
  const s = (x: string | null | undefined) => sanitize(x ?? "");
  const lines = [
    `${internal ? "Internal note on" : "Reply to"} ticket ${s(detail.number ?? detail.id)}: ${s(detail.subject) || "(no subject)"}`,
    `Status: ${s(detail.status)}${detail.vendorStatus && detail.vendorStatus !== detail.status ? ` (${s(detail.vendorStatus)})` : ""} · ${where}`,
  ];
  if (internal) lines.push("This note is internal: the customer does not see it.");
  const last = [...detail.messages].reverse().find((m) => m.author.type === "customer" && !m.internal);
  if (last) {
    const who = s(last.author.name ?? last.author.id) || "the customer";
    lines.push("", `Last message from ${who}${last.createdAt ? ` (${s(last.createdAt)})` : ""}:`);
    const quoted = bodyLines(last.body);
    for (const line of quoted.slice(0, 30)) lines.push(`> ${line}`);
    if (quoted.length > 30) lines.push(`> [${quoted.length - 30} more lines]`);
  } else {
    lines.push("", "No message from the customer on this ticket yet.");
  }
  return lines;
}

/** The editor command: $VISUAL, then $EDITOR, then vi. */
export function editorCommand(env: NodeJS.ProcessEnv): string {
  return env["VISUAL"]?.trim() || env["EDITOR"]?.trim() || "vi";
}

/** Run the editor on `file` with the terminal; resolves with why it failed, or undefined when it exited 0. */
function runEditor(deps: Deps, editor: string, file: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    // sh -c like git: EDITOR may carry arguments ("code --wait"); the file goes as "$1", unquoted by nobody.
    const child = spawn("/bin/sh", ["-c", `${editor} "$1"`, "sh", file], { stdio: "inherit", env: deps.env });
    const stop = () => child.kill("SIGTERM");
    deps.signal.addEventListener("abort", stop, { once: true });
    const done = (why: string | undefined) => {
      deps.signal.removeEventListener("abort", stop);
      resolve(why);
    };
    child.on("error", (err) => done(`cannot start the editor "${editor}" (${err.message})`));
    child.on("exit", (code, signal) => {
      if (code === 0) done(undefined);
      else if (code === 127 || code === 126) done(`cannot start the editor "${editor}"; set $VISUAL or $EDITOR to one that works`);
      else if (signal) done(`the editor "${editor}" was ended by ${signal}`);
      else done(`the editor "${editor}" exited with status ${code}`);
    });
  });
}

/** Where the text is kept, and how to send it, for messages. */
function keep(deps: Deps, ctx: ComposeContext, text: string): string {
  const { id, path } = saveDraftWithId(deps.paths.stateDir, ctx.profile, ctx.ticket ?? "new", text, deps.now(), ctx.info);
  return `the text is kept as draft ${id} (${path}); send it with \`${ticketCommand(ctx.profile, "drafts", "send", String(id))}\``;
}

function preview(deps: Deps, text: string): void {
  const lines = text.split("\n");
  const shown = lines.slice(0, 12).map((l) => `  │ ${sanitize(l)}`);
  if (lines.length > 12) shown.push(`  │ … ${lines.length - 12} more lines`);
  deps.io.err(`${shown.join("\n")}\n`);
}

/**
 * Open the editor for `what` ("reply", "internal note", "first message") and return the text the
 * user chose to submit. Throws a UsageError for an empty text, an OperationError for a failing
 * editor or Cancel (text kept as a draft), an InterruptedError for Ctrl-C (text kept too).
 */
export async function composeInEditor(deps: Deps, what: string, ctx: ComposeContext): Promise<string> {
  const dir = join(draftsDir(deps.paths.stateDir), "editing");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(draftsDir(deps.paths.stateDir), 0o700);
  chmodSync(dir, 0o700);
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");
  const file = join(dir, `${safe(ctx.profile)}-${safe(ctx.ticket ?? "new")}-${process.pid}-${randomBytes(4).toString("hex")}.txt`);
  writeFileSync(file, templateFor(what, ctx.about), { mode: 0o600, flag: "wx" });
  const editor = editorCommand(deps.env);
  try {
    for (;;) {
      const failed = await runEditor(deps, editor, file);
      const text = stripTemplate(readFileSync(file, "utf8"));
      if (deps.signal.aborted) {
        const reason = deps.signal.reason instanceof InterruptedError ? deps.signal.reason : new InterruptedError();
        throw text ? new InterruptedError(`interrupted; ${keep(deps, ctx, text)}`, reason.signal) : reason;
      }
      if (failed) throw new OperationError(text ? `${failed}; ${keep(deps, ctx, text)}` : `${failed}; nothing was written`);
      if (!text) throw new UsageError(`nothing to send: the ${what} is empty`);
      preview(deps, text);
      let choice: Choice;
      try {
        choice = await (await deps.prompter()).select<Choice>(`Send this ${what}?`, [
          { name: "Submit", value: "submit" },
          { name: "Edit again", value: "edit" },
          { name: "Cancel (keep it as a draft)", value: "cancel" },
        ]);
      } catch (err) {
        if (err instanceof InterruptedError) throw new InterruptedError(`interrupted; ${keep(deps, ctx, text)}`, err.signal);
        throw err;
      }
      if (choice === "submit") return text;
      if (choice === "cancel") throw new OperationError(`cancelled; ${keep(deps, ctx, text)}`);
    }
  } finally {
    rmSync(file, { force: true });
  }
}
