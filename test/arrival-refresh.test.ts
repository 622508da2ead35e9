/**
 * One document arriving is one change for the recipient's UI: the real core announces it once and
 * the round's closing report does not repeat it (renderer/api/query-keys.test.ts shows the
 * renderer then refetches the inbox once).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import { startAgency, UNSIGNED_SENDING, type TestAgency } from './agency-harness.js';

let axis: TemporaryAxis;
let A: TestAgency;
let B: TestAgency;

beforeAll(async () => {
  axis = await startTemporaryAxis();
  const agencies = await Promise.all(axis.agencies.slice(0, 2).map((credential) => startAgency(axis.server.url, credential, { policy: UNSIGNED_SENDING })));
  [A, B] = [agencies[0]!, agencies[1]!];
});
afterAll(async () => {
  await Promise.all([A, B].map((agency) => agency?.close()));
  await axis?.dispose();
});

describe('one arrival', () => {
  it('is announced once, and the round does not report it changed again', async () => {
    const created = await A.call('drafts.create', { subject: 'V/v một lần làm mới hộp thư đến', summary: 'tóm tắt' });
    await A.call('drafts.update', { id: created.id, fields: { codeNotation: 'UBND-VP', typeName: 'Công văn', signerFullName: 'Nguyễn Văn An', signerPosition: 'Chủ tịch', priority: 0 } });
    const pdf = new Uint8Array(await readFile(new URL('../assets/sample.pdf', import.meta.url)));
    await A.call('attachments.add', { documentId: created.id, name: 'Công văn.pdf', contentType: 'application/pdf', bytes: pdf });
    await A.call('documents.send', { id: created.id, recipients: [B.code] });
    await A.sync();

    const before = B.events.length;
    await B.sync();
    const round = B.events.slice(before);
    const arrivals = round.filter((event) => event.type === 'document.arrived');
    expect(arrivals).toHaveLength(1);
    const id = (arrivals[0] as { id: number }).id;
    // The round's closing report does not repeat the arrival (its receipt 01 is part of it).
    expect(round.filter((event) => event.type === 'documents.changed' && (event.ids.length === 0 || event.ids.includes(id)))).toEqual([]);

    expect((await B.call('documents.list', { box: 'inbox', limit: 100, offset: 0 })).rows.map((row) => row.id)).toContain(id);
  });
});

describe('a report of the sync process after the core closed', () => {
  // The host can deliver a child's last messages after its exit, when the core's store is closed.
  it('is dropped, not run against the closed store', async () => {
    const late = await startAgency(axis.server.url, axis.agencies[2]!, { connect: false });
    const seen = late.events.length;
    await late.close();
    expect(() => late.core.handleSyncMessage({ type: 'status', status: { phase: 'idle', progress: null, message: '', problem: null } })).not.toThrow();
    expect(late.events.length).toBe(seen);
  });
});
