/**
 * What reaches the customer: POST graph/tickets/sendMessage (doc lines 73-86) and files uploaded
 * with POST graph/tickets/files (lines 248-259) and referenced by a message, since a message has
 * no attachment field. 3Dolphins has no internal notes: everything sent here is public.
 */
import { readFile } from "node:fs/promises";
import { ConfigError, NotFoundError, OperationError } from "../../errors.js";
import type { Attachment, Message } from "../../model/types.js";
import type { LocalFile, ProviderContext } from "../types.js";
import type { ThreeDolphinsApi } from "./api.js";
import { cleanFileLink } from "./files.js";
import { isOurMessage, UPLOAD_FIELD, uploadReplyText } from "./guesses.js";
import { contentTypeFor, epochToIso, fileLinksIn } from "./map.js";
import { WireMessageSchema, type WireTicket } from "./schema.js";
import { subjectOf } from "./tickets.js";

export function createMessenger(ctx: ProviderContext, api: ThreeDolphinsApi, fileLinkBase: string) {
  /** The profile's agent id, the replyAgent of every message (doc line 82). */
  function replyAgent(verb: string): string {
    const agent = ctx.profile.settings["replyAgent"]?.trim();
    if (!agent) {
      throw new ConfigError(
        `profile "${ctx.profile.name}" has no replyAgent setting: ${verb} needs the 3Dolphins agent id that sends messages (ticket profile set ${ctx.profile.name} replyAgent=<agentId>)`,
        { vendor: "3dolphins" },
      );
    }
    return agent;
  }

  async function sendMessage(id: string, wire: WireTicket, agent: string, text: string): Promise<Message> {
    const channelType = wire.channelType?.trim();
    if (!channelType) throw new OperationError(`3Dolphins: ${subjectOf(id)} has no channelType, so no message can be sent`, { vendor: "3dolphins" });
    let data: unknown;
    try {
      data = (await api.send("POST", "graph/tickets/sendMessage", { ticketNumber: id, channelType, replyAgent: agent, message: text }, subjectOf(id))).data;
    } catch (err) {
      // The ticket was just read, so a "not found" is about the agent: the profile's setting.
      if (err instanceof NotFoundError) {
        throw new ConfigError(`3Dolphins does not know the profile's replyAgent "${agent}" (${err.message})`, {
          vendor: "3dolphins",
          httpStatus: err.httpStatus,
          vendorCode: err.vendorCode,
          hint: `Set your agent id: ticket profile set ${ctx.profile.name} replyAgent=<agentId>`,
        });
      }
      throw err;
    }
    const rec = data && typeof data === "object" && !Array.isArray(data) ? WireMessageSchema.parse(data) : undefined;
    const ours = rec && isOurMessage(rec, text) ? rec : undefined;
    // We wrote it: the body is what we sent and the author our agent, whatever record came back.
    return {
      id: ours?.messageId?.trim() || ours?.id?.trim() || `${id}-${ctx.now().getTime()}`,
      author: { type: "agent", id: agent, name: ours?.agentName?.trim() || null },
      body: text,
      internal: false,
      createdAt: epochToIso(ours?.createdDate) ?? ctx.now().toISOString(),
      attachments: fileLinksIn(text, fileLinkBase),
    };
  }

  /** Store each file; every one must come back with a usable link, else nothing is referenced. */
  async function uploadFiles(id: string, files: LocalFile[]): Promise<Attachment[]> {
    const out: Attachment[] = [];
    for (const file of files) {
      const content = await readFile(file.path);
      const form = new FormData();
      form.append(UPLOAD_FIELD, new Blob([content], { type: contentTypeFor(file.name) ?? "application/octet-stream" }), file.name);
      const env = await api.sendForm("graph/tickets/files", form, `file ${file.name}`);
      const link = cleanFileLink(env.data, api.base, api.tokens.secretsSeen());
      const fileId = link.url ? (fileLinksIn(link.url, fileLinkBase)[0]?.id ?? null) : null;
      out.push({ id: fileId, name: file.name, size: file.size ?? content.length, contentType: contentTypeFor(file.name), url: link.url });
    }
    const missing = out.filter((f) => f.url === null).map((f) => f.name);
    if (missing.length > 0) {
      // The doc's own sample answer is "null?access_token=...": no link. A message without the
      // link would tell the customer "attached" with nothing attached, so none is sent.
      const them = missing.length === 1 ? "it" : "them";
      throw new UploadNotAttachedError(
        `3Dolphins stored ${missing.join(", ")} but returned no usable link, so ${them} could not be attached to ${subjectOf(id)}; no message was sent to the customer`,
        missing,
      );
    }
    return out;
  }

  /** Upload files and send one message carrying their links (and the text, if any). */
  async function sendWithFiles(id: string, wire: WireTicket, agent: string, text: string | undefined, files: LocalFile[]): Promise<{ message: Message; attachments: Attachment[] }> {
    const attachments = await uploadFiles(id, files);
    const links = attachments.map((f) => ({ name: f.name, url: f.url! }));
    const message = await sendMessage(id, wire, agent, uploadReplyText(text, links));
    return { message, attachments };
  }

  return { replyAgent, sendMessage, sendWithFiles };
}

/**
 * Files stored at the vendor but not referenced on the ticket (exit 1): the upload happened, the
 * message did not, and nothing reached the customer. The vendor's answer is what refused us a
 * link, so the error carries a vendorCode ("no-link"): the write layer must not take the upload's
 * 2xx for a done verb whose answer was merely unreadable, and read it back into a success.
 */
export class UploadNotAttachedError extends OperationError {
  constructor(
    message: string,
    readonly files: string[],
  ) {
    super(message, {
      vendor: "3dolphins",
      vendorCode: "no-link",
      hint: "The files are on the 3Dolphins server but not on the ticket; attach them from the 3Dolphins console",
    });
  }
}
