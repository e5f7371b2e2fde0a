/**
 * Coalesced writes for streamed lists (issue 12 item 2). A list streamed one write per ticket costs
 * a write to the pipe, and a pass of the redactor, for every ticket: on 10,000 tickets that was
 * the largest single cost of `list --all --ndjson`. Here text is held until the current turn of the
 * event loop ends (setImmediate: every ticket of the page just parsed has been rendered, and the
 * walk is waiting for the network) or until BATCH_CHARS are held, then written at once. So a ticket
 * still leaves the process as soon as its page has been rendered, and what is held is at most a
 * page or so: back-pressure (the pipe's reader is slower) is seen at the next write as before.
 * `flush()` writes what is held now: at the end of a list, and before an error is reported.
 */
export const BATCH_CHARS = 64 * 1024;

export interface BatchedWrite {
  write: (text: string) => void;
  /** Write what is held now. */
  flush: () => void;
}

export function batchWrites(write: (text: string) => void, limit = BATCH_CHARS): BatchedWrite {
  let held = "";
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    if (scheduled !== undefined) {
      clearImmediate(scheduled);
      scheduled = undefined;
    }
    if (held === "") return;
    const text = held;
    held = "";
    write(text);
  };
  return {
    write: (text) => {
      held += text;
      if (held.length >= limit) flush();
      else scheduled ??= setImmediate(flush);
    },
    flush,
  };
}
