/**
 * Điều hành from four desks (each the core's API on its own data folder, signed in as one person)
 * against a real hub on PostgreSQL: the clerk presents an accepted arrival, the leader assigns it
 * to a unit, its unit leader passes it to a specialist, who starts and finishes it; each step a
 * command queued at its desk, each desk's "Việc của tôi", directory and timeline read from its
 * replica as the feed brings them. A command whose role the person lacks is refused at the desk.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../electron/core/service/core-runtime.js';
import { postgresExchangeStore } from '../hub/store/postgres-exchange-store.js';
import { TEST_PASSWORD, useTestHub } from './hub.js';
import { useTempDirs } from './temp-dir.js';
import { startCore, until, type CoreUnderTest } from './core-api.js';

const hub = useTestHub();
const tempDir = useTempDirs();
const runtimes: CoreRuntime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
});
const AT = '2026-12-01T02:00:00.000Z';

describe('điều hành through desks', () => {
  it('present → assign → pass → progress → done, each queued at its desk; the work lists and the timeline follow the feed', async () => {
    const test = await hub();
    const hubUrl = new URL(await test.app.listen({ host: '127.0.0.1', port: 0 })).origin;
    const unit = (await test.administration.createUnit('cli', { code: 'TH', name: 'Phòng Tổng hợp', parentId: test.unitId })).id;
    await test.addUser('vanthu', ['clerk']);
    const leader = await test.addUser('giamdoc', ['leader']);
    const unitLeader = await test.addUser('truongphong', ['unit_leader'], TEST_PASSWORD, unit);
    const specialist = await test.addUser('chuyenvien', ['specialist'], TEST_PASSWORD, unit);
    const id = await postgresExchangeStore(test.pool).write((tx) =>
      tx.insertReceived({ subject: 'Công văn đến 1', senderId: 'H02.00', senderName: 'Sở Y tế', edxmlDocumentId: 'H02.00,2026/12/01,1/SYT', receivedAt: AT }, AT),
    );
    const desk = async (username: string): Promise<CoreUnderTest> => {
      const core = await startCore(await tempDir(), { policy: {}, problems: [] }, runtimes);
      await core.call('hub.connect', { hubUrl, username, password: TEST_PASSWORD });
      return core;
    };
    const work = (core: CoreUnderTest) => core.call('hub.myWork', {});
    const steps = async (core: CoreUnderTest) => ((await core.call('hub.documentWork', { documentId: id })) ?? { steps: [] }).steps.map((step) => step.kind);

    // The clerk registers it; it waits for her to present it, and her directory names the leader.
    const clerk = await desk('vanthu');
    await until('the arrival', async () => (await clerk.call('documents.list', { box: 'inbox', limit: 10, offset: 0 })).total === 1);
    await clerk.call('hub.queueCommand', { kind: 'arrival.accept', payload: { documentId: id } });
    await until('to present', async () => (await work(clerk)).toPresent.some((row) => row.documentId === id));
    await until('the leader in the directory', async () => (await clerk.call('hub.directory', {})).users.some((user) => user.id === leader.id && user.roles.includes('leader')));
    // Assigning is the leader's: refused at once at the clerk's desk, nothing queued.
    expect(await clerk.fails('hub.queueCommand', { kind: 'arrival.assign', payload: { documentId: id, instruction: '', lead: { unitId: unit }, cooperate: [], inform: [], deadline: null } })).toMatchObject({ code: 'forbidden' });
    await clerk.call('hub.queueCommand', { kind: 'arrival.present', payload: { documentId: id, leaderId: leader.id, suggestion: 'Đề nghị giao Phòng Tổng hợp.' } });
    await until('presented', async () => (await steps(clerk)).includes('presented'));
    expect((await work(clerk)).toPresent).toEqual([]);

    // The leader: the document waits for his instruction; he assigns it to the unit with a deadline.
    const boss = await desk('giamdoc');
    await until('waiting for the leader', async () => (await work(boss)).items.some((entry) => entry.documentId === id && entry.item.role === 'decide'));
    await boss.call('hub.queueCommand', { kind: 'arrival.assign', payload: { documentId: id, instruction: 'Giao chủ trì xử lý, báo cáo kết quả.', lead: { unitId: unit }, cooperate: [], inform: [], deadline: '2099-01-31' } });
    await until('no longer waiting for him', async () => (await work(boss)).items.length === 0);

    // The unit leader holds it for his unit and passes it to the specialist, with an earlier deadline.
    const head = await desk('truongphong');
    await until('the unit’s work', async () => (await work(head)).items.some((entry) => entry.documentId === id && entry.item.role === 'lead'));
    const unitItem = (await work(head)).items[0]!.item;
    expect(unitItem).toMatchObject({ unitId: unit, userId: null, deadline: '2099-01-31', note: 'Giao chủ trì xử lý, báo cáo kết quả.', state: 'open' });
    await head.call('hub.queueCommand', { kind: 'assignment.pass', payload: { documentId: id, itemId: unitItem.id, userId: specialist.id, note: 'Em dự thảo báo cáo.', deadline: '2099-01-20' } });
    await until('passed on', async () => (await work(head)).items.length === 0);

    // The specialist starts and finishes it: the document is done, the timeline has every step at every desk that sees it.
    const doer = await desk('chuyenvien');
    await until('his work', async () => (await work(doer)).items.some((entry) => entry.documentId === id));
    const own = (await work(doer)).items[0]!.item;
    expect(own).toMatchObject({ userId: specialist.id, deadline: '2099-01-20', note: 'Em dự thảo báo cáo.', parentId: unitItem.id });
    // Passing work on is a unit leader's, giving the document to others the clerk's or a leader's: both refused at the specialist's desk.
    expect(await doer.fails('hub.queueCommand', { kind: 'assignment.pass', payload: { documentId: id, itemId: own.id, userId: unitLeader.id, note: '', deadline: null } })).toMatchObject({ code: 'forbidden' });
    expect(await doer.fails('hub.queueCommand', { kind: 'document.share', payload: { documentId: id, units: [], users: [leader.id] } })).toMatchObject({ code: 'forbidden' });
    await doer.call('hub.queueCommand', { kind: 'assignment.progress', payload: { documentId: id, itemId: own.id, note: 'Đang dự thảo.' } });
    await until('started', async () => (await work(doer)).items[0]?.item.state === 'started');
    await doer.call('hub.queueCommand', { kind: 'assignment.done', payload: { documentId: id, itemId: own.id, note: 'Đã gửi báo cáo.' } });
    await until('done', async () => (await doer.call('documents.get', { id })).state === 'done');
    expect((await work(doer)).items).toEqual([]);
    const all = ['presented', 'assigned', 'passed', 'progress', 'done'];
    expect(await steps(doer)).toEqual(all);
    await until('the clerk’s timeline', async () => (await steps(clerk)).length === all.length);
    const timeline = (await clerk.call('hub.documentWork', { documentId: id }))!.steps;
    expect(timeline.map((step) => [step.kind, step.actorName, step.text])).toEqual([
      ['presented', 'vanthu', 'Đề nghị giao Phòng Tổng hợp.'],
      ['assigned', 'giamdoc', 'Giao chủ trì xử lý, báo cáo kết quả.'],
      ['passed', 'truongphong', 'Em dự thảo báo cáo.'],
      ['progress', 'chuyenvien', 'Đang dự thảo.'],
      ['done', 'chuyenvien', 'Đã gửi báo cáo.'],
    ]);
    // Each desk's commands were applied, and the feed brought what they made: none shows as pending.
    expect((await clerk.call('hub.commands', { limit: 10 })).map((command) => [command.kind, command.state, command.awaitingFeed])).toEqual([
      ['arrival.present', 'applied', false],
      ['arrival.accept', 'applied', false],
    ]);
    expect((await doer.call('hub.commands', { limit: 10 })).map((command) => [command.kind, command.state, command.awaitingFeed])).toEqual([
      ['assignment.done', 'applied', false],
      ['assignment.progress', 'applied', false],
    ]);
  });
});
