/**
 * The hub's change feed as a desk sees it: each change it may see, numbered; the number to ask
 * from next; or an explicit order to take a fresh snapshot. docs/architecture.md, "Agency hub".
 */
import { z } from 'zod';

/** The numbers fit a PostgreSQL bigint; a desk keeps the last `next` it was given. */
const changeNumber = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const FEED_PAGE_LIMIT = 500;

export const feedQuery = z
  .object({
    after: changeNumber,
    limit: z.coerce.number().int().min(1).max(FEED_PAGE_LIMIT).default(200),
    /** Seconds to wait when nothing is new; 0 answers at once. */
    wait: z.coerce.number().int().min(0).max(25).default(25),
  })
  .strict();

/** SSE: where to start, from the query (a first connection) or the Last-Event-ID header (a reconnection, which wins). */
export const feedStreamQuery = z.object({ after: changeNumber.optional() }).strict();
export const lastEventId = changeNumber;

export interface FeedChange {
  seq: number;
  at: string;
  kind: string;
  subject: string;
  payload: unknown;
}

/**
 * `next`: every change numbered up to it that this user may see is in `changes` (or was in an
 * earlier page); ask from it next time.
 */
export interface FeedPage {
  changes: FeedChange[];
  next: number;
}

/**
 * The desk's number cannot be served: `pruned` (older than the hub keeps) or `unknown` (larger than
 * any this hub gave: the replica came from another database). Take a fresh snapshot, then follow
 * the feed from the number the snapshot names.
 */
export interface FeedReset {
  reset: 'pruned' | 'unknown';
  message: string;
  /** The hub's last number now. */
  head: number;
}

export type FeedAnswer = FeedPage | FeedReset;

/** SSE event names: `change` (id = its number), `checkpoint` (id = `next` past changes this user does not see), `reset`, `ended`. */
export const FEED_EVENTS = ['change', 'checkpoint', 'reset', 'ended'] as const;
