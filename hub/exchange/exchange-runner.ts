/**
 * The exchange loop the hub's leader runs (leadership.ts): the desktop's whole SyncEngine
 * (electron/core/exchange/sync-engine.ts) against the hub's PostgreSQL store
 * (hub/store/postgres-exchange-store.ts) and the hub's blob files, with the axis client the sync
 * process builds. So the hub does what a desk's sync process does, by the same rules: it sends
 * what the desks queued, receives (once per axis package, quarantine and conflicts included),
 * pulls the agency directory and traces delivery, with the engine's own back-off.
 *
 * The engine takes the core's BlobStore class; the hub's FileBlobStore keeps one over its folder
 * (`files`), so the engine reads and writes the same files the hub's own code does.
 */
import { once } from 'node:events';
import type pg from 'pg';
import type { SyncStatus } from '../../shared/api/sync-status.js';
import { createVxpClient } from '../../electron/core/exchange/axis-client/vxp-adapter.js';
import { SyncEngine, type ReceiveConcurrency } from '../../electron/core/exchange/sync-engine.js';
import type { SyncMessage } from '../../electron/core/exchange/sync-protocol.js';
import type { BlobStore } from '../../electron/core/store/blob-store.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';
import type { LeaderLoop } from './leadership.js';

export interface AxisAccount {
  url: string;
  systemId: string;
  secret: string;
}

export interface ExchangeRunnerOptions {
  pool: pg.Pool;
  blobs: BlobStore;
  axis: AxisAccount;
  /** Between two rounds when all went well. */
  pollMs: number;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

const TROUBLE: readonly SyncStatus['phase'][] = ['offline', 'error', 'stopped', 'disk_full'];

/**
 * The hub receives for the whole agency, on a server: more packages at once than a desk, so that
 * downloads, parsing and file syncs overlap while the arrivals before them commit, together
 * (docs/architecture.md, "Agency hub", exchange loop). 64: a package spends most of its time
 * waiting on the axis, the disk and PostgreSQL, not on this process, so more of them at once kept
 * raising the rate in the bench (docs/reliability.md#hub-ingest).
 */
export const HUB_RECEIVING: ReceiveConcurrency = { workers: 64, groupWaitMs: 10 };

export function exchangeRunner(options: ExchangeRunnerOptions): LeaderLoop {
  return async (signal) => {
    const engine = new SyncEngine({
      store: postgresExchangeStore(options.pool),
      blobs: options.blobs,
      client: createVxpClient({ baseUrl: options.axis.url, systemId: options.axis.systemId, secret: options.axis.secret }),
      selfId: options.axis.systemId,
      axisUrl: options.axis.url,
      report: logged(options.log),
      pollMs: options.pollMs,
      receiving: HUB_RECEIVING,
      ...(options.now && { now: options.now }),
    });
    // start() queues again what a leader that died mid-upload left in 'sending' (the same bytes, so
    // an axis that had taken them answers with the same id) before its first round.
    await engine.start();
    try {
      if (!signal.aborted) await once(signal, 'abort');
    } finally {
      await engine.stop();
    }
  };
}

/**
 * What the engine reports, as the hub's log lines: each trouble once when it begins (the engine
 * republishes its status for progress and queue length), the way back, and each arrival.
 */
function logged(log: ExchangeRunnerOptions['log']): (message: SyncMessage) => void {
  let trouble: string | null = null;
  return (message) => {
    if (!log) return;
    if (message.type === 'arrived') log(`exchange: document ${message.id} arrived`);
    if (message.type !== 'status') return;
    const { phase, message: detail } = message.status;
    if (TROUBLE.includes(phase)) {
      const now = `${phase}: ${detail ?? ''}`;
      if (now !== trouble) log(`exchange: the round stopped (${phase}); the engine tries again by itself`, new Error(detail ?? phase));
      trouble = now;
    } else if (phase === 'idle' && trouble !== null) {
      trouble = null;
      log('exchange: the axis answers again');
    }
  };
}
