import { describe, expect, it } from 'vitest';
import { useTestHub } from '../../test/hub.js';
import { applied, registeredArrival, send, workflowAgency, type Agency } from '../../test/workflow-agency.js';
import { setCalendarDays } from '../store/calendar-days.js';
import { runDigest } from './digest.js';

const hub = useTestHub();
const setUp = workflowAgency(hub);

/** 07:30 in Vietnam. */
const AT_0730 = 7 * 60 + 30;
/** `time` (HH:MM, Vietnam) on `day`, as an instant. */
const vietnam = (day: string, time: string) => new Date(`${day}T${time}:00+07:00`);

/**
 * Work of March 2027 (Wednesday 3/3 is "today" of the first digest): the leader has an arrival
 * presented to him; unit A holds four items (overdue, due today, due Saturday so Monday, and late
 * in the month); unit B's was passed to its specialist, who asked its leader for more time.
 */
async function work(a: Agency): Promise<void> {
  const { ids, unitA, unitB } = a;
  const presented = await registeredArrival(a);
  await applied(send(a, 'clerk', 'arrival.present', { documentId: presented, leaderId: ids.leader }));
  for (const deadline of ['2027-03-02', '2027-03-03', '2027-03-06', '2027-03-31']) {
    const documentId = await registeredArrival(a);
    await applied(send(a, 'leader', 'arrival.assign', { documentId, lead: { unitId: unitA }, deadline }));
  }
  const documentId = await registeredArrival(a);
  const [unitItem] = (await applied(send(a, 'leader', 'arrival.assign', { documentId, lead: { unitId: unitB }, deadline: '2027-03-31' }))).items as number[];
  const itemId = (await applied(send(a, 'leaderB', 'assignment.pass', { documentId, itemId: unitItem, userId: ids.specialistB, deadline: '2027-03-08' }))).itemId as number;
  await applied(send(a, 'specialistB', 'assignment.askExtension', { documentId, itemId, reason: 'Chờ số liệu', deadline: '2027-03-12' }));
}

async function feedDigests(a: Agency) {
  const { rows } = await a.test.pool.query<{ userId: number; day: string }>(
    `SELECT a.user_id AS "userId", c.payload ->> 'day' AS day FROM changes c JOIN change_audience a ON a.change_id = c.id WHERE c.kind = 'deadline.digest' ORDER BY c.id`,
  );
  return rows;
}

describe('the daily digest', () => {
  it('once per person a working day, from its time, with his counts; not on a weekend or a day off; once with two hub instances', async () => {
    const a = await setUp();
    const { test, ids } = a;
    await work(a);
    const { pool } = test;

    // Before 07:30 nothing; from then, each person with open work or something waiting for him.
    expect((await runDigest(pool, vietnam('2027-03-03', '07:29'), AT_0730)).size).toBe(0);
    const other = await test.postgres.pool({ ...pool.options, password: pool.options.password });
    const runs = await Promise.all([pool, other, pool, other].map((instance) => runDigest(instance, vietnam('2027-03-03', '07:30'), AT_0730)));
    const given = new Map(runs.flatMap((run) => [...run]));
    expect(runs.reduce((sum, run) => sum + run.size, 0)).toBe(given.size);
    const day = '2027-03-03';
    expect(given).toEqual(
      new Map([
        [ids.leader, { day, open: 1, overdue: 0, dueToday: 0, dueSoon: 0, awaiting: 1 }],
        [ids.leaderA, { day, open: 4, overdue: 1, dueToday: 1, dueSoon: 1, awaiting: 0 }],
        [ids.leaderB, { day, open: 0, overdue: 0, dueToday: 0, dueSoon: 0, awaiting: 1 }],
        [ids.specialistB, { day, open: 1, overdue: 0, dueToday: 0, dueSoon: 1, awaiting: 0 }],
      ]),
    );
    // Each in its person's feed, once; a run later the same day gives nothing.
    expect(await feedDigests(a)).toEqual(expect.arrayContaining([...given.keys()].map((userId) => ({ userId, day }))));
    expect(await feedDigests(a)).toHaveLength(4);
    expect((await runDigest(pool, vietnam('2027-03-03', '16:00'), AT_0730)).size).toBe(0);

    // Saturday, and Monday 8/3 made a day off: none. Tuesday: again, with the day's counts (the
    // deadline on Saturday 6/3 falls to the working day after it, now Tuesday).
    expect((await runDigest(pool, vietnam('2027-03-06', '08:00'), AT_0730)).size).toBe(0);
    await setCalendarDays(pool, [{ date: '2027-03-08', kind: 'day_off', note: 'Nghỉ bù' }]);
    expect((await runDigest(pool, vietnam('2027-03-08', '08:00'), AT_0730)).size).toBe(0);
    const tuesday = await runDigest(pool, vietnam('2027-03-09', '09:00'), AT_0730);
    expect(tuesday.get(ids.leaderA)).toEqual({ day: '2027-03-09', open: 4, overdue: 2, dueToday: 1, dueSoon: 0, awaiting: 0 });
    expect(tuesday.size).toBe(4);
    expect(await feedDigests(a)).toHaveLength(8);

    // The agency's own time: 09:15 gives nothing at 09:00.
    expect((await runDigest(pool, vietnam('2027-03-10', '09:00'), 9 * 60 + 15)).size).toBe(0);
    expect((await runDigest(pool, vietnam('2027-03-10', '09:15'), 9 * 60 + 15)).size).toBe(4);
  });
});
