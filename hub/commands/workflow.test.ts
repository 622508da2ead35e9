import { describe, expect, it } from 'vitest';
import { DOCUMENT_CHANGE, type HubDocument } from '../../shared/hub/documents.js';
import type { FeedPage } from '../../shared/hub/feed.js';
import type { MyWork } from '../../shared/hub/workflow.js';
import { useTestHub, type TestHub } from '../../test/hub.js';
import { applied, documentAs, refused, registeredArrival, send, workflowAgency, type Agency, type Person } from '../../test/workflow-agency.js';
import { uuidv7 } from '../../test/uuid7.js';
import { verifyAuditChain } from '../store/audit.js';

const hub = useTestHub();
const setUp = workflowAgency(hub);

/** The statuses queued to the sender, oldest first: code and description. */
async function statusesSent(test: TestHub, documentId: number): Promise<string[]> {
  const { rows } = await test.pool.query<{ purpose: string }>("SELECT purpose FROM outbox WHERE document_id = $1 AND message_type = 'status' ORDER BY id", [documentId]);
  return rows.map((row) => row.purpose.replace('status:', ''));
}

async function workOf({ test, tokens }: Agency, who: Person): Promise<MyWork['items']> {
  return (await test.call<MyWork>('GET', '/api/work', { token: tokens[who] })).body.items;
}

describe('the workflow of an arrival (điều hành)', () => {
  it('presented, assigned to a unit with a co-operating one, passed on to a specialist, started and done: 04, 05, 06 once each and in order, every step on the timeline, in the feed and in the audit chain', async () => {
    const a = await setUp();
    const { test, ids, unitA, unitB } = a;
    const documentId = await registeredArrival(a);

    const present = await applied(send(a, 'clerk', 'arrival.present', { documentId, leaderId: ids.leader, suggestion: 'Đề nghị giao Phòng Tổng hợp chủ trì' }));
    const leaderView = await documentAs(a, 'leader', documentId);
    expect(leaderView.workflow.presentedAt).toEqual(expect.any(String));
    expect(leaderView.workflow.items).toEqual([expect.objectContaining({ id: present.itemId, role: 'decide', userId: ids.leader, state: 'open', note: 'Đề nghị giao Phòng Tổng hợp chủ trì' })]);
    expect((await workOf(a, 'leader')).map((work) => [work.documentId, work.item.role])).toContainEqual([documentId, 'decide']);
    // Presented twice to the same leader while he has not decided: refused.
    expect(await send(a, 'clerk', 'arrival.present', { documentId, leaderId: ids.leader })).toEqual(refused('stale'));

    // The specialist of unit A does not see it before it is given to his unit.
    expect((await test.call('GET', `/api/documents/${documentId}`, { token: a.tokens.specialist })).status).toBe(404);
    const assigned = await applied(
      send(a, 'leader', 'arrival.assign', {
        documentId,
        instruction: 'Phòng Tổng hợp chủ trì, Phòng Kế toán phối hợp, báo cáo trước 20/12',
        lead: { unitId: unitA },
        cooperate: [{ unitId: unitB }],
        inform: [{ userId: ids.clerk }],
        deadline: '2026-12-20',
      }),
    );
    expect(assigned.statuses).toEqual(['04']);
    const [leadItem, cooperateItem] = assigned.items as number[];
    expect(await workOf(a, 'leaderA')).toEqual([expect.objectContaining({ documentId, subject: expect.stringContaining('Công văn đến'), item: expect.objectContaining({ id: leadItem, role: 'lead', unitId: unitA, deadline: '2026-12-20', parentId: present.itemId }) })]);
    expect((await workOf(a, 'leader')).map((work) => work.documentId)).not.toContain(documentId);
    // Given to unit A: its specialist sees it now, and it is not his work until it is passed on to him.
    expect((await documentAs(a, 'specialist', documentId)).sharedWith.units).toEqual(expect.arrayContaining([unitA, unitB]));
    expect(await workOf(a, 'specialist')).toEqual([]);

    const passed = await applied(send(a, 'leaderA', 'assignment.pass', { documentId, itemId: leadItem, userId: ids.specialist, note: 'Anh xử lý, trình trước 15/12', deadline: '2026-12-15' }));
    expect(await workOf(a, 'leaderA')).toEqual([]);
    expect(await workOf(a, 'specialist')).toEqual([expect.objectContaining({ documentId, item: expect.objectContaining({ id: passed.itemId, role: 'lead', parentId: leadItem, deadline: '2026-12-15' }) })]);

    expect((await applied(send(a, 'specialist', 'assignment.progress', { documentId, itemId: passed.itemId, note: 'Đang tổng hợp số liệu' }))).statuses).toEqual(['05']);
    // A second progress note sends nothing more.
    expect((await applied(send(a, 'specialist', 'assignment.progress', { documentId, itemId: passed.itemId, note: 'Đã có số liệu của Phòng Kế toán' }))).statuses).toEqual([]);
    const doneCommand = uuidv7();
    const done = await send(a, 'specialist', 'assignment.done', { documentId, itemId: passed.itemId, note: 'Đã báo cáo' }, doneCommand);
    expect(done).toMatchObject({ state: 'applied', result: { statuses: ['06'] } });
    // The same command again: the first outcome, nothing sent twice.
    expect(await send(a, 'specialist', 'assignment.done', { documentId, itemId: passed.itemId, note: 'Đã báo cáo' }, doneCommand)).toEqual(done);

    expect(await statusesSent(test, documentId)).toEqual(['03', '04', '05', '06']);
    expect((await test.pool.query("SELECT status_code FROM status_events WHERE document_id = $1 AND direction = 'out' ORDER BY id", [documentId])).rows.map((row) => row.status_code)).toEqual(['03', '04', '05', '06']);
    // What was given for information stays to be read after the work is done; read, nobody has work left on it.
    const toRead = (await workOf(a, 'clerk')).find((work) => work.documentId === documentId)!;
    expect(toRead.item).toMatchObject({ role: 'inform', state: 'open' });
    expect(await applied(send(a, 'clerk', 'assignment.done', { documentId, itemId: toRead.item.id }))).toMatchObject({ statuses: [] });
    for (const person of ['clerk', 'leaderA', 'leaderB', 'specialist'] as const) expect((await workOf(a, person)).map((work) => work.documentId)).not.toContain(documentId);
    const final = await documentAs(a, 'specialist', documentId);
    expect(final.state).toBe('done');
    expect(await statusesSent(test, documentId)).toEqual(['03', '04', '05', '06']);
    const stateOf = (id: number) => final.workflow.items.find((item) => item.id === id)?.state;
    expect([stateOf(present.itemId as number), stateOf(leadItem!), stateOf(passed.itemId as number), stateOf(cooperateItem!), stateOf(toRead.item.id)]).toEqual(['done', 'done', 'done', 'closed', 'done']);
    expect(final.workflow.steps.map((step) => [step.kind, step.actorName, step.statuses])).toEqual([
      ['presented', 'clerk', []],
      ['assigned', 'leader', ['04']],
      ['passed', 'leadera', []],
      ['progress', 'specialist', ['05']],
      ['progress', 'specialist', []],
      ['done', 'specialist', ['06']],
      ['done', 'clerk', []],
    ]);
    expect(final.workflow.steps[1]!.text).toBe('Phòng Tổng hợp chủ trì, Phòng Kế toán phối hợp, báo cáo trước 20/12');

    // The desks have the timeline offline: the last change of the document in the specialist's feed carries it.
    const feed = (await test.call<FeedPage>('GET', '/api/feed?after=0&wait=0&limit=500', { token: a.tokens.specialist })).body.changes;
    const last = feed.filter((change) => change.kind === DOCUMENT_CHANGE && change.subject === `document:${documentId}`).at(-1)!.payload as HubDocument;
    expect(last.workflow).toEqual(final.workflow);

    const audit = (await test.pool.query("SELECT action FROM audit_log WHERE subject = $1 AND action LIKE 'workflow.%' ORDER BY seq", [`document:${documentId}`])).rows.map((row) => row.action);
    expect(audit).toEqual(['workflow.presented', 'workflow.assigned', 'workflow.passed', 'workflow.progress', 'workflow.progress', 'workflow.done', 'workflow.done']);
    expect(await verifyAuditChain(test.pool)).toMatchObject({ ok: true });
  });

  it('refuses with reasons: a specialist assigning upward or acting on what is not his, a unit leader passing outside his unit or beyond the deadline he was given, a second one in charge', async () => {
    const a = await setUp();
    const { test, ids, unitA, unitB } = a;
    const documentId = await registeredArrival(a);
    const assigned = await applied(send(a, 'leader', 'arrival.assign', { documentId, instruction: 'Xử lý', lead: { unitId: unitA }, cooperate: [{ unitId: unitB }], deadline: '2026-12-10' }));
    const [leadItem, cooperateItem] = assigned.items as number[];

    // A specialist who sees it (his unit is in charge) does not present it, assign it, nor pass work on (not even to his unit leader).
    expect(await send(a, 'specialist', 'arrival.present', { documentId, leaderId: ids.leader })).toEqual(refused('forbidden'));
    expect(await send(a, 'clerk', 'arrival.present', { documentId, leaderId: ids.leaderA })).toEqual(refused('invalid'));
    expect(await send(a, 'specialist', 'arrival.assign', { documentId, lead: { userId: ids.leaderA } })).toEqual(refused('forbidden'));
    expect(await send(a, 'specialist', 'assignment.pass', { documentId, itemId: leadItem, userId: ids.leaderA })).toEqual(refused('forbidden'));
    // Unit B's specialist sees the document (his unit co-operates) but unit A's item is not his.
    expect(await send(a, 'specialistB', 'assignment.progress', { documentId, itemId: leadItem })).toEqual(refused('forbidden'));
    expect(await send(a, 'specialistB', 'assignment.done', { documentId, itemId: leadItem })).toEqual(refused('forbidden'));
    // Unit B's leader holds his unit's item, not unit A's.
    expect(await send(a, 'leaderB', 'assignment.pass', { documentId, itemId: leadItem, userId: ids.specialistB })).toEqual(refused('forbidden'));
    // Unit A's leader: not to a person of another unit, not beyond 10/12; an item of another document is none of this one.
    expect(await send(a, 'leaderA', 'assignment.pass', { documentId, itemId: leadItem, userId: ids.specialistB })).toEqual(refused('forbidden'));
    const late = await send(a, 'leaderA', 'assignment.pass', { documentId, itemId: leadItem, userId: ids.specialist, deadline: '2026-12-11' });
    expect(late).toEqual(refused('invalid'));
    expect((late as { message: string }).message).toContain('10/12/2026');
    expect(await send(a, 'leaderA', 'assignment.pass', { documentId, itemId: cooperateItem, userId: ids.specialist })).toEqual(refused('forbidden'));
    const other = await registeredArrival(a);
    expect(await send(a, 'leaderA', 'assignment.pass', { documentId: other, itemId: leadItem, userId: ids.specialist })).toEqual(refused('not_found'));

    const passed = await applied(send(a, 'leaderA', 'assignment.pass', { documentId, itemId: leadItem, userId: ids.specialist }));
    expect((await documentAs(a, 'specialist', documentId)).workflow.items.find((item) => item.id === passed.itemId)).toMatchObject({ deadline: '2026-12-10', state: 'open' });
    // His colleague neither; the unit's item now waits on the specialist's, and is acted on through it.
    expect(await send(a, 'colleague', 'assignment.done', { documentId, itemId: passed.itemId })).toEqual(refused('forbidden'));
    expect(await send(a, 'leaderA', 'assignment.done', { documentId, itemId: leadItem })).toEqual(refused('stale'));
    expect(await send(a, 'leaderA', 'assignment.pass', { documentId, itemId: leadItem, userId: ids.colleague })).toEqual(refused('stale'));
    // A second one in charge while the first works.
    expect(await send(a, 'leader', 'arrival.assign', { documentId, lead: { unitId: unitB } })).toEqual(refused('stale'));
    // The unit leader who passed it on may act on it (he is above it in its chain).
    expect((await applied(send(a, 'leaderA', 'assignment.progress', { documentId, itemId: passed.itemId, note: 'Đôn đốc' }))).statuses).toEqual(['05']);

    // Nothing refused changed anything: the statuses are the accepted, the assignment and the start.
    expect(await statusesSent(test, documentId)).toEqual(['03', '04', '05']);
    const denied = (await test.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'access_denied' AND details::jsonb->>'reason' = 'command_forbidden'")).rows[0].n;
    expect(denied).toBeGreaterThanOrEqual(8);
  });

  it('done without a start sends the 05 it lacked before the 06, in one step; a leader settling it himself (lưu, để biết) sends 04, 05, 06', async () => {
    const a = await setUp();
    const { test, ids } = a;
    const documentId = await registeredArrival(a);
    const assigned = await applied(send(a, 'leader', 'arrival.assign', { documentId, instruction: 'Chuyên viên xử lý', lead: { userId: ids.specialist }, deadline: '2026-12-05' }));
    const [item] = assigned.items as number[];
    expect(await applied(send(a, 'specialist', 'assignment.done', { documentId, itemId: item }))).toMatchObject({ statuses: ['05', '06'] });
    expect(await statusesSent(test, documentId)).toEqual(['03', '04', '05', '06']);
    // Done is done: nothing more is sent, however it is asked.
    expect(await send(a, 'specialist', 'assignment.progress', { documentId, itemId: item })).toEqual(refused('stale'));
    expect(await send(a, 'leader', 'arrival.assign', { documentId, lead: { userId: ids.colleague } })).toEqual(refused('stale'));

    const settled = await registeredArrival(a);
    expect(await applied(send(a, 'leader', 'arrival.assign', { documentId: settled, instruction: 'Lưu, để biết', lead: null, inform: [{ userId: ids.specialist }] }))).toMatchObject({ statuses: ['04', '05', '06'] });
    expect(await statusesSent(test, settled)).toEqual(['03', '04', '05', '06']);
    const view = await documentAs(a, 'specialist', settled);
    expect(view.state).toBe('done');
    expect(view.workflow.steps.map((step) => step.kind)).toEqual(['settled']);
    const [toRead] = view.workflow.items;
    expect(toRead).toMatchObject({ role: 'inform', userId: ids.specialist, state: 'open' });
    expect(await applied(send(a, 'specialist', 'assignment.done', { documentId: settled, itemId: toRead!.id }))).toMatchObject({ statuses: [] });
    // Every package queued is the status it says, to the sender.
    const { rows } = await test.pool.query<{ package_bytes: Buffer; purpose: string }>("SELECT package_bytes, purpose FROM outbox WHERE document_id = $1 AND message_type = 'status' ORDER BY id", [settled]);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.package_bytes.toString('utf8')).toContain(`<StatusCode>${row.purpose.slice(-2)}</StatusCode>`);
  });

  it('returned with a reason: 02 to the sender with it, every open item ended, nothing more to do; "Việc của tôi" is ordered by deadline', async () => {
    const a = await setUp();
    const { test, ids } = a;
    const soon = await registeredArrival(a);
    const later = await registeredArrival(a);
    const none = await registeredArrival(a);
    await test.pool.query('UPDATE documents SET priority = 2 WHERE id = $1', [none]);
    for (const [documentId, deadline] of [[later, '2026-12-31'], [none, null], [soon, '2026-12-03']] as const) {
      await applied(send(a, 'leader', 'arrival.assign', { documentId, lead: { userId: ids.colleague }, deadline }));
    }
    const mine = async () => (await workOf(a, 'colleague')).map((work) => work.documentId).filter((id) => [soon, later, none].includes(id));
    expect(await mine()).toEqual([soon, later, none]);

    // Nobody outside its chain returns it; the one in charge does, with the reason.
    expect(await send(a, 'leaderB', 'arrival.return', { documentId: later, reason: 'Không thuộc thẩm quyền' })).toEqual(refused('not_found'));
    expect(await applied(send(a, 'colleague', 'arrival.return', { documentId: later, reason: 'Không thuộc thẩm quyền giải quyết của cơ quan' }))).toMatchObject({ statuses: ['02'] });
    expect(await statusesSent(test, later)).toEqual(['03', '04', '02']);
    const event = (await test.pool.query("SELECT description FROM status_events WHERE document_id = $1 AND status_code = '02'", [later])).rows;
    expect(event).toEqual([{ description: 'Không thuộc thẩm quyền giải quyết của cơ quan' }]);
    const { package_bytes: returned } = (await test.pool.query<{ package_bytes: Buffer }>("SELECT package_bytes FROM outbox WHERE document_id = $1 AND purpose = 'status:02'", [later])).rows[0]!;
    expect(returned.toString('utf8')).toContain('Không thuộc thẩm quyền giải quyết của cơ quan');

    const view = await documentAs(a, 'colleague', later);
    expect(view.state).toBe('returned');
    expect(view.workflow.items.map((item) => item.state)).toEqual(['closed']);
    expect(view.workflow.steps.at(-1)).toMatchObject({ kind: 'returned', text: 'Không thuộc thẩm quyền giải quyết của cơ quan', statuses: ['02'] });
    expect(await mine()).toEqual([soon, none]);
    expect(await send(a, 'colleague', 'assignment.done', { documentId: later, itemId: view.workflow.items[0]!.id })).toEqual(refused('stale'));
    expect(await send(a, 'clerk', 'arrival.return', { documentId: later, reason: 'Lần nữa' })).toEqual(refused('stale'));
  });
});
