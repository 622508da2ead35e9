/**
 * The snapshot a desk starts from (shared/hub/documents.ts): the documents a user may see, read in
 * one REPEATABLE READ transaction together with the feed's last number. A change is numbered as
 * its transaction commits, under a lock held until it is visible (changes.ts), so every change
 * this snapshot's documents reflect is numbered at or below that `head`, and every change it does
 * not reflect is numbered above it: a desk that follows the feed from `head` misses nothing.
 */
import type pg from 'pg';
import type { FeedReset } from '../../shared/hub/feed.js';
import type { SnapshotPage } from '../../shared/hub/documents.js';
import { readableDocumentIds } from './document-access.js';
import { readHubDocuments } from './hub-documents.js';

export interface SnapshotRequest {
  userId: number;
  /** The first page's head, on later pages. */
  head?: number;
  after: number;
  limit: number;
}

/**
 * A later page is read in its own transaction, so it may show documents newer than `head`; the
 * feed from `head` then sends those changes again, and a desk replaces whole documents, so it ends
 * where the hub is. A `head` this hub cannot follow from is answered as the feed answers it.
 */
export async function readSnapshot(pool: pg.Pool, request: SnapshotRequest): Promise<SnapshotPage | FeedReset> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The transaction's first statement takes its snapshot: the head is read in it.
    const { rows } = await client.query<{ head: string; pruned_through: string }>(
      `SELECT s.pruned_through, greatest(s.pruned_through, coalesce((SELECT max(seq) FROM changes), 0)) AS head
       FROM (SELECT (SELECT pruned_through FROM change_feed_state) AS pruned_through) AS s`,
    );
    const current = Number(rows[0]!.head);
    const prunedThrough = Number(rows[0]!.pruned_through);
    const head = request.head ?? current;
    if (head > current) return { reset: 'unknown', head: current, message: `This hub has given numbers up to ${current}, not ${head}: start the snapshot again.` };
    if (head < prunedThrough) return { reset: 'pruned', head: current, message: `The hub keeps changes after number ${prunedThrough} only; start the snapshot again.` };
    const ids = await readableDocumentIds(client, request.userId, { after: request.after, limit: request.limit + 1 });
    const page = ids.slice(0, request.limit);
    const documents = await readHubDocuments(client, page);
    return { head, documents, nextAfter: ids.length > request.limit ? page[page.length - 1]! : null };
  } finally {
    // A connection whose transaction could not be ended is closed, never handed on.
    const ended = await client.query('COMMIT').then(
      () => true,
      () => false,
    );
    client.release(!ended);
  }
}
