/**
 * Keeps the desk's replica following the hub's change feed: a long-poll from the desk's number,
 * each page applied with its new number in one transaction (hub-replica.ts); on a reset, the
 * snapshot page by page, resumable after a crash from its last page, then the feed from the
 * snapshot's head. A desk back from a week offline asks page after page without waiting until a
 * page is not full. Failures to reach the hub wait with back-off and try again; a session the hub
 * ended stops the follower (HubSessionEndedError). docs/architecture.md, "The desk in agency mode".
 */
import { retryDelayMs } from '../process/backoff.js';
import { applyFeedPage, applySnapshotPage, beginSnapshot, countReplicaDocuments, readHubLink } from '../store/hub-replica.js';
import type { Db } from '../store/database.js';
import { HubRefusedError, HubSessionEndedError, HubUnreachableError, type HubClient } from './hub-client.js';
import { replicaChange } from './feed-changes.js';
import type { Wakeup } from './wakeup.js';

export interface LinkBackoff {
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

/** What the follower tells the status bar (hub-link.ts merges it into HubLinkStatus). */
export type FollowerReport =
  | { phase: 'online'; contact: true }
  | { phase: 'catching_up'; contact: true; behind: number | null; behindAtLeast: boolean; snapshotDocuments: number | null }
  | { phase: 'offline'; contact: false; detail: string; nextAttemptAt: Date }
  /** The feed stopped on a change it cannot read: it stays where it is and tries again later. */
  | { phase: 'online'; contact: true; detail: string; nextAttemptAt: Date };

export interface FollowerOptions {
  db: Db;
  client: HubClient;
  pageLimit: number;
  /** Seconds the hub may hold a long-poll when nothing is new. */
  waitSeconds: number;
  backoff: LinkBackoff;
  wakeup: Wakeup;
  report(report: FollowerReport): void;
  /** After a page or a snapshot page is applied: the documents it brought or withdrew ([]: the snapshot's end may have removed any). */
  documentsChanged(ids: number[]): void;
  /** Notices new to the person (by key) on a page that was not full: brought live, not while catching up. */
  noticesArrived(keys: string[]): void;
}

export async function followFeed(options: FollowerOptions, signal: AbortSignal): Promise<void> {
  const { db, client, backoff } = options;
  let failures = 0;
  let snapshotNeeded = false;
  // The first ask after a start, a failure or a full page does not wait: the desk learns at once
  // that the hub answers (online) and a catch-up goes page after page.
  let atOnce = true;
  while (!signal.aborted) {
    try {
      const link = readHubLink(db);
      if (!link) return;
      if (link.snapshot || snapshotNeeded) {
        await takeSnapshot(options, signal);
        snapshotNeeded = false;
        atOnce = true;
        failures = 0;
        continue;
      }
      const answer = await client.feed(link.cursor, { limit: options.pageLimit, wait: atOnce ? 0 : options.waitSeconds, signal });
      if ('reset' in answer) {
        beginSnapshot(db, answer.head);
        snapshotNeeded = true;
        options.report({ phase: 'catching_up', contact: true, behind: Math.max(0, answer.head - link.cursor), behindAtLeast: false, snapshotDocuments: 0 });
        continue;
      }
      const full = answer.changes.length >= options.pageLimit;
      atOnce = full;
      const changes = answer.changes.map((change) => ({ seq: change.seq, change: replicaChange(change) }));
      const applied = applyFeedPage(db, changes, answer.next, full ? null : answer.next);
      failures = 0;
      // Announced as they come, not by the dozen from a catch-up (the lists read them anyway).
      if (applied.notices.length > 0 && !full) options.noticesArrived(applied.notices);
      if (applied.snapshot) {
        // What this user may see changed as a whole (another unit, other roles): the replica is taken again.
        snapshotNeeded = true;
        options.report({ phase: 'catching_up', contact: true, behind: null, behindAtLeast: false, snapshotDocuments: 0 });
        continue;
      }
      const documentIds = changes.flatMap(({ seq, change }) => (seq > link.cursor && (change?.type === 'document' || change?.type === 'withdrawn') ? [change.id] : []));
      if (documentIds.length > 0) options.documentsChanged(documentIds);
      if (full) {
        const known = readHubLink(db)!.knownHead;
        // The hub said its last number only at the last page that was not full (or a reset): a floor.
        options.report({ phase: 'catching_up', contact: true, behind: known > answer.next ? known - answer.next : null, behindAtLeast: true, snapshotDocuments: null });
      } else {
        options.report({ phase: 'online', contact: true });
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof HubSessionEndedError) throw error;
      failures++;
      atOnce = true;
      const delay = error instanceof HubUnreachableError && error.retryAfterMs !== null ? error.retryAfterMs : retryDelayMs(failures, backoff.random, backoff.baseMs, backoff.maxMs);
      const detail = error instanceof Error ? error.message : String(error);
      const nextAttemptAt = new Date(Date.now() + delay);
      // A hub that answered but cannot be followed (a malformed change, a refusal) is reachable: not "offline".
      options.report(error instanceof HubUnreachableError ? { phase: 'offline', contact: false, detail, nextAttemptAt } : { phase: 'online', contact: true, detail, nextAttemptAt });
      await options.wakeup.sleep(delay, signal);
    }
  }
}

/** The snapshot from where it stands (a crash resumes it at its last page), until its last page. */
async function takeSnapshot(options: FollowerOptions, signal: AbortSignal): Promise<void> {
  const { db, client } = options;
  for (;;) {
    const link = readHubLink(db)!;
    const at = link.snapshot ?? { head: null, after: 0 };
    let page;
    try {
      page = await client.snapshot({ head: at.head, after: at.after, limit: options.pageLimit }, signal);
    } catch (error) {
      // The hub no longer serves the snapshot at that head (it keeps one for a while): start again from now.
      if (error instanceof HubRefusedError && error.status === 410 && link.snapshot) {
        beginSnapshot(db, link.knownHead);
        continue;
      }
      throw error;
    }
    if (at.head !== null && page.head !== at.head) throw new HubUnreachableError(`The hub's snapshot page is at ${page.head}, not at ${at.head} as its first page was.`);
    applySnapshotPage(
      db,
      page.head,
      page.documents.map((document) => ({ id: document.id, document })),
      page.nextAfter,
    );
    options.documentsChanged(page.nextAfter === null ? [] : page.documents.map((document) => document.id));
    if (page.nextAfter === null) return;
    options.report({ phase: 'catching_up', contact: true, behind: Math.max(0, page.head - link.cursor), behindAtLeast: false, snapshotDocuments: countReplicaDocuments(db, true) });
    if (signal.aborted) return;
  }
}
