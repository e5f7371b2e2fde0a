/**
 * Bounded concurrency for bulk runs: at most `concurrency` items at once, in input order of
 * starting. The first item runs alone (a wrong credential or profile then costs one request, not
 * one per worker); the rest go `concurrency` at a time. `canStart` is asked before every new item:
 * once it says no, nothing new starts and the run ends when the items in flight have settled.
 * `work` reports an item's own failure itself; anything it throws ends the run the same way and is
 * rethrown once the items in flight have settled.
 */
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>, canStart: () => boolean): Promise<void> {
  let next = 0;
  let fatal: { err: unknown } | undefined;
  const mayStart = () => fatal === undefined && next < items.length && canStart();
  const runOne = async () => {
    const i = next++;
    try {
      await work(items[i]!, i);
    } catch (err) {
      fatal ??= { err };
    }
  };
  if (mayStart()) await runOne();
  const worker = async () => {
    while (mayStart()) await runOne();
  };
  const width = Math.max(0, Math.min(concurrency, items.length - next));
  await Promise.all(Array.from({ length: width }, worker));
  if (fatal) throw fatal.err;
}
