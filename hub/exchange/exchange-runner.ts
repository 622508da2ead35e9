/**
 * The exchange loop the hub's leader runs (leadership.ts): the same round pieces the desktop's
 * sync process runs, against the hub's PostgreSQL store (hub/store/postgres-exchange-store.ts)
 * and the hub's blob files, with the axis client the sync process builds. Today that is the
 * outbox: what the agency sends (packages and statuses queued by the desks) goes to the axis,
 * with the pusher's own rules for failures and back-off. Receiving, directory sync and the
 * delivery trace join this loop, as the desktop's whole SyncEngine, once they stand on the
 * ExchangeStore interface as the pusher does.
 */
import type pg from 'pg';
import { createVxpClient } from '../../electron/core/exchange/axis-client/vxp-adapter.js';
import { pushOutbox } from '../../electron/core/exchange/outbox-pusher.js';
import { retryDelayMs } from '../../electron/core/exchange/backoff.js';
import type { BlobStore } from '../../electron/core/store/blob-store.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';
import { delay, type LeaderLoop } from './leadership.js';

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

/** Longest wait after failed rounds: the axis back in a while is tried again within minutes. */
const MAX_BACKOFF_MS = 5 * 60_000;

export function exchangeRunner(options: ExchangeRunnerOptions): LeaderLoop {
  const now = options.now ?? (() => new Date());
  return async (signal) => {
    const store = postgresExchangeStore(options.pool);
    const client = createVxpClient({ baseUrl: options.axis.url, systemId: options.axis.systemId, secret: options.axis.secret });
    const resumed = await store.write((tx) => tx.resumeInterruptedSends(now().toISOString()));
    if (resumed > 0) options.log?.(`exchange: ${resumed} package(s) the previous leader was sending will be sent again`);
    let failures = 0;
    while (!signal.aborted) {
      try {
        const pushed = await pushOutbox({ store, blobs: options.blobs, client, now });
        if (pushed.sent + pushed.failed > 0) options.log?.(`exchange: ${pushed.sent} package(s) sent, ${pushed.failed} refused or put back`);
        failures = 0;
      } catch (error) {
        failures++;
        options.log?.('exchange: the round stopped; trying again after a pause', error);
      }
      await delay(failures === 0 ? options.pollMs : retryDelayMs(failures, Math.random, Math.min(5_000, options.pollMs), MAX_BACKOFF_MS), signal);
    }
  };
}
