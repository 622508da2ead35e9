import { describe, expect, it } from 'vitest';
import type { OverdueOverview } from '../../shared/hub/workflow.js';
import { useTestHub } from '../../test/hub.js';
import { applied, documentAs, refused, registeredArrival, send, workflowAgency, type Agency } from '../../test/workflow-agency.js';
import { verifyAuditChain } from '../store/audit.js';
import { setCalendarDays } from '../store/calendar-days.js';
import { overdueOverview } from '../deadlines/overview.js';

const hub = useTestHub();
const setUp = workflowAgency(hub);

const deadlineOf = async (a: Agency, documentId: number, itemId: number) => (await documentAs(a, 'leader', documentId)).workflow.items.find((item) => item.id === itemId)!.deadline;

describe('deadline extensions (gia hạn)', () => {
  it('asked by the holder, approved by the one above within the deadline above it, refused without change; on the timeline, in the audit chain and in the history', async () => {
    const a = await setUp();
    const { test, ids, unitA } = a;
    const documentId = await registeredArrival(a);
    await applied(send(a, 'clerk', 'arrival.present', { documentId, leaderId: ids.leader }));
    const [unitItem] = (await applied(send(a, 'leader', 'arrival.assign', { documentId, instruction: 'Phòng Tổng hợp chủ trì', lead: { unitId: unitA }, deadline: '2026-12-18' }))).items as number[];
    const itemId = (await applied(send(a, 'leaderA', 'assignment.pass', { documentId, itemId: unitItem, userId: ids.specialist, deadline: '2026-12-16' }))).itemId as number;

    // Only the holder asks, for a later day, with a reason.
    const ask = { documentId, itemId, reason: 'Chờ số liệu của Phòng Kế toán', deadline: '2026-12-19' };
    expect(await send(a, 'colleague', 'assignment.askExtension', ask)).toEqual(refused('forbidden'));
    expect(await send(a, 'leaderA', 'assignment.askExtension', ask)).toEqual(refused('forbidden'));
    expect(await send(a, 'specialist', 'assignment.askExtension', { ...ask, deadline: '2026-12-16' })).toEqual(refused('invalid'));
    // Saturday 19/12 proposed: the deadline would be the working day after it, Monday 21/12.
    const asked = await applied(send(a, 'specialist', 'assignment.askExtension', ask));
    expect(asked).toMatchObject({ proposed: '2026-12-21' });
    const extensionId = asked.extensionId as number;
    expect(await send(a, 'specialist', 'assignment.askExtension', { ...ask, deadline: '2026-12-30' })).toEqual(refused('stale'));

    // Not his own, nor a colleague's; a unit leader not above it does not see it.
    const decide = { documentId, itemId, extensionId, decision: 'approve', note: 'Đồng ý' };
    expect(await send(a, 'specialist', 'assignment.decideExtension', decide)).toEqual(refused('forbidden'));
    expect(await send(a, 'colleague', 'assignment.decideExtension', decide)).toEqual(refused('forbidden'));
    // The clerk presented the document: presenting is not assigning, she has no say over the work.
    expect(await send(a, 'clerk', 'assignment.decideExtension', decide)).toEqual(refused('forbidden'));
    expect(await send(a, 'leaderB', 'assignment.decideExtension', decide)).toEqual(refused('not_found'));
    // The unit leader who passed it on may not move it past the deadline his unit was given (18/12).
    const beyond = await send(a, 'leaderA', 'assignment.decideExtension', decide);
    expect(beyond).toEqual(refused('invalid'));
    expect((beyond as { message: string }).message).toContain('18/12/2026');
    expect(await deadlineOf(a, documentId, itemId)).toBe('2026-12-16');

    // So he asks the leader to extend his unit's item first (one passed on: he still holds it).
    const unitAsk = await applied(send(a, 'leaderA', 'assignment.askExtension', { documentId, itemId: unitItem, reason: 'Cần số liệu quý IV', deadline: '2026-12-24' }));
    expect(await send(a, 'leaderA', 'assignment.decideExtension', { ...decide, itemId: unitItem, extensionId: unitAsk.extensionId })).toEqual(refused('forbidden'));
    expect(await send(a, 'leader', 'assignment.decideExtension', { ...decide, itemId: unitItem, extensionId })).toEqual(refused('stale'));
    expect(await applied(send(a, 'leader', 'assignment.decideExtension', { ...decide, itemId: unitItem, extensionId: unitAsk.extensionId }))).toMatchObject({ deadline: '2026-12-24' });
    // The item passed on from it keeps its deadline until its own extension is decided.
    expect(await deadlineOf(a, documentId, itemId)).toBe('2026-12-16');
    expect(await applied(send(a, 'leaderA', 'assignment.decideExtension', decide))).toMatchObject({ deadline: '2026-12-21' });
    expect(await send(a, 'leader', 'assignment.decideExtension', decide)).toEqual(refused('stale'));

    // Refused: nothing moves.
    const again = await applied(send(a, 'specialist', 'assignment.askExtension', { ...ask, reason: 'Thêm số liệu', deadline: '2026-12-23' }));
    expect(await applied(send(a, 'leaderA', 'assignment.decideExtension', { ...decide, extensionId: again.extensionId, decision: 'refuse', note: 'Không gia hạn thêm' }))).toMatchObject({ deadline: '2026-12-21' });
    expect(await deadlineOf(a, documentId, itemId)).toBe('2026-12-21');

    const view = await documentAs(a, 'specialist', documentId);
    expect(view.workflow.extensions.map(({ itemId: item, from, proposed, state, to, reason, note }) => ({ item, from, proposed, state, to, reason, note }))).toEqual([
      { item: itemId, from: '2026-12-16', proposed: '2026-12-21', state: 'approved', to: '2026-12-21', reason: 'Chờ số liệu của Phòng Kế toán', note: 'Đồng ý' },
      { item: unitItem, from: '2026-12-18', proposed: '2026-12-24', state: 'approved', to: '2026-12-24', reason: 'Cần số liệu quý IV', note: 'Đồng ý' },
      { item: itemId, from: '2026-12-21', proposed: '2026-12-23', state: 'refused', to: null, reason: 'Thêm số liệu', note: 'Không gia hạn thêm' },
    ]);
    expect(view.workflow.steps.map((step) => [step.kind, step.actorName, step.text]).slice(3)).toEqual([
      ['extension_asked', 'specialist', 'Chờ số liệu của Phòng Kế toán'],
      ['extension_asked', 'leadera', 'Cần số liệu quý IV'],
      ['extension_approved', 'leader', 'Đồng ý'],
      ['extension_approved', 'leadera', 'Đồng ý'],
      ['extension_asked', 'specialist', 'Thêm số liệu'],
      ['extension_refused', 'leadera', 'Không gia hạn thêm'],
    ]);
    const audit = (await test.pool.query("SELECT action, details::jsonb AS details FROM audit_log WHERE subject = $1 AND action LIKE 'workflow.extension%' ORDER BY seq", [`document:${documentId}`])).rows;
    expect(audit.map((row) => row.action)).toEqual(['workflow.extension_asked', 'workflow.extension_asked', 'workflow.extension_approved', 'workflow.extension_approved', 'workflow.extension_asked', 'workflow.extension_refused']);
    expect(audit[3].details).toMatchObject({ extension: extensionId, from: '2026-12-16', to: '2026-12-21' });
    expect(await verifyAuditChain(test.pool)).toMatchObject({ ok: true });

    // Finished work has no deadline left to move.
    await applied(send(a, 'specialist', 'assignment.done', { documentId, itemId }));
    expect(await send(a, 'specialist', 'assignment.askExtension', ask)).toEqual(refused('stale'));
  });

  it('an item without a deadline has none to extend; a holiday proposed gives the working day after it', async () => {
    const a = await setUp();
    const { test, ids } = a;
    const documentId = await registeredArrival(a);
    const [none] = (await applied(send(a, 'leader', 'arrival.assign', { documentId, lead: { userId: ids.colleague }, cooperate: [{ userId: ids.specialist }] }))).items as number[];
    expect(await send(a, 'colleague', 'assignment.askExtension', { documentId, itemId: none, reason: 'Bận', deadline: '2027-01-10' })).toEqual(refused('invalid'));

    const other = await registeredArrival(a);
    const [item] = (await applied(send(a, 'leader', 'arrival.assign', { documentId: other, lead: { userId: ids.colleague }, deadline: '2026-12-28' }))).items as number[];
    await setCalendarDays(test.pool, [{ date: '2026-12-31', kind: 'day_off', note: 'Nghỉ cuối năm (thử)' }]);
    const asked = await applied(send(a, 'colleague', 'assignment.askExtension', { documentId: other, itemId: item, reason: 'Chờ ý kiến Sở', deadline: '2026-12-31' }));
    // 31/12 off, 1/1 Tết Dương lịch, then the weekend: Monday 4/1/2027.
    expect(asked).toMatchObject({ proposed: '2027-01-04' });
    expect(await applied(send(a, 'leader', 'assignment.decideExtension', { documentId: other, itemId: item, extensionId: asked.extensionId, decision: 'approve' }))).toMatchObject({ deadline: '2027-01-04' });
  });
});

describe("the leaders' overview of open work per unit", () => {
  it('counts overdue, due soon and on track by the hub calendar, per unit; a unit leader sees his unit only, a specialist nothing', async () => {
    const a = await setUp();
    const { test, ids, unitA, unitB } = a;
    // Work on units A and B: given to the unit itself or to one of its people.
    const assign = async (lead: object, deadline: string | null, cooperate: object[] = []) =>
      applied(send(a, 'leader', 'arrival.assign', { documentId: await registeredArrival(a), lead, cooperate, inform: [{ unitId: unitB }], deadline }));
    await assign({ unitId: unitA }, '2026-01-05', [{ userId: ids.specialistB }]);
    await assign({ userId: ids.colleague }, '2030-06-28');
    await assign({ userId: ids.specialistB }, null);

    // Thursday 7/1/2027 in Vietnam, with Friday 8/1 made a day off: due Monday 11/1 is due soon.
    // Due Thursday 31/12/2026, made a day off too, before Tết Dương lịch and a weekend: its last
    // day is Monday 4/1, so it is 3 working days late (5/1, 6/1, 7/1), not 7 calendar days.
    await setCalendarDays(test.pool, [
      { date: '2026-12-31', kind: 'day_off', note: 'Nghỉ cuối năm (thử)' },
      { date: '2027-01-08', kind: 'day_off', note: 'Nghỉ (thử)' },
    ]);
    const doc = await registeredArrival(a);
    await applied(send(a, 'leader', 'arrival.assign', { documentId: doc, lead: { userId: ids.specialist }, cooperate: [{ userId: ids.colleague }], deadline: '2027-01-11' }));
    const late = await registeredArrival(a);
    await applied(send(a, 'leader', 'arrival.assign', { documentId: late, lead: { unitId: unitB }, deadline: '2026-12-31' }));

    const thursday = new Date('2027-01-07T03:00:00Z');
    const overview = await overdueOverview(test.pool, ids.leader, thursday);
    const count = (unitId: number) => overview!.units.find((unit) => unit.unitId === unitId);
    expect(overview!.day).toBe('2027-01-07');
    // Unit A also holds the first test's work: counted relative to what it held before.
    expect(count(unitB)).toEqual({ unitId: unitB, code: 'KT', name: 'Phòng Kế toán', overdue: 2, dueSoon: 0, onTrack: 0, noDeadline: 1, mostWorkingDaysLate: expect.any(Number) });
    expect(count(unitB)!.mostWorkingDaysLate).toBeGreaterThan(200);
    const unitAOverview = count(unitA)!;
    expect(unitAOverview).toMatchObject({ code: 'TH', dueSoon: 2 });
    expect(unitAOverview.onTrack).toBeGreaterThanOrEqual(1);
    expect(overview!.units.map((unit) => unit.code)).toEqual(expect.arrayContaining(['VP', 'TH', 'KT']));
    // Only the late item of unit B on its own: 3 working days.
    await test.pool.query("UPDATE work_items SET state = 'done' WHERE deadline = '2026-01-05'");
    expect((await overdueOverview(test.pool, ids.leader, thursday))!.units.find((unit) => unit.unitId === unitB)).toMatchObject({ overdue: 1, mostWorkingDaysLate: 3 });

    // Over HTTP, today: the leader sees every unit, unit B's leader his own, a specialist is refused.
    const asLeader = await test.call<OverdueOverview>('GET', '/api/work/overdue', { token: a.tokens.leader });
    expect(asLeader.status).toBe(200);
    expect(asLeader.body.units.map((unit) => unit.unitId).sort()).toEqual([test.unitId, unitA, unitB].sort());
    const asLeaderB = await test.call<OverdueOverview>('GET', '/api/work/overdue', { token: a.tokens.leaderB });
    // (Where its dated item stands depends on the day the test runs.)
    expect(asLeaderB.body.units).toEqual([expect.objectContaining({ unitId: unitB, noDeadline: 1 })]);
    const [b] = asLeaderB.body.units;
    expect(b!.overdue + b!.dueSoon + b!.onTrack).toBe(1);
    expect((await test.call('GET', '/api/work/overdue', { token: a.tokens.specialist })).status).toBe(403);
    expect((await test.call('GET', '/api/work/overdue', { token: a.tokens.clerk })).status).toBe(403);
    const denied = (await test.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'access_denied' AND details::jsonb->>'reason' = 'not_a_leader'")).rows[0].n;
    expect(denied).toBe(2);
  });
});
