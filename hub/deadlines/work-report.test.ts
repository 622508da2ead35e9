import { describe, expect, it } from 'vitest';
import type { WorkReport } from '../../shared/hub/work-report.js';
import { useTestHub } from '../../test/hub.js';
import { applied, registeredArrival, send, workflowAgency, type Agency } from '../../test/workflow-agency.js';
import { workReport } from './work-report.js';

const hub = useTestHub();
const setUp = workflowAgency(hub);

/** A Vietnam time (+07:00) as the instant it is. */
const vn = (dayAndTime: string) => new Date(`${dayAndTime}:00+07:00`);

/** Moves an item's dates (the commands stamp them with the moment the test runs). */
async function dated(a: Agency, documentId: number, holder: { userId: number } | { unitId: number }, role: string, dates: { created: string; ended?: string; deadline?: string }) {
  const column = 'userId' in holder ? 'user_id' : 'unit_id';
  const id = 'userId' in holder ? holder.userId : holder.unitId;
  const { rowCount } = await a.test.pool.query(
    `UPDATE work_items SET created_at = $4, ended_at = CASE WHEN ended_at IS NULL THEN NULL ELSE $5::timestamptz END, deadline = $6
     WHERE document_id = $1 AND ${column} = $2 AND role = $3`,
    [documentId, id, role, vn(dates.created), dates.ended ? vn(dates.ended) : null, dates.deadline ?? null],
  );
  expect(rowCount).toBe(1);
}

async function registered(a: Agency, documentId: number, at: string, presentedAt: string | null, urgent = false) {
  await a.test.pool.query('UPDATE register_entries SET registered_at = $2 WHERE document_id = $1', [documentId, vn(at)]);
  await a.test.pool.query('UPDATE documents SET presented_at = $2, priority = $3 WHERE id = $1', [documentId, presentedAt ? vn(presentedAt) : null, urgent ? 1 : 0]);
}

const NOVEMBER = { from: '2026-11-16', to: '2026-11-30' };
/** Monday 30/11/2026, 17:00 in Hà Nội. */
const NOW = vn('2026-11-30T17:00');

describe('the work handling report (báo cáo xử lý công việc)', () => {
  it('counts per unit and person on the hub calendar (24/11 a day off), once per item passed on, without information; each sees what his roles give him', async () => {
    const a = await setUp();
    const { test, ids, unitA, unitB } = a;
    const sub = (await test.administration.createUnit('cli', { code: 'TH1', name: 'Tổ Tổng hợp 1', parentId: unitA })).id;

    // 1: to unit A, passed on to the specialist, due Tuesday 24/11 (a day off: Wednesday), done Wednesday: on time, 2 working days.
    const first = await registeredArrival(a);
    await applied(send(a, 'clerk', 'arrival.present', { documentId: first, leaderId: ids.leader }));
    const [unitItem] = (await applied(send(a, 'leader', 'arrival.assign', { documentId: first, lead: { unitId: unitA }, deadline: '2027-01-29' }))).items as number[];
    const passed = (await applied(send(a, 'leaderA', 'assignment.pass', { documentId: first, itemId: unitItem, userId: ids.specialist }))).itemId as number;
    await applied(send(a, 'specialist', 'assignment.done', { documentId: first, itemId: passed }));
    await dated(a, first, { userId: ids.leader }, 'decide', { created: '2026-11-16T09:00', ended: '2026-11-16T10:00' });
    await dated(a, first, { unitId: unitA }, 'lead', { created: '2026-11-20T09:00', ended: '2026-11-25T10:00', deadline: '2026-11-24' });
    await dated(a, first, { userId: ids.specialist }, 'lead', { created: '2026-11-20T14:00', ended: '2026-11-25T10:00', deadline: '2026-11-24' });
    await registered(a, first, '2026-11-16T08:00', '2026-11-16T10:00');

    // 2: the colleague in charge, due Monday 23/11, done Wednesday 25/11: late by 1 working day (Tuesday off); unit B co-operating, closed by it.
    const second = await registeredArrival(a);
    await applied(send(a, 'clerk', 'arrival.present', { documentId: second, leaderId: ids.leader }));
    const [lead] = (await applied(send(a, 'leader', 'arrival.assign', { documentId: second, lead: { userId: ids.colleague }, cooperate: [{ unitId: unitB }], deadline: '2027-01-29' }))).items as number[];
    await applied(send(a, 'colleague', 'assignment.done', { documentId: second, itemId: lead }));
    await dated(a, second, { userId: ids.leader }, 'decide', { created: '2026-11-23T15:00', ended: '2026-11-23T16:00' });
    await dated(a, second, { userId: ids.colleague }, 'lead', { created: '2026-11-23T16:00', ended: '2026-11-25T11:00', deadline: '2026-11-23' });
    await dated(a, second, { unitId: unitB }, 'cooperate', { created: '2026-11-23T16:00', ended: '2026-11-25T11:00', deadline: '2026-11-23' });
    // Registered Monday afternoon, presented Wednesday: late (the day it was registered was the limit).
    await registered(a, second, '2026-11-23T16:00', '2026-11-25T09:00');

    // 3 (urgent): the leader decided before the period; unit B's specialist in charge, due Friday 27/11, still open on Monday: overdue; the colleague informed (not work).
    const third = await registeredArrival(a);
    await applied(send(a, 'clerk', 'arrival.present', { documentId: third, leaderId: ids.leader }));
    await applied(send(a, 'leader', 'arrival.assign', { documentId: third, lead: { userId: ids.specialistB }, inform: [{ userId: ids.colleague }], deadline: '2027-01-29' }));
    await dated(a, third, { userId: ids.leader }, 'decide', { created: '2026-11-13T09:00', ended: '2026-11-13T10:00' });
    await dated(a, third, { userId: ids.specialistB }, 'lead', { created: '2026-11-26T10:00', deadline: '2026-11-27' });
    await dated(a, third, { userId: ids.colleague }, 'inform', { created: '2026-11-26T10:00' });
    await registered(a, third, '2026-11-26T08:00', '2026-11-26T09:30', true);

    // Urgent, presented 3 hours after; registered this afternoon, not presented yet: still within the day; one registered in December is not counted.
    await registered(a, await registeredArrival(a), '2026-11-27T08:00', '2026-11-27T11:00', true);
    await registered(a, await registeredArrival(a), '2026-11-30T15:00', null);
    await registered(a, await registeredArrival(a), '2026-12-01T08:00', null);
    // Returned to its sender by the clerk without being presented: nothing to present.
    const returned = await registeredArrival(a);
    await applied(send(a, 'clerk', 'arrival.return', { documentId: returned, reason: 'Gửi nhầm cơ quan' }));
    await registered(a, returned, '2026-11-18T08:00', null);

    const report = (await workReport(test.pool, ids.leader, NOVEMBER, NOW))!;
    expect(report).toMatchObject({ ...NOVEMBER, day: '2026-11-30', scope: 'all' });
    const unit = (unitId: number) => report.units.find((one) => one.unitId === unitId)!;
    const figures = (assigned: number, doneOnTime: number, doneLate: number, open: number, openOverdue: number, closed: number, onTimeRate: number | null, averageWorkingDays: number | null) => ({
      assigned, doneOnTime, doneLate, open, openOverdue, closed, onTimeRate, averageWorkingDays,
    });
    expect(report.units.map((one) => one.code)).toEqual(['KT', 'TH', 'TH1', 'VP']);
    expect(unit(test.unitId)).toMatchObject({ ...figures(2, 2, 0, 0, 0, 0, 1, 0), people: [{ userId: ids.leader, name: 'leader', ...figures(2, 2, 0, 0, 0, 0, 1, 0) }] });
    expect(unit(unitA)).toMatchObject({
      ...figures(2, 1, 1, 0, 0, 0, 0.5, 1.5),
      people: [
        { userId: ids.colleague, name: 'colleague', ...figures(1, 0, 1, 0, 0, 0, 0, 1) },
        { userId: ids.specialist, name: 'specialist', ...figures(1, 1, 0, 0, 0, 0, 1, 2) },
      ],
    });
    expect(unit(unitB)).toMatchObject({
      ...figures(2, 0, 0, 1, 1, 1, null, null),
      people: [
        { userId: null, name: 'Phòng Kế toán', ...figures(1, 0, 0, 0, 0, 1, null, null) },
        { userId: ids.specialistB, name: 'specialistb', ...figures(1, 0, 0, 1, 1, 0, null, null) },
      ],
    });
    expect(unit(sub)).toMatchObject({ ...figures(0, 0, 0, 0, 0, 0, null, null), people: [] });
    expect(report.total).toEqual(figures(6, 3, 1, 1, 1, 1, 0.75, 0.8));
    expect(report.presentation).toEqual({ normal: { registered: 3, onTime: 1, late: 1, waiting: 1 }, urgent: { registered: 2, onTime: 1, late: 1, waiting: 0 }, urgentHours: 2 });

    // The next morning the one not presented is late.
    expect((await workReport(test.pool, ids.leader, NOVEMBER, vn('2026-12-01T08:00')))!.presentation!.normal).toEqual({ registered: 3, onTime: 1, late: 2, waiting: 0 });

    // A unit leader: his unit and the one under it; the clerk: only herself, and the presentation rule, hers.
    const asLeaderA = (await workReport(test.pool, ids.leaderA, NOVEMBER, NOW))!;
    expect(asLeaderA).toMatchObject({ scope: 'units', presentation: null, total: figures(2, 1, 1, 0, 0, 0, 0.5, 1.5) });
    expect(asLeaderA.units.map((one) => one.unitId)).toEqual([unitA, sub]);
    const asClerk = (await workReport(test.pool, ids.clerk, NOVEMBER, NOW))!;
    expect(asClerk).toMatchObject({ scope: 'self', units: [{ unitId: test.unitId, assigned: 0, people: [] }], presentation: report.presentation });

    // Over HTTP: a specialist sees his own items only, whatever his unit holds.
    const asSpecialist = await test.call<WorkReport>('GET', '/api/reports/work?from=2026-11-16&to=2026-11-30', { token: a.tokens.specialist });
    expect(asSpecialist.status).toBe(200);
    expect(asSpecialist.body).toMatchObject({ scope: 'self', presentation: null, total: { assigned: 1, doneOnTime: 1 } });
    expect(asSpecialist.body.units).toEqual([expect.objectContaining({ unitId: unitA, assigned: 1, people: [expect.objectContaining({ userId: ids.specialist })] })]);
    const asLeaderB = await test.call<WorkReport>('GET', '/api/reports/work?from=2026-11-16&to=2026-11-30', { token: a.tokens.leaderB });
    expect(asLeaderB.body.units.map((one) => one.unitId)).toEqual([unitB]);
    expect((await test.call('GET', '/api/reports/work?from=2026-11-30&to=2026-11-16', { token: a.tokens.leader })).status).toBe(400);
    expect((await test.call('GET', '/api/reports/work?from=2026-11-16', { token: a.tokens.leader })).status).toBe(400);
    expect((await test.call('GET', '/api/reports/work?from=2026-11-16&to=2026-11-30')).status).toBe(401);
  });
});
