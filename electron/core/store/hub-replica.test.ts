import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { DESK_CLERK, SIGNED_IN_AT, signedInDesk as signedInDeskOf } from '../../../test/desk-replica.js';
import {
  applyFeedPage,
  applySnapshotPage,
  beginSnapshot,
  countCommands,
  enqueueCommand,
  listCommands,
  listDirectoryUnits,
  nextQueuedCommand,
  readHubLink,
  recordCommandOutcome,
  replicaDocumentIds,
  saveHubSignIn,
} from './hub-replica.js';

const tempDir = useTempDirs();
const clerk = DESK_CLERK;
const at = SIGNED_IN_AT;
const signedInDesk = () => signedInDeskOf(tempDir);

const doc = (id: number, seq: number) => ({ seq, change: { type: 'document' as const, id, document: { id, subject: `Văn bản ${id}` } } });

describe('the desk replica of the hub (SQLite)', () => {
  it('applies a feed page with its number or not at all: a page that fails half-way leaves the replica and the number as they were', async () => {
    const db = await signedInDesk();
    applyFeedPage(db, [doc(1, 1), doc(2, 2)], 2, 2);
    // The second change breaks a constraint (a unit without a code) after the first was written.
    const broken = { seq: 4, change: { type: 'unit' as const, unit: { id: 3, code: null as unknown as string, name: 'x', parentId: null } } };
    expect(() => applyFeedPage(db, [{ seq: 3, change: { type: 'withdrawn', id: 1 } }, broken], 4, 4)).toThrow(/NOT NULL/);
    expect(replicaDocumentIds(db)).toEqual([1, 2]);
    expect(readHubLink(db)!.cursor).toBe(2);
    // Changes at or below the desk's number (a late answer) change nothing, and the number never goes back.
    applyFeedPage(db, [{ seq: 1, change: { type: 'withdrawn', id: 1 } }], 1, null);
    expect(replicaDocumentIds(db)).toEqual([1, 2]);
    expect(readHubLink(db)!.cursor).toBe(2);
    db.close();
  });

  it('a snapshot keeps the old replica readable while it runs, resumes from its last page, and removes what it did not bring', async () => {
    const db = await signedInDesk();
    applyFeedPage(db, [doc(1, 1), doc(2, 2), doc(3, 3)], 3, 3);
    beginSnapshot(db, 90);
    applySnapshotPage(db, 90, [{ id: 2, document: { id: 2, subject: 'mới' } }], 2);
    expect(readHubLink(db)!.snapshot).toEqual({ head: 90, after: 2 });
    expect(replicaDocumentIds(db)).toEqual([1, 2, 3]);
    expect(() => applyFeedPage(db, [], 5, 5)).toThrow(/snapshot is under way/);
    applySnapshotPage(db, 90, [{ id: 5, document: { id: 5 } }], null);
    expect(replicaDocumentIds(db)).toEqual([2, 5]);
    expect(readHubLink(db)).toMatchObject({ snapshot: null, cursor: 90, knownHead: 90 });
    db.close();
  });

  it('an access change stops its page: what came before is kept, the number stays below it, and the snapshot it asks for drops what is no longer readable, even after a restart', async () => {
    const db = await signedInDesk();
    applyFeedPage(db, [doc(1, 1), doc(2, 2)], 2, 2);
    const page = [doc(3, 3), { seq: 4, change: { type: 'access' as const } }, doc(5, 5)];
    expect(applyFeedPage(db, page, 5, 5)).toMatchObject({ snapshot: true });
    expect(replicaDocumentIds(db)).toEqual([1, 2, 3]);
    expect(readHubLink(db)).toMatchObject({ cursor: 3, knownHead: 5, snapshot: null });
    // The desk stopped before the snapshot's first page: the same page asks for it again.
    expect(applyFeedPage(db, page, 5, 5)).toMatchObject({ snapshot: true });
    // The user's new unit reads 2 and 5 only: 1 and 3 go.
    applySnapshotPage(db, 6, [{ id: 2, document: { id: 2 } }, { id: 5, document: { id: 5 } }], null);
    expect(replicaDocumentIds(db)).toEqual([2, 5]);
    expect(readHubLink(db)).toMatchObject({ cursor: 6, snapshot: null });
    // Past the snapshot's head the access change is behind the desk.
    expect(applyFeedPage(db, page, 6, 6)).toMatchObject({ snapshot: false });
    db.close();
  });

  it('another user signing in at this desk starts from an empty replica; the same user keeps it', async () => {
    const db = await signedInDesk();
    applyFeedPage(db, [doc(1, 1), { seq: 2, change: { type: 'unit', unit: { id: 1, code: 'VP', name: 'Văn phòng', parentId: null } } }], 2, 2);
    expect(saveHubSignIn(db, 'https://hub.example', clerk, at)).toBe('kept');
    expect(replicaDocumentIds(db)).toEqual([1]);
    expect(saveHubSignIn(db, 'https://hub.example', { ...clerk, id: 8, username: 'lanhdao' }, at)).toBe('cleared');
    expect(replicaDocumentIds(db)).toEqual([]);
    expect(listDirectoryUnits(db)).toEqual([]);
    expect(readHubLink(db)).toMatchObject({ cursor: 0, owner: { id: 8 } });
    db.close();
  });

  it('queues commands per user in id order and keeps the first answer to each', async () => {
    const db = await signedInDesk();
    const ids = ['01900000-0000-7000-8000-000000000002', '01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000003'];
    for (const id of ids) enqueueCommand(db, { id, kind: 'arrival.accept', payload: { documentId: 1 }, userId: clerk.id }, at);
    enqueueCommand(db, { id: '01900000-0000-7000-8000-000000000000', kind: 'arrival.accept', payload: { documentId: 1 }, userId: 99 }, at);
    expect(nextQueuedCommand(db, clerk.id)!.id).toBe(ids[1]);
    recordCommandOutcome(db, { id: ids[1]!, state: 'refused', appliedAt: at.toISOString(), reason: 'stale', message: 'already accepted' });
    recordCommandOutcome(db, { id: ids[1]!, state: 'applied', appliedAt: at.toISOString(), result: {} });
    expect(nextQueuedCommand(db, clerk.id)!.id).toBe(ids[0]);
    expect(countCommands(db, clerk.id)).toEqual({ queued: 2, refused: 1 });
    expect(listCommands(db, clerk.id, 10).find((c) => c.id === ids[1])).toMatchObject({ state: 'refused', refusal: { reason: 'stale', message: 'already accepted' } });
    db.close();
  });
});
