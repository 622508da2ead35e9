/**
 * Trình ký and trả lại on a real PostgreSQL: the drafter submits his draft to a leader, who finds
 * it in his "Chờ ký" and returns it with a comment; the draft is edited no more while it waits and
 * again once returned; the refusals (a stranger, a specialist returning, one who does not sign
 * named, a draft not being edited); a command sent twice applies once.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MyWork } from '../../shared/hub/workflow.js';
import { useTestHub } from '../../test/hub.js';
import { uuidv7 } from '../../test/uuid7.js';
import { applied, documentAs, refused, send, workflowAgency, type Agency, type Person } from '../../test/workflow-agency.js';
import { verifyAuditChain } from '../store/audit.js';

const hub = useTestHub();
const setUp = workflowAgency(hub);

/** A draft of `who`'s with its PDF, being edited. */
async function draftOf(a: Agency, who: Person, subject = 'Dự thảo báo cáo'): Promise<number> {
  const made = await applied(send(a, who, 'draft.save', { documentId: null, clientKey: randomUUID(), fields: { subject } }));
  const id = made.documentId as number;
  const file = await a.test.blobs.put(new TextEncoder().encode(`%PDF-1.7 ${subject}`));
  await applied(send(a, who, 'draft.attach', { documentId: id, name: 'du-thao.pdf', contentType: 'application/pdf', sha256: file.sha256, size: file.size }));
  return id;
}

const toSign = async ({ test, tokens }: Agency, who: Person) => (await test.call<MyWork>('GET', '/api/work', { token: tokens[who] })).body.toSign;
const save = (a: Agency, who: Person, documentId: number, summary: string) => send(a, who, 'draft.save', { documentId, clientKey: randomUUID(), fields: { summary } });

describe('submitting a draft for signature and returning it', () => {
  it('goes to the leader’s "Chờ ký", locked; returned with his comment, it is edited again and submitted anew', async () => {
    const a = await setUp();
    const id = await draftOf(a, 'specialist');
    const submit = { documentId: id, leaderId: a.ids.leader, note: 'Kính trình lãnh đạo ký.' };
    const command = uuidv7();
    await applied(send(a, 'specialist', 'draft.submit', submit, command));
    // Sent again under its id (a desk that lost the answer): the same outcome, one step.
    expect(await send(a, 'specialist', 'draft.submit', submit, command)).toMatchObject({ state: 'applied' });

    const waiting = await documentAs(a, 'specialist', id);
    expect(waiting).toMatchObject({ signingState: 'awaiting_leader', signingLeaderId: a.ids.leader, leaderComment: null });
    expect(waiting.workflow.steps.map((step) => [step.kind, step.actorName, step.text])).toEqual([['submitted', 'specialist', 'Kính trình lãnh đạo ký.']]);
    expect(await toSign(a, 'leader')).toEqual([{ documentId: id, subject: 'Dự thảo báo cáo', priority: 0, submittedBy: a.ids.specialist, submittedAt: expect.any(String) }]);
    expect(await toSign(a, 'specialist')).toEqual([]);

    // Edited by nobody while it waits, its files neither; submitted once.
    for (const who of ['specialist', 'leader'] as const) expect(await save(a, who, id, 'Sửa khi chờ ký')).toEqual(refused('stale'));
    const file = await a.test.blobs.put(new TextEncoder().encode('%PDF-1.7 khác'));
    expect(await send(a, 'specialist', 'draft.attach', { documentId: id, name: 'khac.pdf', contentType: 'application/pdf', sha256: file.sha256, size: file.size })).toEqual(refused('stale'));
    expect(await send(a, 'specialist', 'draft.submit', { ...submit, note: '' })).toEqual(refused('stale'));

    await applied(send(a, 'leader', 'draft.return', { documentId: id, comment: 'Bổ sung số liệu quý IV.' }));
    expect(await send(a, 'leader', 'draft.return', { documentId: id, comment: 'Lần nữa' })).toEqual(refused('stale'));
    const back = await documentAs(a, 'specialist', id);
    expect(back).toMatchObject({ signingState: 'none', signingLeaderId: null, leaderComment: 'Bổ sung số liệu quý IV.' });
    expect(back.workflow.steps.map((step) => [step.kind, step.actorName, step.text])).toEqual([
      ['submitted', 'specialist', 'Kính trình lãnh đạo ký.'],
      ['draft_returned', 'leader', 'Bổ sung số liệu quý IV.'],
    ]);
    expect(await toSign(a, 'leader')).toEqual([]);
    await applied(save(a, 'specialist', id, 'Đã bổ sung số liệu'));

    // Submitted again, to a unit leader this time, who is given the draft to see it; the comment is cleared.
    expect(await send(a, 'leaderB', 'draft.return', { documentId: id, comment: 'x' })).toEqual(refused('not_found'));
    await applied(send(a, 'specialist', 'draft.submit', { documentId: id, leaderId: a.ids.leaderB }));
    expect(await documentAs(a, 'leaderB', id)).toMatchObject({ signingState: 'awaiting_leader', signingLeaderId: a.ids.leaderB, leaderComment: null });
    expect((await toSign(a, 'leaderB')).map((draft) => draft.documentId)).toEqual([id]);
    await applied(send(a, 'leaderB', 'draft.return', { documentId: id, comment: 'Trình lãnh đạo cơ quan.' }));

    const { rows } = await a.test.pool.query<{ action: string; actor: string }>("SELECT action, actor FROM audit_log WHERE subject = $1 AND action LIKE 'workflow.%' ORDER BY seq", [`document:${id}`]);
    expect(rows.map((row) => [row.action, row.actor])).toEqual([
      ['workflow.submitted', 'specialist'],
      ['workflow.draft_returned', 'leader'],
      ['workflow.submitted', 'specialist'],
      ['workflow.draft_returned', 'leaderb'],
    ]);
    expect(await verifyAuditChain(a.test.pool)).toMatchObject({ ok: true });
  });

  it('refuses a stranger, one who does not sign named, a draft without its PDF, and a return by a specialist or another unit leader', async () => {
    const a = await setUp();
    const id = await draftOf(a, 'specialist');
    // His colleague does not see the draft; the co-operating unit's specialist neither.
    for (const who of ['colleague', 'specialistB'] as const) expect(await send(a, who, 'draft.submit', { documentId: id, leaderId: a.ids.leader })).toEqual(refused('not_found'));
    // Submitted to whom signs drafts only.
    for (const leaderId of [a.ids.clerk, a.ids.colleague, 999_999]) expect(await send(a, 'specialist', 'draft.submit', { documentId: id, leaderId })).toEqual(refused('invalid'));
    const bare = (await applied(send(a, 'specialist', 'draft.save', { documentId: null, clientKey: randomUUID(), fields: { subject: 'Chưa có tệp' } }))).documentId as number;
    expect(await send(a, 'specialist', 'draft.submit', { documentId: bare, leaderId: a.ids.leader })).toEqual(refused('invalid'));
    // A draft he may not see (the clerk's) is not found to him.
    const clerkDraft = await draftOf(a, 'clerk', 'Dự thảo của văn thư');
    expect(await send(a, 'specialist', 'draft.submit', { documentId: clerkDraft, leaderId: a.ids.leader })).toEqual(refused('not_found'));

    await applied(send(a, 'specialist', 'draft.submit', { documentId: id, leaderId: a.ids.leaderA }));
    const deniedReturns = async () => (await a.test.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'access_denied' AND details::jsonb->>'kind' = 'draft.return'")).rows[0]!.n;
    const deniedBefore = await deniedReturns();
    // The drafter does not return his own draft; a unit leader it was not submitted to neither.
    expect(await send(a, 'specialist', 'draft.return', { documentId: id, comment: 'Tự rút' })).toEqual(refused('forbidden'));
    await applied(send(a, 'clerk', 'document.share', { documentId: id, units: [], users: [a.ids.leaderB] }));
    expect(await send(a, 'leaderB', 'draft.return', { documentId: id, comment: 'Không phải của tôi' })).toEqual(refused('forbidden'));
    // Any leader of the agency returns it.
    await applied(send(a, 'leader', 'draft.return', { documentId: id, comment: 'Lãnh đạo cơ quan trả lại.' }));
    // Each refusal for want of the right is kept in the audit log.
    expect((await deniedReturns()) - deniedBefore).toBe(2);
  });
});
