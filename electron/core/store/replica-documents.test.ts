import { describe, expect, it } from 'vitest';
import type { HubDocument } from '../../../shared/hub/documents.js';
import { NO_WORKFLOW } from '../../../shared/hub/workflow.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { DESK_CLERK, SIGNED_IN_AT, signedInDesk as signedInDeskOf } from '../../../test/desk-replica.js';
import { openDatabase, type Db } from './database.js';
import { applyFeedPage, countCommands, dismissCommand, enqueueCommand, listCommands, recordCommandOutcome } from './hub-replica.js';
import { countReplicaWaiting, getReplicaDocument, listReplicaDocuments, replicaArrivalsToPresent, replicaDocumentsWithWork, replicaDraftsAwaiting, replicaInboxCounts } from './replica-documents.js';
import { getDocument, listDocuments } from './documents.js';

const tempDir = useTempDirs();
const clerk = DESK_CLERK;
const at = SIGNED_IN_AT;
const signedInDesk = () => signedInDeskOf(tempDir);

/** A whole document as the hub's feed carries it. */
function hubDocument(id: number, change: Partial<HubDocument> = {}): HubDocument {
  const subject = change.subject ?? `Công văn ${id}`;
  return {
    id,
    direction: 'incoming',
    state: 'arrived',
    subject,
    codeNumber: String(id),
    codeNotation: 'UBND-VP',
    typeName: 'Công văn',
    priority: 0,
    senderId: '000.00.00.G01',
    senderName: 'Ủy ban nhân dân tỉnh',
    arrivalNumber: null,
    attachmentCount: 1,
    hasPendingRequest: false,
    hasConflict: false,
    verification: null,
    promulgationDate: '2026-02-27',
    dueDate: null,
    demo: false,
    createdAt: `2026-03-01T0${id % 10}:00:00.000Z`,
    updatedAt: `2026-03-01T0${id % 10}:00:00.000Z`,
    metadata: {
      subject,
      summary: 'Về việc báo cáo',
      codeNotation: 'UBND-VP',
      typeName: 'Công văn',
      priority: 0,
      signerCompetence: '',
      signerPosition: '',
      signerFullName: '',
      place: 'Hà Nội',
      dueDate: null,
      toPlaces: [],
      codeNumber: String(id),
      promulgationDate: '2026-02-27',
    },
    attachments: [{ id: 100 + id, documentId: id, name: 'cong-van.pdf', contentType: 'application/pdf', size: 1234, sha256: 'a'.repeat(64) }],
    recipients: [],
    timeline: [],
    pendingRequest: null,
    conflicts: [],
    replaces: null,
    replacedBy: null,
    revokedAt: null,
    revokeReason: null,
    edxmlDocumentId: null,
    signingState: 'none',
    heldStatus: null,
    leaderComment: null,
    headerFields: null,
    clientKey: null,
    registerCode: null,
    sharedWith: { units: [], users: [] },
    answers: null,
    workflow: NO_WORKFLOW,
    ...change,
  };
}

let seq = 0;
const bring = (db: Db, ...documents: HubDocument[]) => {
  const changes = documents.map((document) => ({ seq: ++seq, change: { type: 'document' as const, id: document.id, document } }));
  applyFeedPage(db, changes, seq, seq);
};

describe('the replica as the desk mailboxes (SQLite)', () => {
  it('lists each mailbox in the standalone order (urgent first, then the latest change), with the same summary shape, and the inbox tabs and counts by the same rules', async () => {
    const db = await signedInDesk();
    bring(
      db,
      hubDocument(1),
      hubDocument(2, { priority: 2 }),
      hubDocument(3, { state: 'accepted', arrivalNumber: 12, dueDate: '2026-02-01', internal: true }),
      hubDocument(4, { state: 'done' }),
      hubDocument(5, { direction: 'outgoing', state: 'sent' }),
      hubDocument(6, { direction: 'draft', state: 'editing', clientKey: '0193c0de-0000-4000-8000-000000000001' }),
      hubDocument(7, { pendingRequest: { kind: 'takeback', reason: 'Sai số', receivedAt: at.toISOString(), replacementId: null }, hasPendingRequest: true }),
    );
    const inbox = listReplicaDocuments(db, 'inbox', 10, 0);
    expect(inbox.total).toBe(5);
    expect(inbox.rows.map((row) => row.id)).toEqual([2, 7, 4, 3, 1]);
    // A row is exactly a summary: the detail's parts stay out of the list.
    expect(Object.keys(inbox.rows[0]!).sort()).toEqual(Object.keys(listDocumentsShape()).sort());
    expect(inbox.rows[0]).toMatchObject({ id: 2, priority: 2, subject: 'Công văn 2', senderName: 'Ủy ban nhân dân tỉnh', attachmentCount: 1 });
    expect(listReplicaDocuments(db, 'inbox', 2, 2).rows.map((row) => row.id)).toEqual([4, 3]);
    // An internal document's row says so ("Nội bộ" in the list); the others have no such key.
    expect(inbox.rows.filter((row) => 'internal' in row)).toEqual([expect.objectContaining({ id: 3, internal: true })]);
    expect(listReplicaDocuments(db, 'inbox', 10, 0, { tab: 'waiting', today: '2026-03-01' }).rows.map((row) => row.id)).toEqual([2, 7, 1]);
    expect(listReplicaDocuments(db, 'inbox', 10, 0, { tab: 'overdue', today: '2026-03-01' }).rows.map((row) => row.id)).toEqual([3]);
    expect(listReplicaDocuments(db, 'sent', 10, 0).rows.map((row) => row.id)).toEqual([5]);
    expect(listReplicaDocuments(db, 'drafts', 10, 0).rows.map((row) => row.id)).toEqual([6]);
    expect(replicaInboxCounts(db, '2026-03-01')).toEqual({ waiting: 3, inProgress: 1, handled: 1, overdue: 1, all: 5, requests: 1 });
    expect(countReplicaWaiting(db)).toBe(3);
    // The standalone tables stay empty: nothing of the agency is written there.
    expect(listDocuments(db, 'inbox', 10, 0).total).toBe(0);
    db.close();
  });

  it('gives the whole document by the hub id, follows the feed (a later version replaces it, a withdrawn one is gone) and answers null for an unknown id', async () => {
    const db = await signedInDesk();
    bring(db, hubDocument(41));
    expect(getReplicaDocument(db, 41)).toEqual(hubDocument(41));
    bring(db, hubDocument(41, { state: 'accepted', arrivalNumber: 3, registerCode: 'VBD' }));
    expect(getReplicaDocument(db, 41)).toMatchObject({ state: 'accepted', arrivalNumber: 3, registerCode: 'VBD' });
    expect(replicaInboxCounts(db, '2026-03-01')).toMatchObject({ waiting: 0, inProgress: 1 });
    applyFeedPage(db, [{ seq: ++seq, change: { type: 'withdrawn', id: 41 } }], seq, seq);
    expect(getReplicaDocument(db, 41)).toBeNull();
    expect(listReplicaDocuments(db, 'inbox', 10, 0)).toEqual({ rows: [], total: 0 });
    expect(getDocument(db, 41)).toBeNull();
    db.close();
  });

  it('finds the drafts waiting for one leader’s signature, not another’s, not signed nor returned, nor a copy from a hub before submissions', async () => {
    const db = await signedInDesk();
    const draft = (id: number, signingState: HubDocument['signingState'], signingLeaderId?: number | null) =>
      hubDocument(id, { direction: 'draft', state: 'editing', signingState, ...(signingLeaderId !== undefined && { signingLeaderId }) });
    bring(db, draft(51, 'awaiting_leader', 3), draft(52, 'awaiting_leader', 4), draft(53, 'leader_signed', 3), draft(54, 'none', null), draft(55, 'awaiting_leader'), hubDocument(56, { signingLeaderId: 3 }));
    expect(replicaDraftsAwaiting(db, 3).map((doc) => doc.id)).toEqual([51]);
    // Returned: the feed's next copy names nobody.
    bring(db, draft(51, 'none', null));
    expect(replicaDraftsAwaiting(db, 3)).toEqual([]);
    db.close();
  });
});

describe('the desk queue as it shows commands (SQLite)', () => {
  const id = (n: number) => `0193c0de-0000-7000-8000-${String(n).padStart(12, '0')}`;

  it('names the document each command acts on and stays pending until the feed brings the result: an accepted arrival, a new draft by its client key', async () => {
    const db = await signedInDesk();
    bring(db, hubDocument(9));
    const clientKey = '0193c0de-1111-4000-8000-000000000002';
    enqueueCommand(db, { id: id(1), kind: 'arrival.accept', payload: { documentId: 9 }, userId: clerk.id }, at);
    enqueueCommand(db, { id: id(2), kind: 'draft.save', payload: { documentId: null, clientKey, fields: { subject: 'Tờ trình mới' } }, userId: clerk.id }, at);
    expect(listCommands(db, clerk.id, 10).map(({ id: _, createdAt: __, ...rest }) => rest)).toEqual([
      { kind: 'draft.save', state: 'queued', attempts: 0, lastError: null, answeredAt: null, refusal: null, documentId: null, awaitingFeed: false, subject: 'Tờ trình mới' },
      { kind: 'arrival.accept', state: 'queued', attempts: 0, lastError: null, answeredAt: null, refusal: null, documentId: 9, awaitingFeed: false, subject: 'Công văn 9' },
    ]);
    recordCommandOutcome(db, { id: id(1), state: 'applied', appliedAt: at.toISOString(), result: { arrivalNumber: 1 } });
    recordCommandOutcome(db, { id: id(2), state: 'applied', appliedAt: at.toISOString(), result: { documentId: 50 } });
    // Applied at the hub, the result not here yet: still pending on this desk.
    expect(listCommands(db, clerk.id, 10).map((item) => [item.kind, item.documentId, item.awaitingFeed])).toEqual([
      ['draft.save', 50, true],
      ['arrival.accept', 9, true],
    ]);
    bring(db, hubDocument(9, { state: 'accepted', arrivalNumber: 1 }), hubDocument(50, { direction: 'draft', state: 'editing', clientKey }));
    expect(listCommands(db, clerk.id, 10).map((item) => [item.kind, item.documentId, item.awaitingFeed])).toEqual([
      ['draft.save', 50, false],
      ['arrival.accept', 9, false],
    ]);
    db.close();
  });

  it('a workflow step stays pending until the feed brings its line of the timeline; arrivals to present, the urgent first, until presented', async () => {
    const db = await signedInDesk();
    bring(db, hubDocument(9, { state: 'accepted', arrivalNumber: 1 }), hubDocument(10, { state: 'accepted', arrivalNumber: 2, priority: 2 }), hubDocument(11));
    expect(replicaArrivalsToPresent(db, 10)).toEqual([
      { documentId: 10, subject: 'Công văn 10', priority: 2, arrivalNumber: 2 },
      { documentId: 9, subject: 'Công văn 9', priority: 0, arrivalNumber: 1 },
    ]);
    expect(replicaDocumentsWithWork(db)).toEqual([]);
    enqueueCommand(db, { id: id(5), kind: 'arrival.present', payload: { documentId: 9, leaderId: 3, suggestion: '' }, userId: clerk.id }, at);
    const appliedAt = '2026-03-02T08:00:00.000Z';
    recordCommandOutcome(db, { id: id(5), state: 'applied', appliedAt, result: { documentId: 9, itemId: 1 } });
    expect(listCommands(db, clerk.id, 10).map((item) => [item.kind, item.documentId, item.awaitingFeed])).toEqual([['arrival.present', 9, true]]);
    // An older step of the document is not the one this command made.
    const step = (stepAt: string) => ({ id: 1, at: stepAt, kind: 'presented' as const, actorId: clerk.id, actorName: 'Văn thư', itemId: 1, text: '', statuses: [] });
    const item = { id: 1, parentId: null, role: 'decide' as const, unitId: null, userId: 3, assignedBy: clerk.id, note: '', deadline: null, state: 'open' as const, createdAt: appliedAt, startedAt: null, endedAt: null };
    bring(db, hubDocument(9, { state: 'accepted', arrivalNumber: 1, workflow: { presentedAt: null, items: [], steps: [step('2026-03-02T07:00:00.000Z')], extensions: [] } }));
    expect(listCommands(db, clerk.id, 10)[0]!.awaitingFeed).toBe(true);
    bring(db, hubDocument(9, { state: 'accepted', arrivalNumber: 1, workflow: { presentedAt: appliedAt, items: [item], steps: [step(appliedAt)], extensions: [] } }));
    expect(listCommands(db, clerk.id, 10)[0]!.awaitingFeed).toBe(false);
    expect(replicaArrivalsToPresent(db, 10).map((row) => row.documentId)).toEqual([10]);
    expect(replicaDocumentsWithWork(db).map((doc) => doc.id)).toEqual([9]);
    db.close();
  });

  it('a share stays pending until the feed brings the copy naming every unit and person it gave the document to', async () => {
    const db = await signedInDesk();
    bring(db, hubDocument(9, { sharedWith: { units: [2], users: [] } }));
    enqueueCommand(db, { id: id(6), kind: 'document.share', payload: { documentId: 9, units: [3], users: [7] }, userId: clerk.id }, at);
    recordCommandOutcome(db, { id: id(6), state: 'applied', appliedAt: at.toISOString(), result: { documentId: 9, added: { units: [3], users: [7] } } });
    expect(listCommands(db, clerk.id, 10).map((item) => [item.kind, item.documentId, item.awaitingFeed])).toEqual([['document.share', 9, true]]);
    bring(db, hubDocument(9, { sharedWith: { units: [2, 3], users: [] } }));
    expect(listCommands(db, clerk.id, 10)[0]!.awaitingFeed).toBe(true);
    bring(db, hubDocument(9, { sharedWith: { units: [2, 3], users: [7] } }));
    expect(listCommands(db, clerk.id, 10)[0]!.awaitingFeed).toBe(false);
    db.close();
  });

  it('a refused command is put away by its own user only, once; it then leaves the list and the count', async () => {
    const db = await signedInDesk();
    enqueueCommand(db, { id: id(3), kind: 'arrival.accept', payload: { documentId: 9 }, userId: clerk.id }, at);
    enqueueCommand(db, { id: id(4), kind: 'arrival.accept', payload: { documentId: 10 }, userId: clerk.id }, at);
    recordCommandOutcome(db, { id: id(3), state: 'refused', appliedAt: at.toISOString(), reason: 'stale', message: 'Văn bản đã được tiếp nhận.' });
    expect(countCommands(db, clerk.id)).toEqual({ queued: 1, refused: 1 });
    expect(dismissCommand(db, clerk.id, id(4), at)).toBe(false);
    expect(dismissCommand(db, 8, id(3), at)).toBe(false);
    expect(dismissCommand(db, clerk.id, id(3), at)).toBe(true);
    expect(dismissCommand(db, clerk.id, id(3), at)).toBe(false);
    expect(countCommands(db, clerk.id)).toEqual({ queued: 1, refused: 0 });
    expect(listCommands(db, clerk.id, 10).map((item) => item.id)).toEqual([id(4)]);
    // The schema holds the rule against a writer that skips the store: only a refusal is put away.
    expect(() => db.prepare('UPDATE hub_commands SET dismissed_at = ? WHERE id = ?').run(at.toISOString(), id(4))).toThrow(/CHECK/);
    db.close();
  });
});

/** The keys of a standalone list row, from a draft made in the standalone tables. */
function listDocumentsShape(): object {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('draft', 'x', 'editing', ?, ?)").run(at.toISOString(), at.toISOString());
  const row = listDocuments(db, 'drafts', 1, 0).rows[0]!;
  db.close();
  return row;
}
