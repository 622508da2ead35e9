/**
 * Internal documents (văn bản nội bộ) on a real PostgreSQL: a draft marked internal is signed,
 * numbered in the internal register (its own series: the outgoing register does not move),
 * sealed, and sent by the clerk alone to a unit of the agency; the unit's copy is an arrival the
 * unit sees (another unit does not), handled by the same workflow, whose steps the sender follows
 * on its recipient row; nothing reaches the axis outbox.
 */
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_CHANGE } from '../../shared/hub/documents.js';
import type { FeedPage } from '../../shared/hub/feed.js';
import { useTestHub } from '../../test/hub.js';
import type { TestSigner } from '../../test/pdf-corpus/test-pki.js';
import { draftPdf, signedPdf, useTestPki } from '../../test/hub-signing-pdf.js';
import { useTempDirs } from '../../test/temp-dir.js';
import { applied, documentAs, refused, send, workflowAgency, type Agency, type Person } from '../../test/workflow-agency.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';

const hub = useTestHub();
const tempDir = useTempDirs();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const pki = useTestPki();
const agency = workflowAgency(() => hub({ commands: { trustAnchors: [pki().caDer] } }));

const signed = (base: Uint8Array, signer: TestSigner) => signedPdf(tempDir, base, signer);

/** A draft by the specialist of unit A with its PDF, internal or not, and its signing steps. */
async function draft(a: Agency, internal: boolean) {
  const made = await applied(send(a, 'specialist', 'draft.save', { documentId: null, clientKey: randomUUID(), internal, fields: { subject: 'Thông báo lịch họp giao ban', codeNotation: 'TB-VP', typeName: 'Thông báo' } }));
  const documentId = made.documentId as number;
  const base = draftPdf('Thong bao noi bo');
  await a.test.blobs.put(base);
  await postgresExchangeStore(a.test.pool).write((tx) => tx.insertAttachments(documentId, [{ name: 'thong-bao.pdf', contentType: 'application/pdf', sha256: sha256(base), size: base.length }], new Date().toISOString()));
  const attachmentId = (await a.test.pool.query<{ id: number }>('SELECT id FROM attachments WHERE document_id = $1', [documentId])).rows[0]!.id;
  const upload = async (who: Person, over: Uint8Array, revision: Uint8Array) => {
    const put = await a.test.app.inject({ method: 'PUT', url: `/api/blobs/${sha256(revision)}`, headers: { authorization: `Bearer ${a.tokens[who]}`, 'content-type': 'application/pdf' }, payload: Buffer.from(revision) });
    expect(put.statusCode).toBe(200);
    return applied(send(a, who, 'revision.upload', { documentId, attachmentId, baseSha256: sha256(over), revisionSha256: sha256(revision) }));
  };
  let current: Uint8Array = base;
  return {
    documentId,
    async leaderSigns() {
      const next = await signed(current, pki().leader);
      await upload('leader', current, next);
      current = next;
    },
    async clerkSeals() {
      const next = await signed(current, pki().agency);
      await upload('clerk', current, next);
      current = next;
    },
  };
}

const counters = async (a: Agency) =>
  Object.fromEntries((await a.test.pool.query<{ code: string; last_number: number }>('SELECT g.code, c.last_number FROM register_counters c JOIN registers g ON g.id = c.register_id')).rows.map((row) => [row.code, row.last_number]));
const outboxRows = async (a: Agency) => (await a.test.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]!.n;

describe('internal documents', () => {
  it('are numbered in their own series, sealed, sent by the clerk alone to units, handled there by the workflow and followed by the sender, without the axis', async () => {
    const a = await agency();
    // An outgoing document first: the outgoing register takes 01.
    const outgoing = await draft(a, false);
    await outgoing.leaderSigns();
    expect(await applied(send(a, 'clerk', 'draft.number', { documentId: outgoing.documentId }))).toMatchObject({ number: '01', register: 'outgoing' });

    const internal = await draft(a, true);
    const { documentId } = internal;
    await internal.leaderSigns();
    // Not sealed yet: it does not leave.
    expect(await send(a, 'clerk', 'draft.sendInternal', { documentId, units: [a.unitB] })).toEqual(refused('invalid'));
    expect(await applied(send(a, 'clerk', 'draft.number', { documentId }))).toMatchObject({ number: '01', register: 'internal' });
    // Its own series: the outgoing register did not move.
    expect(await counters(a)).toEqual({ outgoing: 1, internal: 1 });
    await internal.clerkSeals();

    // Not over the axis; not by anyone but the clerk; only to units that exist.
    expect(await send(a, 'clerk', 'draft.send', { documentId, recipients: ['H02.00.TEST'] })).toEqual(refused('invalid'));
    expect(await send(a, 'leader', 'draft.sendInternal', { documentId, units: [a.unitB] })).toEqual(refused('forbidden'));
    expect(await send(a, 'clerk', 'draft.sendInternal', { documentId, units: [a.unitB, 999_999] })).toEqual(refused('invalid'));
    // An outgoing draft is not sent inside.
    await outgoing.clerkSeals();
    expect(await send(a, 'clerk', 'draft.sendInternal', { documentId: outgoing.documentId, units: [a.unitB] })).toEqual(refused('invalid'));

    const sent = await applied(send(a, 'clerk', 'draft.sendInternal', { documentId, units: [a.unitB] }));
    expect(sent).toMatchObject({ documentId, units: [a.unitB], arrivals: [expect.any(Number)] });
    const copyId = (sent.arrivals as number[])[0]!;
    expect(await send(a, 'clerk', 'draft.sendInternal', { documentId, units: [a.unitB] })).toEqual(refused('stale'));
    expect(await outboxRows(a)).toBe(0);

    // The unit sees its copy, marked internal, held by it in charge; another unit does not.
    const copy = await documentAs(a, 'specialistB', copyId);
    expect(copy).toMatchObject({ internal: true, direction: 'incoming', state: 'accepted', sharedWith: { units: [a.unitB], users: [] } });
    expect(copy.metadata).toMatchObject({ subject: 'Thông báo lịch họp giao ban', codeNumber: '01', codeNotation: 'TB-VP' });
    expect(copy.attachments.map((file) => file.name)).toEqual(['thong-bao.pdf']);
    expect(copy.workflow.items).toMatchObject([{ role: 'lead', unitId: a.unitB, state: 'open' }]);
    const other = await a.test.call('GET', `/api/documents/${copyId}`, { token: a.tokens.colleague });
    expect(other.status).toBe(404);
    // The feed brings the copy to the unit's desks, marked internal, and to no other unit's.
    const feedOf = async (who: Person) =>
      (await a.test.call<FeedPage>('GET', '/api/feed?after=0&wait=0&limit=500', { token: a.tokens[who] })).body.changes.filter((change) => change.kind === DOCUMENT_CHANGE && change.subject === `document:${copyId}`);
    expect((await feedOf('leaderB')).at(-1)?.payload).toMatchObject({ id: copyId, internal: true });
    expect(await feedOf('colleague')).toEqual([]);

    // The sender follows it: the unit received it (03).
    const recipients = async () => (await documentAs(a, 'clerk', documentId)).recipients.map(({ agencyId, agencyName, state, statusCode }) => ({ agencyId, agencyName, state, statusCode }));
    expect(await documentAs(a, 'clerk', documentId)).toMatchObject({ internal: true, direction: 'outgoing', state: 'sent' });
    expect(await recipients()).toEqual([{ agencyId: `unit:${a.unitB}`, agencyName: 'Phòng Kế toán', state: 'accepted', statusCode: '03' }]);

    // The unit's leader passes it on, the specialist finishes it: the same workflow, the sender told each step.
    const itemId = copy.workflow.items[0]!.id;
    const passed = await applied(send(a, 'leaderB', 'assignment.pass', { documentId: copyId, itemId, userId: a.ids.specialistB, note: 'Em chuẩn bị nội dung' }));
    await applied(send(a, 'specialistB', 'assignment.progress', { documentId: copyId, itemId: passed.itemId as number, note: 'Đang chuẩn bị' }));
    expect(await recipients()).toMatchObject([{ state: 'processing', statusCode: '05' }]);
    await applied(send(a, 'specialistB', 'assignment.done', { documentId: copyId, itemId: passed.itemId as number, note: 'Đã chuẩn bị' }));
    expect(await recipients()).toEqual([{ agencyId: `unit:${a.unitB}`, agencyName: 'Phòng Kế toán', state: 'done', statusCode: '06' }]);
    expect(await documentAs(a, 'specialistB', copyId)).toMatchObject({ state: 'done' });
    expect(await outboxRows(a)).toBe(0);

    const { rows: audit } = await a.test.pool.query<{ action: string; subject: string }>(
      "SELECT action, subject FROM audit_log WHERE action IN ('document.send_internal', 'workflow.assigned', 'workflow.passed', 'workflow.progress', 'workflow.done') ORDER BY seq",
    );
    expect(audit).toEqual([
      { action: 'workflow.assigned', subject: `document:${copyId}` },
      { action: 'document.send_internal', subject: `document:${documentId}` },
      { action: 'workflow.passed', subject: `document:${copyId}` },
      { action: 'workflow.progress', subject: `document:${copyId}` },
      { action: 'workflow.done', subject: `document:${copyId}` },
    ]);
  });
});
