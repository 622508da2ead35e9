/**
 * The sync process's loop: one round at a time, on a timer, on "sync now", or after a back-off.
 * A call cut on the way is tried again at once, twice at most (call-retry.ts). Retryable failures
 * (network, timeouts, 5xx, axis errors 20/21) that persist wait with jittered back-off and try
 * again by themselves; the back-off starts again from its first step as soon as the axis
 * answers a call, and never grows past a minute (docs/reliability.md#recovery). Permanent ones
 * (credentials, refused packages) stop with an actionable message until the clerk asks again,
 * because retrying them would only repeat the refusal. A full disk pauses receiving (sending goes
 * on) until the disk has room again: no download is tried meanwhile, so no retry storm.
 */
import { INITIAL_SYNC_STATUS, type SyncProblem, type SyncStatus } from '../../../shared/api/sync-status.js';
import type { BlobStore } from '../store/blob-store.js';
import type { ExchangeStore } from '../store/exchange-store.js';
import { isDiskFull } from '../store/storage-errors.js';
import { watchAnswers } from './axis-client/answer-watch.js';
import { retryCutCalls } from './axis-client/call-retry.js';
import { AxisError, type AxisClient } from './axis-client/types.js';
import { retryDelayMs } from '../process/backoff.js';
import { axisProblemCode } from './axis-problem.js';
import { KEEP_FREE_BYTES, roomToReceive } from './edxml/receive-limits.js';
import type { PackageReader } from './edxml/package-reading-thread.js';
import { pullAgencyDirectory } from './directory-sync.js';
import { exchangeRound, type ReceiveConcurrency } from './exchange-round.js';

export type { ReceiveConcurrency };
import type { SyncMessage } from './sync-protocol.js';

export interface SyncEngineOptions {
  /** The store the exchange runs on: the agency's SQLite file on a desk, PostgreSQL on the hub. */
  store: ExchangeStore;
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
  /** Free space receiving leaves on the data folder's disk (default KEEP_FREE_BYTES). */
  keepFreeBytes?: number;
  /** First wait before receiving is tried again on a full disk (default 30 s; it doubles up to 15 min). */
  diskRecheckMs?: number;
  /** How many packages a round receives at once (default: a desk's, exchange-round.ts). */
  receiving?: ReceiveConcurrency;
  /** Reads the downloaded packages: on this thread unless given (package-reading-thread.ts). */
  readPackage?: PackageReader;
}

/** The engine's back-off never waits longer than this: an axis that is back is used within a minute. */
const MAX_BACKOFF_MS = 60_000;
const MAX_DISK_RECHECK_MS = 15 * 60_000;

/** Receiving waits for room on the disk: why, and when it looks again. */
interface DiskFull {
  message: string;
  failures: number;
  recheckAt: number;
}

export class SyncEngine {
  // Syncing, not idle, until the first round ends: "Sẵn sàng" before the axis has answered once
  // would tell the clerk all is well while nothing has been exchanged yet.
  private status: SyncStatus = { ...INITIAL_SYNC_STATUS, phase: 'syncing' };
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;
  private attempt = 0;
  /** When the current back-off ends (ms since epoch); null when the last round succeeded. */
  private retryAt: number | null = null;
  private directoryDueAt = 0;
  private rerun = false;
  /** Whether the axis answered a call in the current round. */
  private answered = false;
  private diskFull: DiskFull | null = null;
  private readonly client: AxisClient;
  private readonly store: ExchangeStore;

  constructor(private readonly options: SyncEngineOptions) {
    this.client = watchAnswers(retryCutCalls(options.client, { random: options.random }), () => (this.answered = true));
    this.store = options.store;
  }

  async start(): Promise<void> {
    await this.store.write((tx) => tx.resumeInterruptedSends(this.now().toISOString()));
    this.publish({ queueLength: await this.store.read.pendingOutboxCount() });
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

  /** The clerk's "sync now": also pulls the directory, clears a permanent stop and looks at the disk again. */
  syncNow(): void {
    this.directoryDueAt = 0;
    if (this.diskFull) this.diskFull.recheckAt = 0;
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
    const { report } = this.options;
    const client = this.client;
    this.answered = false;
    this.publish({ phase: 'syncing', message: null, problem: null, nextAttemptAt: null });
    try {
      if (this.now().getTime() >= this.directoryDueAt) {
        const changed = await pullAgencyDirectory(
          this.store,
          client,
          ({ done, total }) => this.publish({ progress: { task: 'directory', done, total } }),
          () => this.now(),
        );
        this.directoryDueAt = this.now().getTime() + (this.options.directoryEveryMs ?? 6 * 3600_000);
        if (changed > 0) report({ type: 'changed', what: 'agencies' });
      }
      await exchangeRound({
        store: this.store,
        blobs: this.options.blobs,
        client,
        selfId: this.options.selfId,
        now: () => this.now(),
        random: this.options.random,
        keepFreeBytes: this.keepFreeBytes,
        receive: await this.mayReceive(),
        report,
        ...(this.options.receiving && { receiving: this.options.receiving }),
        ...(this.options.readPackage && { readPackage: this.options.readPackage }),
        onProgress: (done, total) => {
          if (total >= 20) this.publish({ progress: { task: 'receiving', done, total } });
        },
      });
      this.attempt = 0;
      this.retryAt = null;
      const waiting = this.diskFull;
      const queueLength = await this.store.read.pendingOutboxCount();
      const nextRound = await this.nextRoundDelay();
      this.publish({
        phase: waiting ? 'disk_full' : 'idle',
        lastSyncAt: this.now().toISOString(),
        progress: null,
        message: waiting?.message ?? null,
        problem: null,
        nextAttemptAt: waiting ? new Date(waiting.recheckAt).toISOString() : null,
        queueLength,
      });
      this.schedule(waiting ? Math.min(nextRound, Math.max(0, waiting.recheckAt - this.now().getTime())) : nextRound);
    } catch (error) {
      if (isDiskFull(error)) await this.pauseReceiving(error);
      else await this.handleFailure(error);
    }
  }

  private get keepFreeBytes(): number {
    return this.options.keepFreeBytes ?? KEEP_FREE_BYTES;
  }

  /**
   * Whether this round receives: always, unless receiving waits for room on the disk; then only
   * once its recheck time has come and the disk has room again (rounds started meanwhile to send
   * what was queued do not try).
   */
  private async mayReceive(): Promise<boolean> {
    const waiting = this.diskFull;
    if (!waiting) return true;
    if (this.now().getTime() < waiting.recheckAt) return false;
    try {
      await roomToReceive(this.options.blobs.root, this.keepFreeBytes);
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      this.diskFull = { ...waiting, failures: waiting.failures + 1, recheckAt: this.now().getTime() + this.diskRecheckDelay(waiting.failures + 1) };
      return false;
    }
    this.diskFull = null;
    return true;
  }

  private diskRecheckDelay(failures: number): number {
    return Math.min(MAX_DISK_RECHECK_MS, (this.options.diskRecheckMs ?? 30_000) * 2 ** (failures - 1));
  }

  /** The disk filled up while receiving: nothing half-stored remains; receiving waits for room. */
  private async pauseReceiving(error: unknown): Promise<void> {
    const failures = (this.diskFull?.failures ?? 0) + 1;
    const recheckAt = this.now().getTime() + this.diskRecheckDelay(failures);
    const message = error instanceof Error ? error.message : String(error);
    this.diskFull = { message, failures, recheckAt };
    const queueLength = await this.store.read.pendingOutboxCount();
    this.publish({ phase: 'disk_full', progress: null, message, problem: null, nextAttemptAt: new Date(recheckAt).toISOString(), queueLength });
    this.schedule(recheckAt - this.now().getTime());
  }

  private async handleFailure(error: unknown): Promise<void> {
    const axisError = error instanceof AxisError ? error : null;
    if (axisError && axisError.kind === 'permanent') {
      this.publish({ phase: 'error', progress: null, message: axisError.message, problem: this.problemOf(axisError), nextAttemptAt: null });
      return;
    }
    const now = this.now().getTime();
    if (this.answered || this.retryAt === null || now >= this.retryAt) {
      // An axis that answered in this round is there, flaky perhaps, not gone: backing off further
      // after each such round would leave hundreds of waiting packages hours behind. Start again
      // from the first step instead.
      this.attempt = this.answered ? 1 : this.attempt + 1;
      this.retryAt = now + retryDelayMs(this.attempt, this.options.random, undefined, MAX_BACKOFF_MS);
    }
    // Otherwise a round started early (something queued) failed within the back-off without the
    // axis answering: the next retry stays where it was. Counting it would double the wait with
    // every document the clerk queued during an outage.
    const offline = axisError !== null && (axisError.code === 'network' || axisError.code === 'timeout');
    const message = error instanceof Error ? error.message : String(error);
    const queueLength = await this.store.read.pendingOutboxCount();
    this.publish({
      phase: offline ? 'offline' : 'error',
      progress: null,
      message,
      problem: this.problemOf(error),
      nextAttemptAt: new Date(this.retryAt).toISOString(),
      queueLength,
    });
    this.schedule(this.retryAt - now);
  }

  private problemOf(error: unknown): SyncProblem {
    return { code: axisProblemCode(error), axisUrl: this.options.axisUrl ?? null, detail: error instanceof Error ? error.message : String(error) };
  }

  /** The next poll, or sooner when a package waits for its retry time. */
  private async nextRoundDelay(): Promise<number> {
    const poll = this.options.pollMs ?? 60_000;
    const retryAt = await this.store.read.nextOutboxAttemptAt();
    return retryAt === null ? poll : Math.max(0, Math.min(poll, new Date(retryAt).getTime() - this.now().getTime()));
  }

  private publish(change: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...change };
    this.options.report({ type: 'status', status: this.status });
  }
}
