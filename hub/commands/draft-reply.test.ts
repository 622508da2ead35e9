/**
 * A reply drafted from an arrival's work, on a real PostgreSQL: the draft names the arrival it
 * answers; those holding the arrival's co-operating work read it and give their opinions (ý kiến
 * phối hợp), the drafter and the leader read them on its timeline; those told for information, or
 * not concerned, neither read it nor comment; sent, its package names the arrival (ResponseFor).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DocumentPage, HubDocument } from '../../shared/hub/documents.js';
import { createEdxmlParser } from '../../shared/edxml/parser.js';
import { useTestHub } from '../../test/hub.js';
import { applied, documentAs, refused, registeredArrival, send, workflowAgency, type Agency, type Person } from '../../test/workflow-agency.js';
import { verifyAuditChain } from '../store/audit.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';

const hub = useTestHub();
const setUp = workflowAgency(hub);

/**
 * An arrival the leader gave to the specialist (chủ trì), unit B (phối hợp) and unit A's leader
 * (để biết); the specialist drafts its reply from his work ("Soạn trả lời").
 */
async function replyScene(a: Agency) {
  const arrivalId = await registeredArrival(a);
  await applied(
    send(a, 'leader', 'arrival.assign', {
      documentId: arrivalId,
      instruction: 'Chuyên viên chủ trì soạn trả lời; Phòng Kế toán phối hợp.',
      lead: { userId: a.ids.specialist },
      cooperate: [{ unitId: a.unitB }],
      inform: [{ userId: a.ids.leaderA }],
    }),
  );
  const made = await applied(send(a, 'specialist', 'draft.save', { documentId: null, clientKey: randomUUID(), answers: arrivalId, fields: { subject: 'V/v trả lời công văn' } }));
  return { arrivalId, draftId: made.documentId as number };
}

const sees = async ({ test, tokens }: Agency, who: Person, id: number) => (await test.call('GET', `/api/documents/${id}`, { token: tokens[who] })).status === 200;
const listed = async ({ test, tokens }: Agency, who: Person) => (await test.call<DocumentPage>('GET', '/api/documents', { token: tokens[who] })).body.documents.map((document) => document.id);
const comments = (document: HubDocument) => document.workflow.steps.filter((step) => step.kind === 'comment').map((step) => [step.actorName, step.text]);

describe('a reply to an arrival and the opinions on it', () => {
  it('is read by those holding the arrival’s lead or co-operating work, who comment; not by those told for information or not concerned', async () => {
    const a = await setUp();
    const { arrivalId, draftId } = await replyScene(a);
    const arrival = await documentAs(a, 'leader', arrivalId);
    expect((await documentAs(a, 'specialist', draftId)).answers).toEqual({ id: arrivalId, subject: arrival.subject, codeNumber: '', codeNotation: '' });

    // Unit B co-operates: its specialist and its leader read the draft, by id and in their lists.
    for (const who of ['specialistB', 'leaderB'] as const) {
      expect([who, await sees(a, who, draftId)]).toEqual([who, true]);
      expect(await listed(a, who)).toContain(draftId);
    }
    // Unit A's leader was told for information; his unit's other specialist is not concerned.
    for (const who of ['leaderA', 'colleague'] as const) {
      expect([who, await sees(a, who, draftId), (await listed(a, who)).includes(draftId)]).toEqual([who, false, false]);
      expect(await send(a, who, 'draft.comment', { documentId: draftId, text: 'Ý kiến không được hỏi' })).toEqual(refused('not_found'));
    }

    await applied(send(a, 'specialistB', 'draft.comment', { documentId: draftId, text: 'Đề nghị bổ sung số liệu quý IV.' }));
    await applied(send(a, 'leaderB', 'draft.comment', { documentId: draftId, text: 'Phòng Kế toán thống nhất.' }));
    // The leader who assigned the work stands above it; the clerk, who sees every document, does not.
    await applied(send(a, 'leader', 'draft.comment', { documentId: draftId, text: 'Đồng ý, trình ký.' }));
    expect(await send(a, 'clerk', 'draft.comment', { documentId: draftId, text: 'Văn thư góp ý' })).toEqual(refused('forbidden'));

    const expected = [
      ['specialistb', 'Đề nghị bổ sung số liệu quý IV.'],
      ['leaderb', 'Phòng Kế toán thống nhất.'],
      ['leader', 'Đồng ý, trình ký.'],
    ];
    for (const who of ['specialist', 'leader', 'specialistB'] as const) expect([who, comments(await documentAs(a, who, draftId))]).toEqual([who, expected]);
    const { rows } = await a.test.pool.query<{ actor: string; text: string }>(
      "SELECT actor, details::jsonb->>'text' AS text FROM audit_log WHERE action = 'workflow.comment' AND subject = $1 ORDER BY seq",
      [`document:${draftId}`],
    );
    expect(rows.map((row) => [row.actor, row.text])).toEqual(expected);
    expect(await verifyAuditChain(a.test.pool)).toMatchObject({ ok: true });
  });

  it('answers only an arrival its drafter sees, named when the draft is made; a comment on a document that answers nothing is refused', async () => {
    const a = await setUp();
    const { arrivalId, draftId } = await replyScene(a);
    // The colleague does not see the arrival: he cannot answer it.
    expect(await send(a, 'colleague', 'draft.save', { documentId: null, clientKey: randomUUID(), answers: arrivalId, fields: { subject: 'Trả lời' } })).toEqual(refused('not_found'));
    expect(await send(a, 'specialist', 'draft.save', { documentId: draftId, clientKey: randomUUID(), answers: arrivalId, fields: { summary: 'x' } })).toEqual(refused('invalid'));
    // A draft answering a draft is no reply.
    expect(await send(a, 'specialist', 'draft.save', { documentId: null, clientKey: randomUUID(), answers: draftId, fields: { subject: 'Trả lời' } })).toEqual(refused('not_found'));
    const plain = await applied(send(a, 'specialist', 'draft.save', { documentId: null, clientKey: randomUUID(), fields: { subject: 'Dự thảo riêng' } }));
    expect(await send(a, 'specialist', 'draft.comment', { documentId: plain.documentId, text: 'Góp ý' })).toEqual(refused('forbidden'));
  });

  it('is sent with the arrival it answers as its ResponseFor', async () => {
    const a = await setUp();
    const { test } = a;
    const { arrivalId, draftId } = await replyScene(a);
    await test.pool.query("UPDATE documents SET code_number = '12', code_notation = 'SYT-VP', promulgation_date = '2026-11-28' WHERE id = $1", [arrivalId]);
    const { edxml_document_id: answered } = (await test.pool.query<{ edxml_document_id: string }>('SELECT edxml_document_id FROM documents WHERE id = $1', [arrivalId])).rows[0]!;
    await applied(send(a, 'specialist', 'draft.save', { documentId: draftId, clientKey: randomUUID(), fields: { codeNotation: 'BC-TH', typeName: 'Báo cáo', signerFullName: 'Nguyễn Văn An' } }));
    // Signed, numbered and sealed as draft-issue.test.ts does it at desks; here its state and file are put in place.
    const file = await test.blobs.put(new TextEncoder().encode('%PDF-1.7 trả lời'));
    await postgresExchangeStore(test.pool).write((tx) => tx.insertAttachments(draftId, [{ name: 'tra-loi.pdf', contentType: 'application/pdf', sha256: file.sha256, size: file.size }], new Date().toISOString()));
    await test.pool.query("UPDATE documents SET signing_state = 'agency_signed', code_number = '07', promulgation_date = '2026-12-02' WHERE id = $1", [draftId]);

    await applied(send(a, 'clerk', 'draft.send', { documentId: draftId, recipients: ['H02.00'] }));
    const { package_sha256: sha256 } = (await test.pool.query<{ package_sha256: string }>("SELECT package_sha256 FROM outbox WHERE document_id = $1 AND message_type = 'edoc'", [draftId])).rows[0]!;
    const parser = createEdxmlParser({ beginAttachment() {}, attachmentBytes() {}, endAttachment() {} });
    parser.write(Buffer.from(await test.blobs.read(sha256)).toString('utf8'));
    const parsed = parser.close();
    expect(parsed.kind).toBe('document');
    const { header } = (parsed as Extract<typeof parsed, { kind: 'document' }>).package;
    expect(header.responseFor).toEqual([{ organId: 'H02.00', code: '12/SYT-VP', promulgationDate: '2026/11/28', documentId: answered }]);
    // Sent, it takes no more opinions.
    expect(await send(a, 'specialistB', 'draft.comment', { documentId: draftId, text: 'Muộn' })).toEqual(refused('stale'));
  });
});
