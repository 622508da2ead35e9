/**
 * The reference axis's fault injection: the injector's decisions, and each fault on a running axis as
 * VanThu's own axis client sees it (retryable or not, what was committed).
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { VXP_ERROR, VXP_HASH_HEADER, vxpSignRequest, vxpTimestamp, type VxpCall, type VxpEnvelope } from '../shared/axis/vxp.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import { AxisError, type AxisClient } from '../electron/core/exchange/axis-client/types.js';
import { documentPackageBytes } from './edxml-fixtures.js';
import { useTempDirs } from './temp-dir.js';
import { ADMIN_SYSTEM_ID, vxpHmac } from '../axis/auth.js';
import { FaultInjector, type FaultKind, type FaultPlan } from '../axis/faults.js';
import { FAULTS_PATH } from '../axis/faults-endpoint.js';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const decisions = (plan: FaultPlan, calls: Parameters<FaultInjector['decide']>[0][]) => {
  const injector = new FaultInjector(plan);
  return calls.map((call) => injector.decide(call)?.kind ?? null);
};

describe('the injector', () => {
  const calls = Array.from({ length: 300 }, (_, i): VxpCall => (i % 3 === 0 ? 'sendEdoc' : i % 3 === 1 ? 'getReceivedEdocList' : 'updateStatus'));
  const plan: FaultPlan = { seed: 7, rules: [{ kind: 'http503', rate: 0.2 }, { kind: 'duplicateList', rate: 0.5 }] };

  test('the same seed gives the same faults; another seed others', () => {
    const first = decisions(plan, calls);
    expect(decisions(plan, calls)).toEqual(first);
    expect(decisions({ ...plan, seed: 8 }, calls)).not.toEqual(first);
    const fired = first.filter((kind) => kind !== null).length;
    expect(fired).toBeGreaterThan(30);
    expect(fired).toBeLessThan(200);
  });

  test('a rule names its calls; list faults strike only list calls; truncation only downloads', () => {
    const kinds = decisions({ seed: 1, rules: [{ kind: 'http500', rate: 1, calls: ['sendEdoc'] }, { kind: 'reorderList', rate: 1 }, { kind: 'truncateFile', rate: 1 }] }, [
      'sendEdoc',
      'getReceivedEdocList',
      'updateStatus',
      'downloadEdoc',
    ]);
    expect(kinds).toEqual(['http500', 'reorderList', null, 'truncateFile']);
  });

  test('a burst hits that many calls in a row, then the rate decides again', () => {
    const kinds = decisions({ seed: 3, rules: [{ kind: 'http500', rate: 0.05, burst: 4 }] }, Array.from({ length: 400 }, () => 'sendEdoc' as const));
    const runs = kinds
      .map((kind) => (kind ? 'x' : ' '))
      .join('')
      .split(' ')
      .filter(Boolean)
      .map((run) => run.length);
    expect(runs.length).toBeGreaterThan(2);
    // A run may be two bursts back to back, never a partial one.
    expect(runs.every((length) => length % 4 === 0)).toBe(true);
  });

  test('rate 0 never fires, and counts follow what fired', () => {
    const injector = new FaultInjector({ seed: 1, rules: [{ kind: 'slow', rate: 0 }, { kind: 'hang', rate: 1, calls: ['updateStatus'] }] });
    for (let i = 0; i < 50; i++) injector.decide('sendEdoc');
    injector.decide('updateStatus');
    expect(injector.counts).toEqual({ hang: 1 });
  });
});

describe('faults on a running axis, as the VanThu client sees them', () => {
  async function setup(plan: FaultPlan | undefined, timeoutMs = 5000): Promise<{ axis: TemporaryAxis; a: AxisClient; b: AxisClient; packageFile: string; injected: string[] }> {
    const injected: string[] = [];
    const axis = await startTemporaryAxis({ faults: plan, onFault: (fault, call) => injected.push(`${fault.kind} ${call}`) });
    cleanups.push(axis.dispose);
    const [A, B] = axis.agencies;
    const client = (who: typeof A) => createVxpClient({ baseUrl: axis.server.url, systemId: who!.code, secret: who!.secret, timeoutMs });
    const packageFile = path.join(await tempDir(), 'package.edxml');
    await writeFile(packageFile, await documentPackageBytes(A!.code, [B!.code], 'faults'));
    return { axis, a: client(A), b: client(B), packageFile, injected };
  }
  const code = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (error: unknown) => (error instanceof AxisError ? `${error.kind} ${error.code}` : String(error)),
    );
  const only = (kind: FaultKind, calls: FaultPlan['rules'][number]['calls'], extra: Partial<FaultPlan['rules'][number]> = {}): FaultPlan => ({
    seed: 1,
    rules: [{ kind, rate: 1, calls, ...extra }],
  });

  test('HTTP 503 on the upload only: the upload is refused as retryable, the list is answered', async () => {
    const { axis, a, b, packageFile, injected } = await setup(only('http503', ['sendEdoc']));
    expect(await code(a.send(packageFile, 'edoc', [axis.agencies[1]!.code]))).toBe('retryable http_503');
    expect(await b.listReceived('edoc')).toEqual([]);
    expect(injected).toEqual(['http503 sendEdoc']);
  });

  test('a connection cut during the upload stores nothing', async () => {
    const { axis, a, b, packageFile } = await setup(only('cutRequest', ['sendEdoc']));
    expect(await code(a.send(packageFile, 'edoc', [axis.agencies[1]!.code]))).toBe('retryable network');
    expect(await b.listReceived('edoc')).toEqual([]);
  });

  test('the axis commits but the answer is lost: the retry of the same bytes gets the same docId, one package', async () => {
    const plan: FaultPlan = { seed: 1, rules: [{ kind: 'lostResponse', rate: 1, burst: 1, calls: ['sendEdoc'] }] };
    const { axis, a, b, packageFile } = await setup(plan);
    const to = [axis.agencies[1]!.code];
    expect(await code(a.send(packageFile, 'edoc', to))).toBe('retryable network');
    const listed = await b.listReceived('edoc');
    expect(listed).toHaveLength(1);
    await fetchFaults(axis, 'DELETE');
    expect(await a.send(packageFile, 'edoc', to)).toBe(listed[0]!.docId);
    expect(await b.listReceived('edoc')).toHaveLength(1);
  });

  test('an answer cut mid-body, a download cut short, a call that never answers: retryable, no partial file left', async () => {
    const { axis, a, b, packageFile } = await setup(undefined, 300);
    const docId = await a.send(packageFile, 'edoc', [axis.agencies[1]!.code]);
    await fetchFaults(axis, 'PUT', only('cutResponse', ['getReceivedEdocList']));
    expect(await code(b.listReceived('edoc'))).toMatch(/^retryable (network|bad_response)$/);
    await fetchFaults(axis, 'PUT', only('truncateFile', ['downloadEdoc']));
    const destination = path.join(await tempDir(), 'download.edxml');
    expect(await code(b.download(docId, destination))).toBe('retryable network');
    expect(existsSync(destination)).toBe(false);
    await fetchFaults(axis, 'PUT', only('hang', ['countReceiveEdoc'], { delayMs: 2000 }));
    expect(await code(b.countReceived('edoc'))).toBe('retryable timeout');
  });

  test('a package listed twice, statuses listed in reverse, a slow answer', async () => {
    const { axis, a, b, packageFile } = await setup(undefined);
    const to = [axis.agencies[1]!.code];
    const first = await a.send(packageFile, 'edoc', to);
    const secondFile = `${packageFile}.2`;
    await writeFile(secondFile, await documentPackageBytes(axis.agencies[0]!.code, to, 'faults 2'));
    const second = await a.send(secondFile, 'edoc', to);
    await fetchFaults(axis, 'PUT', only('duplicateList', undefined));
    expect((await b.listReceived('edoc')).map((row) => row.docId)).toEqual([first, first, second, second]);
    await fetchFaults(axis, 'PUT', only('reorderList', undefined));
    expect((await b.listReceived('edoc')).map((row) => row.docId)).toEqual([second, first]);
    await fetchFaults(axis, 'PUT', only('slow', undefined, { delayMs: 300 }));
    const started = Date.now();
    expect(await b.countReceived('edoc')).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  test('the switch needs the admin credential, checks the plan and reports the counts', async () => {
    const { axis, a } = await setup(undefined);
    const agency = axis.agencies[0]!;
    expect((await fetchFaults(axis, 'PUT', only('http500', undefined), agency)).ErrorCode).toBe(VXP_ERROR.badCredentials);
    expect(await a.countReceived('edoc')).toBe(0);
    const refused = await fetchFaults(axis, 'PUT', { seed: 1, rules: [{ kind: 'explode', rate: 2 }] } as unknown as FaultPlan);
    expect(refused.ErrorDesc).toMatch(/^not a fault plan: rules\.0\.kind: .*; rules\.0\.rate: /);
    await fetchFaults(axis, 'PUT', only('http500', ['countReceiveEdoc']));
    expect(await code(a.countReceived('edoc'))).toBe('retryable http_500');
    expect((await fetchFaults(axis, 'GET')).data).toEqual({ plan: only('http500', ['countReceiveEdoc']), counts: { http500: 1 } });
    expect((await fetchFaults(axis, 'DELETE')).data).toEqual({ plan: null, counts: {} });
    expect(await a.countReceived('edoc')).toBe(0);
  });
});

async function fetchFaults(axis: TemporaryAxis, method: 'GET' | 'PUT' | 'DELETE', plan?: FaultPlan, who = { code: ADMIN_SYSTEM_ID, secret: axis.adminSecret }): Promise<VxpEnvelope<unknown>> {
  const signed = vxpSignRequest({ systemid: who.code, timestamp: vxpTimestamp() });
  const response = await fetch(`${axis.server.url}${FAULTS_PATH}`, {
    method,
    headers: { ...signed.headers, [VXP_HASH_HEADER]: vxpHmac(who.secret, signed.signingString), 'content-type': 'application/json' },
    body: plan === undefined ? undefined : JSON.stringify(plan),
  });
  return (await response.json()) as VxpEnvelope<unknown>;
}
