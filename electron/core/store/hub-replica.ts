/**
 * The desk's side of agency mode in SQLite (migration 210): the link to the hub, the replica the
 * feed and the snapshot fill, the agency's directory and the command queue. A feed page is applied
 * in one transaction with the number it moves the desk to, so a crash leaves the page applied with
 * its number or neither (docs/architecture.md, "The desk in agency mode").
 */
import type { HubCommandItem, HubDeskUser } from '../../../shared/api/hub-link.js';
import type { UnitInfo } from '../../../shared/hub/accounts.js';
import type { CommandKind, CommandOutcome, CommandRefusal } from '../../../shared/hub/commands.js';
import type { HubDocument } from '../../../shared/hub/documents.js';
import { workflowCommandPayloads } from '../../../shared/hub/workflow-commands.js';
import { writeTransaction, type Db } from './database.js';
import { keepNotice, markNoticesReadElsewhere, type NewNotice } from './hub-notices.js';

export interface HubLinkRow {
  hubUrl: string;
  /** Whose replica this is, also after sign-out. */
  owner: HubDeskUser | null;
  signedIn: boolean;
  cursor: number;
  knownHead: number;
  /** A snapshot under way: the feed number it is read at and the last document id applied. */
  snapshot: { head: number; after: number } | null;
}

/** A colleague as the directory lists them (no sign-in details). */
export interface DirectoryUser {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  roles: string[];
  disabled: boolean;
}

/** One change of the feed as the replica applies it; kinds the desk does not keep are left out before. */
export type ReplicaChange =
  | { type: 'document'; id: number; document: unknown }
  | { type: 'withdrawn'; id: number }
  | { type: 'unit'; unit: UnitInfo }
  | { type: 'user'; user: DirectoryUser }
  | { type: 'notice'; notice: NewNotice }
  /** Notices the person read at one of his desks: `keys`, or all up to the change `through`. */
  | { type: 'noticesRead'; keys: string[] | null; through: number | null; at: Date }
  /** What this user may see changed as a whole: the replica is taken again (applyFeedPage). */
  | { type: 'access' };

interface LinkSqlRow {
  hub_url: string;
  user_json: string | null;
  signed_in_at: string | null;
  feed_cursor: number;
  known_head: number;
  snapshot_head: number | null;
  snapshot_after: number | null;
}

export function readHubLink(db: Db): HubLinkRow | null {
  const row = db.prepare('SELECT hub_url, user_json, signed_in_at, feed_cursor, known_head, snapshot_head, snapshot_after FROM hub_link WHERE id = 1').get() as LinkSqlRow | undefined;
  if (!row) return null;
  return {
    hubUrl: row.hub_url,
    owner: row.user_json === null ? null : (JSON.parse(row.user_json) as HubDeskUser),
    signedIn: row.signed_in_at !== null,
    cursor: row.feed_cursor,
    knownHead: row.known_head,
    snapshot: row.snapshot_head === null ? null : { head: row.snapshot_head, after: row.snapshot_after! },
  };
}

/**
 * Records a sign-in. The replica stays when the same user signs in again to the same hub; another
 * user, or another hub, starts from an empty replica (and the feed from 0), so that no one reads
 * what only the previous owner could see. Commands queued by another user stay, sent when they
 * sign in again. `'kept'` or `'cleared'` says which.
 */
export function saveHubSignIn(db: Db, hubUrl: string, user: HubDeskUser, at: Date): 'kept' | 'cleared' {
  return writeTransaction(db, () => {
    const current = readHubLink(db);
    const keep = current !== null && current.hubUrl === hubUrl && current.owner?.id === user.id;
    if (!keep) {
      clearReplica(db);
      db.prepare('DELETE FROM hub_link').run();
      db.prepare('INSERT INTO hub_link (id, hub_url, user_id, user_json, signed_in_at) VALUES (1, ?, ?, ?, ?)').run(hubUrl, user.id, JSON.stringify(user), at.toISOString());
    } else {
      db.prepare('UPDATE hub_link SET user_json = ?, signed_in_at = ? WHERE id = 1').run(JSON.stringify(user), at.toISOString());
    }
    return keep ? 'kept' : 'cleared';
  });
}

/** Signed out: the replica stays for the same user's next sign-in; the session is gone from the keychain. */
export function markHubSignedOut(db: Db): void {
  writeTransaction(db, () => db.prepare('UPDATE hub_link SET signed_in_at = NULL WHERE id = 1').run());
}

function clearReplica(db: Db): void {
  db.prepare('DELETE FROM hub_documents').run();
  db.prepare('DELETE FROM hub_units').run();
  db.prepare('DELETE FROM hub_users').run();
  // Another user's pins go with their replica; the files they held become orphans, evicted next (hub-files.ts).
  db.prepare('DELETE FROM hub_pinned_documents').run();
}

/** Applies one change; true when it was a notice new to its person. */
function applyChange(db: Db, change: Exclude<ReplicaChange, { type: 'access' }>, seq: number): boolean {
  switch (change.type) {
    case 'notice':
      return keepNotice(db, change.notice, seq);
    case 'noticesRead':
      markNoticesReadElsewhere(db, change);
      return false;
    case 'document':
      db.prepare('INSERT INTO hub_documents (id, document, change_seq) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET document = excluded.document, change_seq = excluded.change_seq').run(
        change.id,
        JSON.stringify(change.document),
        seq,
      );
      return false;
    case 'withdrawn':
      db.prepare('DELETE FROM hub_documents WHERE id = ?').run(change.id);
      return false;
    case 'unit':
      db.prepare('INSERT INTO hub_units (id, code, name, parent_id) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, parent_id = excluded.parent_id').run(
        change.unit.id,
        change.unit.code,
        change.unit.name,
        change.unit.parentId,
      );
      return false;
    case 'user': {
      const { id, username, displayName, unitId, roles, disabled } = change.user;
      db.prepare(
        `INSERT INTO hub_users (id, username, display_name, unit_id, roles, disabled) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, unit_id = excluded.unit_id, roles = excluded.roles, disabled = excluded.disabled`,
      ).run(id, username, displayName, unitId, JSON.stringify(roles), disabled ? 1 : 0);
      return false;
    }
  }
}

/** The keys of the notices a page brought that the person did not have yet; whether a snapshot must follow. */
export interface AppliedPage {
  notices: string[];
  snapshot: boolean;
}

/**
 * A feed page, in number order, and the desk's new number, in one transaction. A `next` below
 * the desk's number (a page from a slower hub instance that answered late) moves nothing back.
 * `knownHead`: the hub's last number when the page says it (a page that is not full).
 *
 * An `access` change stops the page there: what comes before it is applied, the desk's number
 * stays just below it and every kept document is marked for the snapshot that follows
 * (`snapshot`), which drops what the user may no longer read. Until that snapshot ends, a
 * restarted desk reads the access change again and starts it again.
 */
export function applyFeedPage(db: Db, changes: readonly { seq: number; change: ReplicaChange | null }[], next: number, knownHead: number | null): AppliedPage {
  return writeTransaction(db, () => {
    const link = readHubLink(db);
    if (!link) throw new Error('No hub link: a feed page has nowhere to go.');
    if (link.snapshot) throw new Error('A snapshot is under way: the feed follows it from its head.');
    const moveTo = (cursor: number) =>
      db.prepare('UPDATE hub_link SET feed_cursor = max(feed_cursor, ?), known_head = max(known_head, ?, ?) WHERE id = 1').run(cursor, next, knownHead ?? 0);
    const notices: string[] = [];
    for (const { seq, change } of changes) {
      if (!change || seq <= link.cursor) continue;
      if (change.type === 'access') {
        moveTo(seq - 1);
        markForSnapshot(db);
        return { notices, snapshot: true };
      }
      if (applyChange(db, change, seq) && change.type === 'notice') notices.push(change.notice.key);
    }
    moveTo(next);
    return { notices, snapshot: false };
  });
}

/** Kept documents the coming snapshot does not bring again are removed at its end (applySnapshotPage). */
function markForSnapshot(db: Db): void {
  db.prepare('UPDATE hub_documents SET change_seq = -1').run();
}

/**
 * The hub cannot serve the desk's number: a snapshot starts. The documents already kept stay
 * readable meanwhile; they are marked (change_seq -1) and those the snapshot does not bring again
 * are removed when its last page is applied.
 */
export function beginSnapshot(db: Db, knownHead: number): void {
  writeTransaction(db, () => {
    markForSnapshot(db);
    db.prepare('UPDATE hub_link SET snapshot_head = NULL, snapshot_after = NULL, known_head = ? WHERE id = 1').run(knownHead);
  });
}

/**
 * One snapshot page with where the snapshot stands. The first page names the head every later
 * page is read at; the last (`nextAfter` null) removes what it did not bring and moves the desk's
 * feed number to the head, all in its transaction.
 */
export function applySnapshotPage(db: Db, head: number, documents: readonly { id: number; document: unknown }[], nextAfter: number | null): void {
  writeTransaction(db, () => {
    for (const { id, document } of documents) {
      db.prepare('INSERT INTO hub_documents (id, document, change_seq) VALUES (?, ?, 0) ON CONFLICT (id) DO UPDATE SET document = excluded.document, change_seq = 0').run(id, JSON.stringify(document));
    }
    if (nextAfter !== null) {
      db.prepare('UPDATE hub_link SET snapshot_head = ?, snapshot_after = ?, known_head = max(known_head, ?) WHERE id = 1').run(head, nextAfter, head);
      return;
    }
    db.prepare('DELETE FROM hub_documents WHERE change_seq = -1').run();
    db.prepare('UPDATE hub_link SET snapshot_head = NULL, snapshot_after = NULL, feed_cursor = ?, known_head = max(known_head, ?) WHERE id = 1').run(head, head);
  });
}

/** How many documents the replica holds (a snapshot's progress counts those it brought). */
export function countReplicaDocuments(db: Db, broughtBySnapshot = false): number {
  return db.prepare(`SELECT count(*) FROM hub_documents${broughtBySnapshot ? ' WHERE change_seq = 0' : ''}`).pluck().get() as number;
}

/** A document of the replica, as the hub sent it, or null. */
export function readReplicaDocument(db: Db, id: number): unknown {
  const json = db.prepare('SELECT document FROM hub_documents WHERE id = ?').pluck().get(id) as string | undefined;
  return json === undefined ? null : (JSON.parse(json) as unknown);
}

export function replicaDocumentIds(db: Db): number[] {
  return db.prepare('SELECT id FROM hub_documents ORDER BY id').pluck().all() as number[];
}

export function listDirectoryUnits(db: Db): UnitInfo[] {
  return (db.prepare('SELECT id, code, name, parent_id AS parentId FROM hub_units ORDER BY id').all() as UnitInfo[]).map((unit) => ({ ...unit }));
}

export function listDirectoryUsers(db: Db): DirectoryUser[] {
  const rows = db.prepare('SELECT id, username, display_name, unit_id, roles, disabled FROM hub_users ORDER BY id').all() as {
    id: number;
    username: string;
    display_name: string;
    unit_id: number;
    roles: string;
    disabled: number;
  }[];
  return rows.map((row) => ({ id: row.id, username: row.username, displayName: row.display_name, unitId: row.unit_id, roles: JSON.parse(row.roles) as string[], disabled: row.disabled === 1 }));
}

// ── The command queue ────────────────────────────────────────────

export interface QueuedCommand {
  id: string;
  kind: CommandKind;
  payload: unknown;
}

export function enqueueCommand(db: Db, command: QueuedCommand & { userId: number }, at: Date): void {
  writeTransaction(db, () =>
    db.prepare('INSERT INTO hub_commands (id, user_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)').run(command.id, command.userId, command.kind, JSON.stringify(command.payload), at.toISOString()),
  );
}

/** The largest id stored, so that ids made after a restart still come after it (command-ids.ts). */
export function lastCommandId(db: Db): string | null {
  return (db.prepare('SELECT max(id) FROM hub_commands').pluck().get() as string | null) ?? null;
}

/** The oldest command of `userId` the hub has not answered: commands go in id order, one at a time. */
export function nextQueuedCommand(db: Db, userId: number): QueuedCommand | null {
  const row = db.prepare("SELECT id, kind, payload FROM hub_commands WHERE user_id = ? AND state = 'queued' ORDER BY id LIMIT 1").get(userId) as
    | { id: string; kind: CommandKind; payload: string }
    | undefined;
  return row ? { id: row.id, kind: row.kind, payload: JSON.parse(row.payload) as unknown } : null;
}

/** An attempt that got no answer: the command stays queued, with why, for "Chi tiết". */
export function recordCommandAttempt(db: Db, id: string, error: string): void {
  writeTransaction(db, () => db.prepare("UPDATE hub_commands SET attempts = attempts + 1, last_error = ? WHERE id = ? AND state = 'queued'").run(error, id));
}

/** The hub's answer; a command answered once keeps its first answer. */
export function recordCommandOutcome(db: Db, outcome: CommandOutcome): void {
  writeTransaction(db, () => {
    if (outcome.state === 'applied') {
      db.prepare("UPDATE hub_commands SET state = 'applied', attempts = attempts + 1, last_error = NULL, answered_at = ?, result = ? WHERE id = ? AND state = 'queued'").run(
        outcome.appliedAt,
        JSON.stringify(outcome.result),
        outcome.id,
      );
    } else {
      db.prepare(
        "UPDATE hub_commands SET state = 'refused', attempts = attempts + 1, last_error = NULL, answered_at = ?, refusal_reason = ?, refusal_message = ? WHERE id = ? AND state = 'queued'",
      ).run(outcome.appliedAt, outcome.reason, outcome.message, outcome.id);
    }
  });
}

export function countCommands(db: Db, userId: number): { queued: number; refused: number } {
  const row = db
    .prepare("SELECT count(*) FILTER (WHERE state = 'queued') AS queued, count(*) FILTER (WHERE state = 'refused' AND dismissed_at IS NULL) AS refused FROM hub_commands WHERE user_id = ?")
    .get(userId) as {
    queued: number;
    refused: number;
  };
  return row;
}

/** Every queued command, of any user: a desk with any left does not switch to another hub. */
export function countQueuedCommands(db: Db): number {
  return db.prepare("SELECT count(*) FROM hub_commands WHERE state = 'queued'").pluck().get() as number;
}

/**
 * A refused command the person has read is put away: it leaves the queue screen and the status
 * bar's count. False when there is no such refused command of theirs (already put away, or not refused).
 */
export function dismissCommand(db: Db, userId: number, id: string, at: Date): boolean {
  return writeTransaction(
    db,
    () => db.prepare("UPDATE hub_commands SET dismissed_at = ? WHERE id = ? AND user_id = ? AND state = 'refused' AND dismissed_at IS NULL").run(at.toISOString(), id, userId).changes === 1,
  );
}

const WORKFLOW_KINDS: ReadonlySet<CommandKind> = new Set(Object.keys(workflowCommandPayloads) as CommandKind[]);
const WORKFLOW_STEP_MISSING = `SELECT NOT EXISTS (SELECT 1 FROM json_each(document, '$.workflow.steps') AS step WHERE json_extract(step.value, '$.at') >= ?)
  FROM hub_documents WHERE id = ?`;

/** The payload fields the queue reads back (each command kind has some of them). */
interface StoredPayload {
  documentId?: number | null;
  clientKey?: string;
  fields?: { subject?: string };
  units?: number[];
  users?: number[];
}

/**
 * Whether the replica's copy lacks a unit or person a share gave the document to; a copy without
 * `sharedWith` (or gone) has nothing to wait for.
 */
function shareMissing(db: Db, documentId: number | null, payload: StoredPayload): boolean {
  const json = db.prepare("SELECT json_extract(document, '$.sharedWith') FROM hub_documents WHERE id = ?").pluck().get(documentId) as string | null | undefined;
  if (!json) return false;
  const shared = JSON.parse(json) as HubDocument['sharedWith'];
  return (payload.units ?? []).some((unit) => !shared.units.includes(unit)) || (payload.users ?? []).some((user) => !shared.users.includes(user));
}

/** What the replica says about a command's document: the draft a client key made, and whether an applied command's result has arrived. */
function replicaView(
  db: Db,
  kind: CommandKind,
  state: HubCommandItem['state'],
  payload: StoredPayload,
  result: { documentId?: unknown } | null,
  answeredAt: string | null,
): Pick<HubCommandItem, 'documentId' | 'awaitingFeed'> {
  const named = payload.documentId ?? (typeof result?.documentId === 'number' ? result.documentId : null);
  const documentId = named ?? (kind === 'draft.save' && payload.clientKey ? ((db.prepare('SELECT id FROM hub_documents WHERE client_key = ?').pluck().get(payload.clientKey) as number | undefined) ?? null) : null);
  if (state !== 'applied') return { documentId, awaitingFeed: false };
  if (kind === 'draft.save') return { documentId, awaitingFeed: documentId === null || !db.prepare('SELECT 1 FROM hub_documents WHERE id = ?').get(documentId) };
  if (kind === 'arrival.accept') return { documentId, awaitingFeed: db.prepare('SELECT state FROM hub_documents WHERE id = ?').pluck().get(documentId) === 'arrived' };
  if (kind === 'draft.number') return { documentId, awaitingFeed: db.prepare("SELECT json_extract(document, '$.signingState') FROM hub_documents WHERE id = ?").pluck().get(documentId) === 'leader_signed' };
  if (kind === 'draft.send' || kind === 'draft.sendInternal') return { documentId, awaitingFeed: db.prepare('SELECT direction FROM hub_documents WHERE id = ?').pluck().get(documentId) === 'draft' };
  // Until the feed brings the copy that names them, the page would offer the same units and people again.
  if (kind === 'document.share') return { documentId, awaitingFeed: shareMissing(db, documentId, payload) };
  // A workflow step is a timeline line stamped with the time the hub applied the command: until the feed brings it, the page would offer the step again.
  if (WORKFLOW_KINDS.has(kind) && answeredAt !== null) return { documentId, awaitingFeed: db.prepare(WORKFLOW_STEP_MISSING).pluck().get(answeredAt, documentId) === 1 };
  return { documentId, awaitingFeed: false };
}

/** What the queue names a command's document by: its subject in the replica, if it is there. */
function replicaSubject(db: Db, documentId: number | null): string | null {
  if (documentId === null) return null;
  return (db.prepare("SELECT json_extract(document, '$.subject') FROM hub_documents WHERE id = ?").pluck().get(documentId) as string | null | undefined) ?? null;
}

/** The desk's queue as it shows it: newest first; refused commands put away are left out. */
export function listCommands(db: Db, userId: number, limit: number): HubCommandItem[] {
  const rows = db
    .prepare(
      'SELECT id, kind, state, payload, result, created_at, attempts, last_error, answered_at, refusal_reason, refusal_message FROM hub_commands WHERE user_id = ? AND dismissed_at IS NULL ORDER BY id DESC LIMIT ?',
    )
    .all(userId, limit) as {
    id: string;
    kind: CommandKind;
    state: HubCommandItem['state'];
    payload: string;
    result: string | null;
    created_at: string;
    attempts: number;
    last_error: string | null;
    answered_at: string | null;
    refusal_reason: CommandRefusal | null;
    refusal_message: string | null;
  }[];
  return rows.map((row) => {
    const payload = JSON.parse(row.payload) as StoredPayload;
    return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    createdAt: row.created_at,
    attempts: row.attempts,
    lastError: row.last_error,
    answeredAt: row.answered_at,
    refusal: row.refusal_reason === null ? null : { reason: row.refusal_reason, message: row.refusal_message ?? '' },
    ...replicaView(db, row.kind, row.state, payload, row.result === null ? null : (JSON.parse(row.result) as { documentId?: unknown }), row.answered_at),
    subject: payload.fields?.subject ?? replicaSubject(db, payload.documentId ?? null),
    };
  });
}
