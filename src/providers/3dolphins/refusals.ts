/**
 * Inputs 3Dolphins cannot carry, refused before any request (exit 6), never dropped and never
 * published by accident. 3Dolphins has no internal notes (vendor-notes 4.3: "No internal-note
 * endpoint exists"): sendMessage always reaches the customer, so anything meant as a note is
 * refused rather than sent as a message.
 */
import { UnsupportedError } from "../../errors.js";
import type { CloseInput, EscalateInput } from "../types.js";

export const NO_INTERNAL = "3Dolphins has no internal notes: graph/tickets/sendMessage always goes to the customer";

const refuse = (message: string) => new UnsupportedError(message, { vendor: "3dolphins" });

/** `reply --internal`, `upload --internal`: would publish a note. */
export function refuseInternal(internal: boolean | undefined, verb: "reply" | "upload"): void {
  if (internal) throw refuse(`${NO_INTERNAL}, so \`${verb} --internal\` is refused and nothing was sent`);
}

/**
 * `close --comment` is "an internal note to add": there is none to add it to, and update/close
 * documents no body (doc line 226), so a remark would be dropped at best. `--resolve` is not
 * refused: 3Dolphins closes tickets as resolved (every closed sample has closureType "Resolved").
 */
export function refuseCloseInputs(input: CloseInput): void {
  if (input.comment?.trim()) {
    throw refuse(`${NO_INTERNAL}, and its close endpoint takes no comment, so \`close --comment\` is refused and nothing was sent; close without --comment (and reply first if the customer should read it)`);
  }
}

/** `escalate --reason`: update/escalate carries only ticketNumber and supervisorId (doc line 203). */
export function refuseEscalateInputs(input: EscalateInput): void {
  if (input.reason?.trim()) {
    throw refuse("3Dolphins' escalate endpoint carries no reason (only ticketNumber and supervisorId) and it has no internal notes, so `escalate --reason` is refused and nothing was sent; escalate without --reason");
  }
}
