/**
 * The sync process's loop: one round at a time, on a timer, on "sync now", or after a back-off.
 * Retryable failures (network, timeouts, 5xx, axis errors 20/21) wait with jittered back-off and
 * try again by themselves; permanent ones (credentials, refused packages) stop with an
 * actionable message until the clerk asks again, because retrying them would only repeat the
 * refusal.
 */
import { INITIAL_SYNC_STATUS, type SyncProblem, type SyncStatus } from '../../../shared/api/sync-status.js';
import type { BlobStore } from '../store/blob-store.js';
import { writeTransaction, type Db } from '../store/database.js';
import { exchangedPackageCount, nextOutboxAttemptAt, pendingOutboxCount, releaseBackedOff, resumeInterruptedSends } from '../store/outbox.js';
import { AxisError, type AxisClient } from './axis-client/types.js';
import { retryDelayMs } from './backoff.js';
import { axisProblemCode } from './axis-problem.js';
import { syncDirectory } from './directory-sync.js';
import { exchangeRound } from './exchange-round.js';
import type { SyncMessage } from './sync-protocol.js';

export interface SyncEngineOptions {
  db: Db;
  blobs: BlobStore;
  client: AxisClient;
  /** This agency's axis id. */
  selfId: string;
  /** The axis address, named in the problems the status bar shows. */
  axisUrl?: string;
  report: (message: SyncMessage) => void;
  pollMs?: number;
  directoryEveryMs?: number;
  random?: () => number;
  now?: () => Date;
}

export class SyncEngine {
  private status: SyncStatus = { ...INITIAL_SYNC_STATUS, phase: 'idle' };
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;
  private attempt = 0;
  /** When the current back-off ends (ms since epoch); null when the last round succeeded. */
  private retryAt: number | null = null;
  private directoryDueAt = 0;
  private rerun = false;

  constructor(private readonly options: SyncEngineOptions) {}

  start(): void {
    const { db } = this.options;
    writeTransaction(db, () => resumeInterruptedSends(db, this.now().toISOString()));
    this.publish({ queueLength: pendingOutboxCount(db) });
    this.schedule(0);
  }

  /** Something was queued or released from quarantine: exchange now, without the directory. */
  kick(): void {
    if (this.round) {
      this.rerun = true;
      return;
    }
    this.schedule(0);
  }

  /** The clerk's "sync now": also pulls the directory and clears a permanent stop. */
  syncNow(): void {
    this.directoryDueAt = 0;
    if (this.round) {
      this.rerun = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.round;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.round = this.runRound().finally(() => {
        this.round = null;
        if (this.rerun) {
          this.rerun = false;
          this.schedule(0);
        }
      });
    }, delayMs);
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  private async runRound(): Promise<void> {
    const { db, client, report } = this.options;
    const exchangedBefore = exchangedPackageCount(db);
    this.publish({ phase: 'syncing', message: null, problem: null, nextAttemptAt: null });
    try {
      if (this.now().getTime() >= this.directoryDueAt) {
        const changed = await syncDirectory(db, client, ({ done, total }) => this.publish({ progress: { task: 'directory', done, total } }));
        this.directoryDueAt = this.now().getTime() + (this.options.directoryEveryMs ?? 6 * 3600_000);
        if (changed > 0) report({ type: 'changed', what: 'agencies' });
      }
      if (this.attempt > 0) writeTransaction(db, () => releaseBackedOff(db, this.now().toISOString()));
      await exchangeRound({
        db,
        blobs: this.options.blobs,
        client,
        selfId: this.options.selfId,
        now: () => this.now(),
        random: this.options.random,
        report,
        onProgress: (done, total) => {
          if (total >= 20) this.publish({ progress: { task: 'receiving', done, total } });
        },
      });
      this.attempt = 0;
      this.retryAt = null;
      this.publish({ phase: 'idle', lastSyncAt: this.now().toISOString(), progress: null, message: null, problem: null, queueLength: pendingOutboxCount(db) });
      this.schedule(this.nextRoundDelay());
    } catch (error) {
      this.handleFailure(error, exchangedPackageCount(db) > exchangedBefore);
    }
  }

  /** `progressed`: the round got packages through before it failed. */
  private handleFailure(error: unknown, progressed: boolean): void {
    const axisError = error instanceof AxisError ? error : null;
    if (axisError && axisError.kind === 'permanent') {
      this.publish({ phase: 'error', progress: null, message: axisError.message, problem: this.problemOf(axisError), nextAttemptAt: null });
      return;
    }
    const now = this.now().getTime();
    if (progressed || this.retryAt === null || now >= this.retryAt) {
      // An axis that lets some packages through is flaky, not gone: backing off further after each
      // such round would leave hundreds of waiting packages hours behind. Try again soon instead.
      this.attempt = progressed ? 1 : this.attempt + 1;
      this.retryAt = now + retryDelayMs(this.attempt, this.options.random);
    }
    // Otherwise a round started early (something queued, a retry released) failed within the
    // back-off: the next retry stays where it was. Counting it would double the wait with every
    // document the clerk queued during an outage, into the quarter-hours.
    const offline = axisError !== null && (axisError.code === 'network' || axisError.code === 'timeout');
    const message = error instanceof Error ? error.message : String(error);
    this.publish({
      phase: offline ? 'offline' : 'error',
      progress: null,
      message,
      problem: this.problemOf(error),
      nextAttemptAt: new Date(this.retryAt).toISOString(),
      queueLength: pendingOutboxCount(this.options.db),
    });
    this.schedule(this.retryAt - now);
  }

  private problemOf(error: unknown): SyncProblem {
    return { code: axisProblemCode(error), axisUrl: this.options.axisUrl ?? null, detail: error instanceof Error ? error.message : String(error) };
  }

  /** The next poll, or sooner when a package waits for its retry time. */
  private nextRoundDelay(): number {
    const poll = this.options.pollMs ?? 60_000;
    const retryAt = nextOutboxAttemptAt(this.options.db);
    return retryAt === null ? poll : Math.max(0, Math.min(poll, new Date(retryAt).getTime() - this.now().getTime()));
  }

  private publish(change: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...change };
    this.options.report({ type: 'status', status: this.status });
  }
}
