/**
 * One hub instance's side of the change feed: the desks waiting on it (long-polls and streams),
 * woken when any instance commits a change (the NOTIFY of migration 040 reaches every instance's
 * listener). A wake is one batched query for all the desks it concerns, which decides in SQL what
 * each may see (hub/store/changes.ts); a revoked session ends its waits at once on every instance.
 */
import type pg from 'pg';
import type { FeedAnswer, FeedPage } from '../../shared/hub/feed.js';
import { pruneChanges, readFeed } from '../store/changes.js';
import { NotificationListener } from '../store/notifications.js';
import { touchSessions } from '../store/sessions.js';

export type FeedEnd = 'session_ended' | 'hub_closing';

export interface FeedSubscriber {
  readonly sessionId: string;
  /** The last number this desk has; the feed moves it on after each page. */
  cursor: number;
  readonly limit: number;
  /** A page (maybe empty: the feed moved past changes this desk does not see) or a reset, which ends the subscription. */
  answer(answer: FeedAnswer): void;
  ended(why: FeedEnd): void;
  heartbeat?(): void;
}

export interface ChangeFeedOptions {
  /** How long changes are kept: a desk away longer takes a fresh snapshot. */
  retentionDays?: number;
  /** How often streams get a heartbeat, and sessions are checked again. */
  heartbeatMs?: number;
  log?: (level: 'warn' | 'info', message: string, error?: unknown) => void;
}

const DEFAULT_RETENTION_DAYS = 90;
const DEFAULT_HEARTBEAT_MS = 15_000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Readers per query: bounds one query's rows (readers × page limit). */
const READERS_PER_QUERY = 200;
/** After a failed read (PostgreSQL away), waiting desks are tried again this soon. */
const READ_RETRY_MS = 500;

export class ChangeFeed {
  private readonly subscribers = new Set<FeedSubscriber>();
  private readonly pending = new Set<FeedSubscriber>();
  private running = false;
  private again = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly listener: NotificationListener;
  private readonly log: NonNullable<ChangeFeedOptions['log']>;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: ChangeFeedOptions,
  ) {
    this.log = options.log ?? (() => undefined);
    this.listener = new NotificationListener(pool.options, {
      change: () => this.wake(this.subscribers),
      sessionEnded: (sessionId) => this.endSession(sessionId),
      // Notifications sent while it was away are lost: every desk reads again by number, and
      // every session is checked again (a revoke may have been among them).
      resumed: () => {
        this.log('info', 'listening for changes again; every waiting desk catches up by number');
        this.wake(this.subscribers);
      },
      trouble: (error) => this.log('warn', 'the LISTEN connection to PostgreSQL is down; reconnecting', error),
    });
  }

  static async start(pool: pg.Pool, options: ChangeFeedOptions = {}): Promise<ChangeFeed> {
    const feed = new ChangeFeed(pool, options);
    await feed.listener.start();
    const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    feed.timers.push(setInterval(() => feed.beat(), heartbeatMs).unref());
    feed.timers.push(setInterval(() => void feed.prune(), PRUNE_EVERY_MS).unref());
    return feed;
  }

  get waiting(): number {
    return this.subscribers.size;
  }

  subscribe(subscriber: FeedSubscriber): () => void {
    this.subscribers.add(subscriber);
    this.wake([subscriber]);
    return () => {
      this.subscribers.delete(subscriber);
      this.pending.delete(subscriber);
    };
  }

  /** Ends every wait (the hub is stopping) and stops listening. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const subscriber of [...this.subscribers]) this.finish(subscriber, 'hub_closing');
    await this.listener.close();
  }

  /** Drops changes older than the retention; run hourly by every instance (it is idempotent). */
  async prune(now = new Date()): Promise<number> {
    const days = this.options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    try {
      return await pruneChanges(this.pool, new Date(now.getTime() - days * 86_400_000));
    } catch (error) {
      this.log('warn', 'pruning old changes failed; it is tried again in an hour', error);
      return 0;
    }
  }

  private endSession(sessionId: string): void {
    for (const subscriber of [...this.subscribers]) if (subscriber.sessionId === sessionId) this.finish(subscriber, 'session_ended');
  }

  private beat(): void {
    const streaming = new Set<string>();
    for (const subscriber of this.subscribers) {
      subscriber.heartbeat?.();
      streaming.add(subscriber.sessionId);
    }
    if (streaming.size > 0) touchSessions(this.pool, [...streaming]).catch((error: unknown) => this.log('warn', 'marking streaming sessions as in use failed', error));
    // Expiry and a disabled account have no notification: the next read finds them.
    this.wake(this.subscribers);
  }

  private finish(subscriber: FeedSubscriber, why: FeedEnd): void {
    if (!this.subscribers.delete(subscriber)) return;
    this.pending.delete(subscriber);
    subscriber.ended(why);
  }

  private wake(subscribers: Iterable<FeedSubscriber>): void {
    for (const subscriber of subscribers) this.pending.add(subscriber);
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.pending.size === 0 || this.retryTimer) return;
    this.running = true;
    void this.readRounds();
  }

  /** One round at a time per instance: wakes that come during a round are served by the next. */
  private async readRounds(): Promise<void> {
    try {
      do {
        this.again = false;
        const batch = [...this.pending];
        this.pending.clear();
        for (let start = 0; start < batch.length; start += READERS_PER_QUERY) {
          const readers = batch.slice(start, start + READERS_PER_QUERY);
          const limit = Math.max(...readers.map((r) => r.limit));
          try {
            const results = await readFeed(this.pool, readers.map((r) => ({ sessionId: r.sessionId, after: r.cursor })), limit);
            readers.forEach((reader, index) => this.dispatch(reader, results[index]!, limit));
          } catch (error) {
            this.log('warn', 'reading the change feed failed; the waiting desks are served again shortly', error);
            for (const reader of batch.slice(start)) if (this.subscribers.has(reader)) this.pending.add(reader);
            this.retryTimer = setTimeout(() => {
              this.retryTimer = null;
              this.wake([]);
            }, READ_RETRY_MS);
            return;
          }
        }
      } while (this.again && this.pending.size > 0);
    } finally {
      this.running = false;
    }
  }

  private dispatch(subscriber: FeedSubscriber, result: Awaited<ReturnType<typeof readFeed>>[number], limit: number): void {
    if (!this.subscribers.has(subscriber)) return;
    if (result === 'ended') return this.finish(subscriber, 'session_ended');
    if ('reset' in result) {
      this.subscribers.delete(subscriber);
      subscriber.answer(result);
      return;
    }
    const page = trimmed(result, subscriber.limit, limit);
    subscriber.cursor = page.next;
    // A full page: more is waiting already.
    if (page.changes.length === subscriber.limit) this.wake([subscriber]);
    subscriber.answer(page);
  }
}

/** A reader asked for fewer than the batch's limit: cut its page there, and its `next` with it. */
function trimmed(page: FeedPage, own: number, batch: number): FeedPage {
  if (own >= batch || page.changes.length <= own) return page;
  const changes = page.changes.slice(0, own);
  return { changes, next: changes[changes.length - 1]!.seq };
}
