/**
 * Exactly one hub instance exchanges with the axis: the one holding the exchange leader's lock
 * (hub/store/exchange-leader-lock.ts) on a connection of its own. The others stand by and try
 * again every `retryMs`; when the leader dies its connection ends, PostgreSQL releases the lock,
 * and the next try of a standby takes it (docs/architecture.md, "Agency hub").
 *
 * The leader checks its connection every `retryMs` too. When that check fails (the server
 * restarted, the connection was cut), the lock may already be another's: the leader stops its
 * loop, drops the connection and stands by like the others.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { holdsExchangeLeaderLock, releaseExchangeLeaderLock, tryTakeExchangeLeaderLock } from '../store/exchange-leader-lock.js';

export type ExchangeRole = 'leader' | 'standby';

/** Runs while this instance leads, until `signal` aborts; a rejection gives the leadership up. */
export type LeaderLoop = (signal: AbortSignal) => Promise<void>;

export interface LeadershipOptions {
  pool: pg.Pool;
  loop: LeaderLoop;
  retryMs?: number;
  /** Told of every change of role and of what made the leader give up. */
  log?: (message: string, error?: unknown) => void;
}

export const LEADERSHIP_RETRY_MS = 2_000;

export class ExchangeLeadership {
  private current: ExchangeRole = 'standby';
  private readonly stopping = new AbortController();
  private campaign: Promise<void> | null = null;

  constructor(private readonly options: LeadershipOptions) {}

  get role(): ExchangeRole {
    return this.current;
  }

  start(): void {
    this.campaign ??= this.run();
  }

  /** Stops the loop (if leading), gives the lock back and closes its connection. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.campaign;
  }

  private async run(): Promise<void> {
    const retryMs = this.options.retryMs ?? LEADERSHIP_RETRY_MS;
    while (!this.stopping.signal.aborted) {
      let connection: pg.PoolClient | null = null;
      // Set when the connection can go back to the pool: it holds no lock and is known healthy.
      let clean = false;
      try {
        connection = await this.options.pool.connect();
        // A connection that fails between two queries reports here (unheard, it would end the
        // process); the next check then finds it broken.
        connection.on('error', ignore);
        if (await tryTakeExchangeLeaderLock(connection)) {
          await this.lead(connection, retryMs);
          await releaseExchangeLeaderLock(connection);
        }
        clean = true;
      } catch (error) {
        this.options.log?.('exchange leadership: the lock connection failed; standing by', error);
      } finally {
        connection?.off('error', ignore);
        connection?.release(!clean);
      }
      await delay(retryMs, this.stopping.signal);
    }
  }

  /** Runs the loop while the lock is held, this instance is not stopping and the loop has not ended. */
  private async lead(connection: pg.PoolClient, checkMs: number): Promise<void> {
    // Stopped while the lock was being taken: the caller gives it back at once.
    if (this.stopping.signal.aborted) return;
    const leading = new AbortController();
    const stop = () => leading.abort();
    this.stopping.signal.addEventListener('abort', stop);
    // The server ending this connection (it released the lock) is heard at once, not at the next check.
    connection.on('error', stop);
    connection.on('end', stop);
    this.current = 'leader';
    this.options.log?.('exchange leadership: this instance now runs the exchange');
    const ended = this.options.loop(leading.signal).then(
      () => 'ended' as const,
      (error: unknown) => {
        this.options.log?.('exchange leadership: the exchange loop failed; giving the leadership up', error);
        return 'ended' as const;
      },
    );
    try {
      while (!leading.signal.aborted) {
        if ((await Promise.race([delay(checkMs, leading.signal), ended])) === 'ended' || leading.signal.aborted) break;
        // A check the server does not answer in time counts as lost: the lock may be another's by now.
        const held = await Promise.race([holdsExchangeLeaderLock(connection), sleep(checkMs, false)]);
        if (!held) throw new Error('the server did not confirm in time that this connection still holds the lock');
      }
    } finally {
      leading.abort();
      this.stopping.signal.removeEventListener('abort', stop);
      connection.off('error', stop);
      connection.off('end', stop);
      await ended;
      this.current = 'standby';
      this.options.log?.('exchange leadership: this instance stands by');
    }
  }
}

const ignore = () => undefined;

/** Resolves after `ms`, or at once when `signal` aborts. */
export const delay = (ms: number, signal: AbortSignal): Promise<void> => sleep(ms, undefined, { signal }).catch(() => undefined);

/** Several loops under one leadership: all stop when it ends, and the first that fails stops the others and gives it up. */
export function together(...loops: LeaderLoop[]): LeaderLoop {
  return async (signal) => {
    const inner = new AbortController();
    const stop = () => inner.abort();
    signal.addEventListener('abort', stop, { once: true });
    try {
      await Promise.all(
        loops.map((loop) =>
          loop(inner.signal).catch((error: unknown) => {
            inner.abort();
            throw error;
          }),
        ),
      );
    } finally {
      signal.removeEventListener('abort', stop);
    }
  };
}
