/**
 * "Kết nối máy chủ cơ quan" through the core's API against a real hub (test/hub.ts): the HubUrl
 * policy makes it the only first-run choice, a wrong password is told apart from a hub that does
 * not answer, the desk is ready once signed in, follows the hub again after a restart with the
 * session from the secret store, and shows who it is signed in as until it signs out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminPolicyReading } from '../shared/api/policy.js';
import type { CoreRuntime } from '../electron/core/service/core-runtime.js';
import { TEST_PASSWORD, useTestHub } from './hub.js';
import { useTempDirs } from './temp-dir.js';
import { startCore, until } from './core-api.js';

const hub = useTestHub();
const tempDir = useTempDirs();
const runtimes: CoreRuntime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
});

describe('connecting a desk to the agency server', () => {
  it('with the HubUrl policy: only that server, signed in by password, ready, resumed after a restart from the secret store, then signed out', async () => {
    const test = await hub();
    const hubUrl = new URL(await test.app.listen({ host: '127.0.0.1', port: 0 })).origin;
    await test.addUser('lanhdao', ['leader']);
    const policy: AdminPolicyReading = { policy: { hubUrl: { value: hubUrl, source: 'file' } }, problems: [], file: 'policy.json' };
    const dataDir = await tempDir();
    const desk = await startCore(dataDir, policy, runtimes);

    expect((await desk.call('app.getState', {})).phase).toBe('setup');
    expect(await desk.call('hub.getStatus', {})).toBeNull();
    expect(await desk.fails('setup.useDemo', {})).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/HubUrl/) });
    expect(await desk.fails('setup.connectAxis', { axisUrl: 'https://axis.example.vn', agencyCode: 'H41', secret: 'secret-secret' })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/HubUrl/) });
    expect(await desk.fails('hub.connect', { hubUrl: 'https://other.example.vn', username: 'lanhdao', password: TEST_PASSWORD })).toMatchObject({ code: 'forbidden', fields: { hubUrl: `must be ${hubUrl}` } });
    expect(await desk.fails('hub.connect', { hubUrl, username: 'lanhdao', password: 'not the password' })).toMatchObject({ code: 'unauthorized' });
    expect(await desk.fails('hub.connect', { hubUrl, username: 'lanhdao', password: '' })).toMatchObject({ code: 'invalid_input' });

    const status = await desk.call('hub.connect', { hubUrl: `${hubUrl}/`, username: 'LanhDao', password: TEST_PASSWORD });
    expect(status).toMatchObject({ hubUrl, user: { username: 'lanhdao', roles: ['leader'] } });
    expect((await desk.call('app.getState', {})).phase).toBe('ready');
    expect(desk.events.some((e) => e.type === 'app.state' && e.state.phase === 'ready')).toBe(true);
    await until('online', () => desk.events.some((e) => e.type === 'hub.status' && e.status?.phase === 'online'));

    // A restart: the session comes from the secret store, the desk follows the hub again by itself.
    await runtimes.splice(0)[0]!.close();
    const again = await startCore(dataDir, policy, runtimes);
    await until('online after the restart', async () => (await again.call('hub.getStatus', {}))?.phase === 'online');
    expect((await again.call('hub.getStatus', {}))!.user).toMatchObject({ username: 'lanhdao' });
    const queued = await again.call('hub.queueCommand', { kind: 'arrival.accept', payload: { documentId: 3 } });
    expect(queued).toMatchObject({ kind: 'arrival.accept', state: 'queued' });
    expect(await again.fails('hub.queueCommand', { kind: 'arrival.accept', payload: { documentId: -1 } })).toMatchObject({ code: 'invalid_input' });
    expect((await again.call('hub.commands', { limit: 10 })).map((c) => c.id)).toEqual([queued.id]);

    expect(await again.call('hub.signOut', {})).toMatchObject({ phase: 'signed_out', user: null });
    expect((await again.call('app.getState', {})).phase).toBe('ready');
    // The agency server now exchanges for this data folder: no axis connection of its own.
    expect(await again.fails('setup.useDemo', {})).toMatchObject({ code: 'conflict' });
    // The desk's keep-alive connections would hold the hub's close for its 72 s keep-alive timeout.
    await runtimes.splice(0)[0]!.close();
    test.app.server.closeAllConnections();
  });

  it('a server that does not answer is said so, not taken for a wrong password', async () => {
    const desk = await startCore(await tempDir(), { policy: {}, problems: [] }, runtimes);
    expect(await desk.fails('hub.connect', { hubUrl: 'http://127.0.0.1:9', username: 'a', password: 'b' })).toMatchObject({ code: 'unavailable', fields: { hubUrl: 'no answer' } });
    expect(await desk.fails('hub.connect', { hubUrl: 'http://192.0.2.10', username: 'a', password: 'b' })).toMatchObject({ code: 'invalid_input', fields: { hubUrl: 'use https://' } });
  });
});
