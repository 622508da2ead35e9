/**
 * The person's deadline notices at the desk (migration 260): the reminders and daily digests the
 * feed brought, kept by person and key, with when he read each (docs/architecture.md, "Deadline
 * notices at the desk"). The feed page that brings one writes it (hub-replica.ts); the person
 * signed in lists and reads his own.
 */
import type { DailyDigestPayload, DeadlineReminderPayload } from '../../../shared/hub/deadlines.js';
import { writeTransaction, type Db } from './database.js';

export type NewNotice = { key: string; day: string } & ({ kind: 'reminder'; payload: DeadlineReminderPayload } | { kind: 'digest'; payload: DailyDigestPayload });

export type KeptNotice = NewNotice & { read: boolean };

/** Kept for the replica's owner, inside the feed page's transaction; false when he had it already (a replay keeps its read state). */
export function keepNotice(db: Db, notice: NewNotice, seq: number): boolean {
  const { changes } = db
    .prepare(
      `INSERT INTO hub_notices (user_id, key, kind, day, payload, change_seq)
       SELECT user_id, ?, ?, ?, ?, ? FROM hub_link WHERE id = 1 AND user_id IS NOT NULL
       ON CONFLICT (user_id, key) DO NOTHING`,
    )
    .run(notice.key, notice.kind, notice.day, JSON.stringify(notice.payload), seq);
  return changes > 0;
}

interface NoticeRow {
  key: string;
  kind: 'reminder' | 'digest';
  day: string;
  payload: string;
  read_at: string | null;
}

const kept = (row: NoticeRow): KeptNotice => ({ key: row.key, kind: row.kind, day: row.day, payload: JSON.parse(row.payload), read: row.read_at !== null }) as KeptNotice;

/** The person's notices, newest first. */
export function listNotices(db: Db, userId: number, limit: number): KeptNotice[] {
  return (db.prepare('SELECT key, kind, day, payload, read_at FROM hub_notices WHERE user_id = ? ORDER BY change_seq DESC LIMIT ?').all(userId, limit) as NoticeRow[]).map(kept);
}

/** These notices of the person (by key). */
export function noticesByKey(db: Db, userId: number, keys: readonly string[]): KeptNotice[] {
  if (keys.length === 0) return [];
  const rows = db.prepare(`SELECT key, kind, day, payload, read_at FROM hub_notices WHERE user_id = ? AND key IN (${keys.map(() => '?').join(', ')}) ORDER BY change_seq DESC`).all(userId, ...keys) as NoticeRow[];
  return rows.map(kept);
}

export function countUnreadNotices(db: Db, userId: number): number {
  return db.prepare('SELECT count(*) FROM hub_notices WHERE user_id = ? AND read_at IS NULL').pluck().get(userId) as number;
}

/**
 * Marks these notices (every one when `keys` is null) read. `marked`: how many were unread;
 * `through`: the newest change among the person's notices, what "all" meant here.
 */
export function markNoticesRead(db: Db, userId: number, keys: readonly string[] | null, at: Date): { marked: number; unread: number; through: number | null } {
  return writeTransaction(db, () => {
    const mark = db.prepare('UPDATE hub_notices SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND (? IS NULL OR key = ?)');
    let marked = 0;
    for (const key of keys ?? [null]) marked += mark.run(at.toISOString(), userId, key, key).changes;
    const through = db.prepare('SELECT max(change_seq) FROM hub_notices WHERE user_id = ?').pluck().get(userId) as number | null;
    return { marked, unread: countUnreadNotices(db, userId), through };
  });
}

/** Read at another of the owner's desks (the feed's `notices.read`), inside the feed page's transaction. */
export function markNoticesReadElsewhere(db: Db, read: { keys: readonly string[] | null; through: number | null; at: Date }): void {
  const mark = db.prepare(
    `UPDATE hub_notices SET read_at = ? WHERE user_id = (SELECT user_id FROM hub_link WHERE id = 1) AND read_at IS NULL
     AND (? IS NULL OR key = ?) AND (? IS NULL OR change_seq <= ?)`,
  );
  for (const key of read.keys ?? [null]) mark.run(read.at.toISOString(), key, key, read.through, read.through);
}
