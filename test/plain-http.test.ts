/**
 * The axis and update URLs go over https; plain http only to this computer, or where IT allows it
 * with the AllowHttp policy (said in the log at every start). The reference axis listens on all
 * interfaces and is reached at this machine's own network address: plain http that leaves the
 * loopback, as a misconfigured or downgraded agency would use it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import type { SyncStatus } from '../shared/api/sync-status.js';
import { loadAdminPolicy } from '../electron/core/policy/load-policy.js';
import { refusal, startAgency, type TestAgency } from './agency-harness.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
let axis: TemporaryAxis;
/** The axis at this machine's network address, over plain http. */
let offMachineUrl: string;
const agencies: TestAgency[] = [];
const dataDirs: string[] = [];

beforeAll(async () => {
  axis = await startTemporaryAxis({ host: '0.0.0.0' });
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
  if (!address) throw new Error('this machine has no network address besides the loopback: the test needs one');
  offMachineUrl = `http://${address}:${axis.server.port}`;
});
afterAll(async () => {
  await Promise.all(agencies.map((agency) => agency.close()));
  await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  await axis?.dispose();
});

async function policyReading(policy: Record<string, unknown>) {
  const file = path.join(await tempDir(), 'policy.json');
  await writeFile(file, JSON.stringify(policy));
  return { file, reading: await loadAdminPolicy({ VANTHU_POLICY_FILE: file }) };
}

describe('plain http to another computer', () => {
  it('is refused at setup with what to do, before anything is sent; loopback http (the demo) still connects', async () => {
    const credential = axis.agencies[0]!;
    const agency = await startAgency(axis.server.url, credential, { connect: false });
    agencies.push(agency);
    const refused = await refusal(agency.call('setup.connectAxis', { axisUrl: offMachineUrl, agencyCode: credential.code, secret: credential.secret }));
    expect(refused).toMatchObject({ code: 'invalid_input', fields: { axisUrl: 'use https://' } });
    expect(refused.message).toMatch(/plain http to another computer: use its https:\/\/ address.*AllowHttp policy/);
    expect((await agency.call('app.getState', {})).phase).toBe('setup');
    const state = await agency.call('setup.connectAxis', { axisUrl: axis.server.url.replace('0.0.0.0', '127.0.0.1'), agencyCode: credential.code, secret: credential.secret });
    expect(state.phase).toBe('ready');
  });

  it('connects where IT allows it with AllowHttp, which the log says at every start', async () => {
    const credential = axis.agencies[1]!;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { file, reading } = await policyReading({ allowHttp: true, axisUrl: offMachineUrl });
    expect(logged.mock.calls.flat().join('\n')).toContain(`${file} ("axisUrl"): ${offMachineUrl} is plain http: used without TLS because ${file} ("allowHttp") allows it`);
    logged.mockRestore();
    const agency = await startAgency(axis.server.url, credential, { policy: reading, connect: false });
    agencies.push(agency);
    const state = await agency.call('setup.connectAxis', { axisUrl: offMachineUrl, agencyCode: credential.code, secret: credential.secret });
    expect(state).toMatchObject({ phase: 'ready', connection: { axisUrl: offMachineUrl } });
    expect((await agency.call('policy.get', {})).policy).toMatchObject({ allowHttp: { value: true, source: 'file' }, axisUrl: { value: offMachineUrl } });
  });

  it('in the AxisUrl and UpdateUrl policies is ignored without AllowHttp, and said so; https and loopback http stay', async () => {
    const { file, reading } = await policyReading({ axisUrl: offMachineUrl, updateUrl: 'http://intranet.so-noi-vu.vn/vanthu/' });
    expect(reading.policy).toEqual({});
    expect(reading.problems).toEqual([
      `${file} ("axisUrl"): ${offMachineUrl} is plain http to another computer; ignored (use https://, or allow plain http with the AllowHttp policy in HKLM)`,
      `${file} ("updateUrl"): http://intranet.so-noi-vu.vn/vanthu/ is plain http to another computer; ignored (use https://, or allow plain http with the AllowHttp policy in HKLM)`,
    ]);
    const kept = await policyReading({ axisUrl: 'http://localhost:5180/edxml', updateUrl: 'https://intranet.so-noi-vu.vn/vanthu/' });
    expect(kept.reading).toMatchObject({ policy: { axisUrl: { value: 'http://localhost:5180/edxml' }, updateUrl: { value: 'https://intranet.so-noi-vu.vn/vanthu/' } }, problems: [] });
  });

  it('saved before it was refused is not used at the next start without AllowHttp: sync says why', async () => {
    const credential = axis.agencies[2]!;
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-plain-http-'));
    dataDirs.push(dataDir);
    const allowed = await startAgency(axis.server.url, credential, { policy: (await policyReading({ allowHttp: true })).reading, connect: false, dataDir });
    await allowed.call('setup.connectAxis', { axisUrl: offMachineUrl, agencyCode: credential.code, secret: credential.secret });
    await allowed.close();

    const reopened = await startAgency(axis.server.url, credential, { connect: false, dataDir });
    agencies.push(reopened);
    const status = (await reopened.call('sync.getStatus', {})) as SyncStatus;
    expect(status).toMatchObject({ phase: 'error', message: expect.stringMatching(/plain http to another computer, which VanThu does not use: ask IT for the axis's https:\/\/ address, or to allow plain http with the AllowHttp policy/) });
  });
});
