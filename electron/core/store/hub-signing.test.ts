import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { openDatabase } from './database.js';
import { enqueueCommand, recordCommandOutcome, saveHubSignIn } from './hub-replica.js';
import { lastRevisionUpload } from './hub-signing.js';
import { migrate } from './migrations/index.js';
import { referencedBlobs } from './referenced-blobs.js';

const tempDir = useTempDirs();
const leader = { id: 4, username: 'lanhdao', displayName: 'Lãnh đạo', unitId: 1, roles: ['leader' as const] };
const at = new Date('2026-12-01T02:00:00.000Z');
const hash = (c: string) => c.repeat(64);
const upload = (id: string, documentId: number, revision: string) => ({ id, kind: 'revision.upload' as const, userId: leader.id, payload: { documentId, attachmentId: 9, baseSha256: hash('a'), revisionSha256: hash(revision) } });

describe("a leader's signatures queued at the desk", () => {
  it('the last one per document is where his signature stands; its file is kept (backed up) until the hub takes it', async () => {
    const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
    saveHubSignIn(db, 'https://hub.example', leader, at);
    expect(lastRevisionUpload(db, leader.id, 1)).toBeNull();
    enqueueCommand(db, upload('0190f0a0-0000-7000-8000-000000000001', 1, 'b'), at);
    enqueueCommand(db, upload('0190f0a0-0000-7000-8000-000000000002', 2, 'c'), at);
    enqueueCommand(db, { id: '0190f0a0-0000-7000-8000-000000000003', kind: 'arrival.accept', userId: leader.id, payload: { documentId: 1 } }, at);
    expect(referencedBlobs(db).sort()).toEqual([hash('b'), hash('c')]);

    recordCommandOutcome(db, { id: '0190f0a0-0000-7000-8000-000000000001', state: 'refused', appliedAt: at.toISOString(), reason: 'stale', message: 'Someone changed file 9.' });
    enqueueCommand(db, upload('0190f0a0-0000-7000-8000-000000000004', 1, 'd'), at);
    recordCommandOutcome(db, { id: '0190f0a0-0000-7000-8000-000000000004', state: 'applied', appliedAt: at.toISOString(), result: { version: 2 } });
    expect(lastRevisionUpload(db, leader.id, 1)).toMatchObject({ commandId: '0190f0a0-0000-7000-8000-000000000004', state: 'applied', revisionSha256: hash('d'), refusal: null });
    expect(lastRevisionUpload(db, leader.id, 2)).toMatchObject({ state: 'queued', attachmentId: 9, baseSha256: hash('a'), revisionSha256: hash('c') });
    // Another user's signatures are not his.
    expect(lastRevisionUpload(db, 99, 2)).toBeNull();
    // Taken or refused: the hub has it, or it is no signature; only the one still waiting is kept.
    expect(referencedBlobs(db)).toEqual([hash('c')]);
    db.close();
  });

  it('a backup set from a version before agency mode (no command queue) still lists its blobs', async () => {
    const db = new Database(path.join(await tempDir(), 'old.sqlite'));
    migrate(db, 190);
    expect(referencedBlobs(db)).toEqual([]);
    db.close();
  });
});
