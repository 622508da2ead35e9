/**
 * One exchange with the axis: send what waits, receive documents and statuses, retry what the
 * clerk released from quarantine, then send again (the 01 statuses just queued, answers).
 */
import type { ExchangeStore } from '../store/exchange-store.js';
import type { BlobStore } from '../store/blob-store.js';
import { isDiskFull } from '../store/storage-errors.js';
import type { AxisClient } from './axis-client/types.js';
import type { PackageReader } from './edxml/package-reading-thread.js';
import { acknowledgementOf, isRejection, readStoredPackage, receivePackage, RejectedPackage, storeParsed, type ReceiveDeps, type ReceiveOutcome } from './incoming.js';
import { Acknowledger } from './acknowledger.js';
import { groupedWrites } from './grouped-writes.js';
import { pushOutbox } from './outbox-pusher.js';
import { traceDeliveries } from './delivery-trace.js';
import type { SyncMessage } from './sync-protocol.js';

/**
 * How receiving overlaps packages: `workers` packages at a time, their writes committed together
 * (grouped-writes.ts), a group waiting at most `groupWaitMs` for the workers still downloading;
 * as many acknowledgements as workers on their way to the axis behind them (acknowledger.ts).
 */
export interface ReceiveConcurrency {
  workers: number;
  groupWaitMs: number;
  /** Of the workers, how many may download and read a package at once (default: all). */
  streams?: number;
}

/**
 * A desk's: a few packages at once, enough to overlap one's download with another's parsing and
 * fsyncs on a desktop. Eight, with the parsing on its own thread: a package then spends most of
 * its time waiting on disk syncs (its files, their folders, the database's WAL), which more
 * packages at once overlap; only four download and read at once, so that the memory large
 * packages hold stays what four workers held (docs/architecture.md, "Receiving many packages").
 * The hub, a server on PostgreSQL, takes more (hub/exchange/exchange-runner.ts).
 */
export const DESK_RECEIVING: ReceiveConcurrency = { workers: 8, streams: 4, groupWaitMs: 20 };

/**
 * Runs the work given to it at most `limit` at a time, the others waiting their turn in order. A
 * turn that ends goes straight to the first waiting: work asking in that moment waits as well,
 * rather than run beside it.
 */
export function limited(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const turns: (() => void)[] = [];
  return async (work) => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => turns.push(resolve));
    try {
      return await work();
    } finally {
      const next = turns.shift();
      if (next) next();
      else running--;
    }
  };
}

/**
 * Runs `work` over `items`, at most `limit` at once; the first failure stops taking new items,
 * and is thrown once the items already begun have ended (so that what they hand on, such as
 * acknowledgements, is not left behind the round). `leave` is called as each worker ends.
 */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, leave: () => void): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    try {
      while (!failure && next < items.length) {
        const item = items[next++]!;
        try {
          await work(item);
        } catch (error) {
          failure ??= { error };
        }
      }
    } finally {
      leave();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

export interface RoundDeps {
  store: ExchangeStore;
  blobs: BlobStore;
  client: AxisClient;
  selfId: string;
  now: () => Date;
  random?: () => number;
  /** False while receiving waits for room on the disk: the round only sends. */
  receive: boolean;
  keepFreeBytes?: number;
  /** Reads a downloaded package (default: readPackageFile on this thread). */
  readPackage?: PackageReader;
  report: (message: SyncMessage) => void;
  /** Progress of a long pull, for the status bar. */
  onProgress: (done: number, total: number) => void;
  /** DESK_RECEIVING unless given. */
  receiving?: ReceiveConcurrency;
}

export async function exchangeRound(deps: RoundDeps): Promise<void> {
  const changed = new Set<number>();
  /**
   * Documents this round announced as arrived: the announcement is their change for the UI (it
   * refreshes the lists once), so the round's closing report leaves them out unless a later
   * package changed them again (their own receipt 01, sent by this round, is part of arriving).
   */
  const announced = new Set<number>();
  const changedAgain = new Set<number>();
  let quarantined = false;
  const receiving = deps.receiving ?? DESK_RECEIVING;
  const acknowledger = new Acknowledger(deps, receiving.workers);
  const note = (outcome: ReceiveOutcome) => {
    if (outcome.arrived) {
      announced.add(outcome.arrived.id);
      deps.report({ type: 'arrived', ...outcome.arrived });
    } else if (outcome.documentId !== null) {
      changed.add(outcome.documentId);
      changedAgain.add(outcome.documentId);
    }
    if (outcome.outcome === 'quarantined') quarantined = true;
  };
  try {
    for (const id of (await pushOutbox(deps)).documentIds) changed.add(id);
    // Documents first, so that statuses about them find them; a few packages at a time, so that
    // one package's download overlaps another's parsing and fsyncs, and their acknowledgements.
    for (const messageType of deps.receive ? (['edoc', 'status'] as const) : []) {
      // An axis may list a package twice: two copies received at once would both be new to the
      // inbound record, and the second would fail the round on its unique axis id.
      const waiting = [...new Map((await deps.client.listReceived(messageType)).map((row) => [row.docId, row])).values()];
      let done = 0;
      const workers = Math.min(receiving.workers, waiting.length);
      const grouped = groupedWrites(deps.store, workers, receiving.groupWaitMs);
      const receiveDeps = { ...deps, store: grouped.store, streaming: limited(receiving.streams ?? receiving.workers) };
      await inParallel(
        waiting,
        workers,
        async (row) => {
          const outcome = await receivePackage(receiveDeps, row);
          note(outcome);
          // Committed: acknowledged behind, while this worker takes the next package.
          await acknowledger.send(acknowledgementOf(row.docId, outcome));
          deps.onProgress(++done, waiting.length);
        },
        grouped.leave,
      );
      // Statuses come after the documents' acknowledgements, as they did one package at a time.
      await acknowledger.finish();
    }
    if (deps.receive && (await retryQuarantine(deps, note))) quarantined = true;
    for (const id of (await pushOutbox(deps)).documentIds) changed.add(id);
    for (const id of await traceDeliveries(deps.store, deps.client, deps.now)) changed.add(id);
  } finally {
    const ids = [...changed].filter((id) => !announced.has(id) || changedAgain.has(id));
    if (ids.length > 0) deps.report({ type: 'changed', what: 'documents', ids });
    if (quarantined) deps.report({ type: 'changed', what: 'quarantine' });
    await acknowledger.settle();
  }
}

/** Packages the clerk asked to retry: parsed and stored again from the kept bytes. */
async function retryQuarantine(deps: ReceiveDeps, note: (outcome: ReceiveOutcome) => void): Promise<boolean> {
  const items = await deps.store.read.retryingQuarantine();
  for (const item of items) {
    const at = () => deps.now().toISOString();
    await deps.store.write((tx) => tx.forgetInbound(item.axisDocId));
    try {
      if (!item.packageSha256) throw new RejectedPackage('bytes_not_kept', 'The package bytes were not kept, so it cannot be retried: ask the sender to send it again.');
      const read = await readStoredPackage(deps, item.packageSha256);
      const outcome = await storeParsed(deps, item.axisDocId, item.senderId ?? '', read, item.packageSha256);
      await deps.store.write((tx) => tx.removeQuarantined(item.id));
      note(outcome);
    } catch (error) {
      // A full disk waits like any receive (the item stays in 'retrying'); anything else stays in quarantine, with its reason.
      if (!(error instanceof Error) || isDiskFull(error)) throw error;
      const reason = isRejection(error) ? error.reason : 'other';
      await deps.store.write(async (tx) => {
        await tx.quarantinePackage({ axisDocId: item.axisDocId, messageType: item.messageType, senderId: item.senderId, reason, detail: error.message, packageSha256: item.packageSha256 }, at());
        await tx.recordInbound({ axisDocId: item.axisDocId, messageType: item.messageType, outcome: 'quarantined', documentId: null }, at());
      });
    }
  }
  return items.length > 0;
}
