/**
 * A module that only an answer needs (a provider's zod schemas), loaded while the request is on
 * the wire. Building a vendor's schemas (zod itself included) takes several milliseconds before a
 * first request could otherwise be sent (issue 12: 8 of the ~45 ms `list --json` spends beyond
 * node's own start-up, on Comm100). `loadSoon(load)` returns a getter whose first call schedules
 * `load` for after this turn of the event loop's I/O (setImmediate): a request started in this
 * turn has been written by then, and the module is built while its answer is awaited. Every call
 * returns the same promise. Call it beside the request (Promise.all), or before awaiting the answer.
 */
export function loadSoon<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (loading === undefined) {
      loading = new Promise<void>((resolve) => setImmediate(resolve)).then(load);
      // A caller awaiting its answer first must not see this as an unhandled rejection meanwhile.
      loading.catch(() => {});
    }
    return loading;
  };
}
