/**
 * Group commit for the packages one receive loop handles at once: their write transactions run
 * one after another inside a single transaction of the store, so one disk sync (synchronous=FULL)
 * serves the group instead of one per package, and a write stays short (nothing slow runs inside).
 *
 * Each write still resolves only once the transaction that holds it has committed, so a package is
 * acknowledged to the axis only after its rows are on disk (docs/reliability.md#group-commit).
 * Should one write of a group fail, the group is rolled back and each of its writes run again in
 * a transaction of its own: the failure stays that package's, as if there were no group. That
 * re-run is safe because a write's work only uses the transaction it is given (exchange-store.ts).
 *
 * A group commits when every worker that may still write is waiting for it, or when its first
 * write has waited `maxWaitMs` (a worker still downloading a large package does not hold the
 * others' commits, and acknowledgements, for long), and never while the group before it is still
 * committing: the store runs one write at a time, so a group handed over then would only wait in
 * its queue. The writes that arrive meanwhile join the group instead, so the groups grow when the
 * database is the slow part (PostgreSQL under load) and stay small when it is not.
 */
import type { ExchangeStore, ExchangeTransaction } from '../store/exchange-store.js';

interface Queued {
  work: (tx: ExchangeTransaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupedWrites {
  /** The store to hand the workers: reads as the store's own, writes grouped. */
  store: ExchangeStore;
  /** A worker that will write no more (it finished its share): the group stops waiting for it. */
  leave(): void;
}

export function groupedWrites(store: ExchangeStore, workers: number, maxWaitMs: number): GroupedWrites {
  let waitingFor = workers;
  let queued: Queued[] = [];
  let timer: NodeJS.Timeout | null = null;
  /** A group is committing (or re-running its writes one by one after a failure). */
  let committing = false;
  /** The group waiting for it is due: it goes as soon as the one committing has ended. */
  let due = false;

  const commit = (group: readonly Queued[]) =>
    store.write(async (tx) => {
      const results: unknown[] = [];
      for (const { work } of group) results.push(await work(tx));
      return results;
    });

  const settle = async (group: readonly Queued[]) => {
    try {
      const results = await commit(group);
      group.forEach(({ resolve }, index) => resolve(results[index]));
    } catch {
      await Promise.all(group.map(({ work, resolve, reject }) => store.write(work).then(resolve, reject)));
    }
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (queued.length === 0) return;
    if (committing) {
      due = true;
      return;
    }
    const group = queued;
    queued = [];
    due = false;
    committing = true;
    void settle(group).finally(() => {
      committing = false;
      if (due || (queued.length > 0 && queued.length >= waitingFor)) flush();
    });
  };

  const flushWhenAllWait = () => {
    if (queued.length > 0 && queued.length >= waitingFor) flush();
  };

  return {
    store: {
      read: store.read,
      write<T>(work: (tx: ExchangeTransaction) => Promise<T>): Promise<T> {
        return new Promise<T>((resolve, reject) => {
          queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
          timer ??= setTimeout(flush, maxWaitMs);
          flushWhenAllWait();
        });
      },
    },
    leave() {
      waitingFor--;
      flushWhenAllWait();
    },
  };
}
