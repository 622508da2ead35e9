/**
 * Deadlines at the desk against a real hub on PostgreSQL: a reminder and the daily digest the hub
 * gives reach the person's desk through the change feed, are announced as they come and kept
 * read or unread for him, at each of his desks; a leader's desk shows the hub's overview of units and drills into a
 * unit's work from its replica.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../electron/core/service/core-runtime.js';
import { runDigest } from '../hub/deadlines/digest.js';
import { runReminders, workItemDeadlines } from '../hub/deadlines/reminders.js';
import { startCore, until, type CoreUnderTest } from './core-api.js';
import { TEST_PASSWORD, useTestHub } from './hub.js';
import { useTempDirs } from './temp-dir.js';
import { applied, registeredArrival, send, workflowAgency } from './workflow-agency.js';

const hub = useTestHub();
const setUp = workflowAgency(hub);
const tempDir = useTempDirs();
const runtimes: CoreRuntime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
});

describe('deadlines at the desk', () => {
  it("a reminder and the digest reach the person's desk through the feed, announced, read and unread; the leader sees the units' overdue work", async () => {
    const a = await setUp();
    const { test, ids, unitA } = a;
    const hubUrl = new URL(await test.app.listen({ host: '127.0.0.1', port: 0 })).origin;
    // Due Tuesday 1/12/2026, passed to the specialist.
    const documentId = await registeredArrival(a);
    const [unitItem] = (await applied(send(a, 'leader', 'arrival.assign', { documentId, lead: { unitId: unitA }, deadline: '2026-12-01' }))).items as number[];
    const itemId = (await applied(send(a, 'leaderA', 'assignment.pass', { documentId, itemId: unitItem, userId: ids.specialist, deadline: '2026-12-01' }))).itemId as number;

    const desk = async (username: string): Promise<CoreUnderTest> => {
      const core = await startCore(await tempDir(), { policy: {}, problems: [] }, runtimes);
      await core.call('hub.connect', { hubUrl, username, password: TEST_PASSWORD });
      return core;
    };
    const specialist = await desk('specialist');
    await until('his work', async () => (await specialist.call('hub.myWork', {})).items.some((entry) => entry.item.id === itemId));
    expect(await specialist.call('hub.notices', { limit: 50 })).toEqual({ unread: 0, notices: [] });

    // Wednesday 2/12, 08:00 in Vietnam: the hub's run gives the reminder and the digest.
    const wednesday = new Date('2026-12-02T01:00:00Z');
    await runReminders(test.pool, workItemDeadlines(test.pool), wednesday);
    await runDigest(test.pool, wednesday, 7 * 60 + 30);
    await until('both notices', async () => (await specialist.call('hub.notices', { limit: 50 })).unread === 2);
    const { notices } = await specialist.call('hub.notices', { limit: 50 });
    const reminder = notices.find((notice) => notice.kind === 'reminder')!;
    expect(reminder).toMatchObject({
      day: '2026-12-02',
      read: false,
      documentSubject: expect.stringMatching(/^Công văn đến/),
      reminder: { kind: 'overdue', itemId, documentId, deadline: '2026-12-01', workingDaysLate: 1, own: true },
    });
    expect(notices.find((notice) => notice.kind === 'digest')).toMatchObject({ key: `digest:${ids.specialist}:2026-12-02`, read: false, digest: { open: 1, overdue: 1, dueToday: 0, dueSoon: 0, awaiting: 0 } });
    // Announced as they came, for the notification area and the desktop.
    await until('announced', () => specialist.events.some((event) => event.type === 'hub.notices' && event.arrived.length > 0));
    const announced = specialist.events.flatMap((event) => (event.type === 'hub.notices' ? event.arrived.map((notice) => notice.key) : []));
    expect(announced.sort()).toEqual(notices.map((notice) => notice.key).sort());

    // Read one, then all; a second run of the hub gives nothing new.
    expect(await specialist.call('hub.readNotices', { keys: [reminder.key] })).toEqual({ unread: 1 });
    expect((await specialist.call('hub.notices', { limit: 50 })).notices.find((notice) => notice.key === reminder.key)?.read).toBe(true);
    await runReminders(test.pool, workItemDeadlines(test.pool), wednesday);
    await runDigest(test.pool, wednesday, 7 * 60 + 30);

    // His second computer, new: the feed brings the notices and what he read of them, and
    // announces only the one still unread.
    const secondDesk = await desk('specialist');
    await until('the notices at his second desk', async () => (await secondDesk.call('hub.notices', { limit: 50 })).notices.length === 2);
    const atSecond = await secondDesk.call('hub.notices', { limit: 50 });
    expect(atSecond.unread).toBe(1);
    expect(atSecond.notices.find((notice) => notice.key === reminder.key)?.read).toBe(true);
    const announcedThere = secondDesk.events.flatMap((event) => (event.type === 'hub.notices' ? event.arrived.map((notice) => notice.key) : []));
    expect(announcedThere).not.toContain(reminder.key);
    // All read there: the first desk learns it too.
    expect(await secondDesk.call('hub.readNotices', {})).toEqual({ unread: 0 });
    await until('read at the first desk too', async () => (await specialist.call('hub.notices', { limit: 50 })).unread === 0);
    // Nothing newly read, nothing sent.
    const queued = (await specialist.call('hub.commands', { limit: 500 })).filter((command) => command.kind === 'notices.read').length;
    expect(await specialist.call('hub.readNotices', {})).toEqual({ unread: 0 });
    expect((await specialist.call('hub.commands', { limit: 500 })).filter((command) => command.kind === 'notices.read')).toHaveLength(queued);

    // The unit's head was told of it too; the specialist is no leader, so he has no overview.
    const head = await desk('leadera');
    await until("the head's reminder", async () => (await head.call('hub.notices', { limit: 50 })).notices.some((notice) => notice.kind === 'reminder' && notice.reminder.itemId === itemId && !notice.reminder.own));
    expect(await specialist.call('hub.overdueOverview', {})).toBeNull();
    // The head sees his unit's overdue work from the hub, and drills into it from his replica.
    const overview = await head.call('hub.overdueOverview', {});
    expect(overview?.units).toEqual([expect.objectContaining({ unitId: unitA, overdue: 1 })]);
    await until('the unit’s work in his replica', async () => (await head.call('hub.unitWork', { unitId: unitA })).length === 1);
    expect(await head.call('hub.unitWork', { unitId: unitA })).toEqual([expect.objectContaining({ documentId, standing: 'overdue', item: expect.objectContaining({ id: itemId, userId: ids.specialist }) })]);
  });
});
