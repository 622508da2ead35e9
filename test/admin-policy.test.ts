/**
 * Admin policies applied by the real core, read from a real policy file through
 * VANTHU_POLICY_FILE as the hosts read it at start, with the real reference axis: a connection
 * to another axis or as another agency and the demo are refused, the policy's own axis connects;
 * the PKCS#11 library and TSA URL win over this computer's settings and cannot be changed;
 * exports are refused and not audited; policy.get (and the helpdesk report) give values,
 * sources and problems.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import { loadAdminPolicy } from '../electron/core/policy/load-policy.js';
import { openDatabase } from '../electron/core/store/database.js';
import { refusal, startAgency, type TestAgency } from './agency-harness.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
let axis: TemporaryAxis;
const agencies: TestAgency[] = [];

beforeAll(async () => {
  axis = await startTemporaryAxis();
});
afterAll(async () => {
  await Promise.all(agencies.map((agency) => agency.close()));
  await axis?.dispose();
});

/** A core that applies `policy`, written to a policy.json and loaded as the hosts load it. */
async function agencyWithPolicy(policy: Record<string, unknown>, connect: boolean): Promise<{ agency: TestAgency; file: string }> {
  const file = path.join(await tempDir(), 'policy.json');
  await writeFile(file, JSON.stringify(policy));
  const agency = await startAgency(axis.server.url, axis.agencies[0]!, { policy: await loadAdminPolicy({ VANTHU_POLICY_FILE: file }), connect });
  agencies.push(agency);
  return { agency, file };
}

function auditActions(agency: TestAgency): string[] {
  const db = openDatabase(path.join(agency.dataDir, 'vanthu.sqlite'), { migrate: false });
  try {
    return (db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((row) => row.action);
  } finally {
    db.close();
  }
}

describe('the axis and agency policies', () => {
  it('refuse the demo and a connection elsewhere, accept the policy axis as written differently; policy.get says it all', async () => {
    const credential = axis.agencies[0]!;
    const { agency, file } = await agencyWithPolicy({ axisUrl: `${axis.server.url}/`, agencyCode: credential.code, updateUrl: 'https://intranet.example.vn/vanthu/', disableExport: 'yes' }, false);

    const demo = await refusal(agency.call('setup.useDemo', {}));
    expect(demo).toMatchObject({ code: 'forbidden', message: expect.stringContaining(`policy AxisUrl in ${file} ("axisUrl")`) });
    const elsewhere = await refusal(agency.call('setup.connectAxis', { axisUrl: 'http://127.0.0.1:9/edxml', agencyCode: credential.code, secret: credential.secret }));
    expect(elsewhere).toMatchObject({ code: 'forbidden', fields: { axisUrl: `must be ${axis.server.url}/` } });
    expect(elsewhere.message).toMatch(/^The axis URL must be http:\/\/127\.0\.0\.1:\d+\/, not http:\/\/127\.0\.0\.1:9\/edxml\. It is set by your administrator/);
    const otherAgency = await refusal(agency.call('setup.connectAxis', { axisUrl: axis.server.url, agencyCode: axis.agencies[1]!.code, secret: axis.agencies[1]!.secret }));
    expect(otherAgency).toMatchObject({ code: 'forbidden', fields: { agencyCode: `must be ${credential.code}` } });
    expect((await agency.call('app.getState', {})).phase).toBe('setup');
    expect(auditActions(agency)).toEqual([]);

    expect(await agency.call('policy.get', {})).toEqual({
      policy: {
        axisUrl: { value: `${axis.server.url}/`, source: 'file' },
        agencyCode: { value: credential.code, source: 'file' },
        updateUrl: { value: 'https://intranet.example.vn/vanthu/', source: 'file' },
      },
      problems: [`${file}: "disableExport": must be true or false; ignored`],
      file,
    });

    const state = await agency.call('setup.connectAxis', { axisUrl: axis.server.url, agencyCode: credential.code, secret: credential.secret });
    expect(state).toMatchObject({ phase: 'ready', connection: { kind: 'axis', axisUrl: axis.server.url, agencyCode: credential.code } });
    // The bad disableExport was ignored, so exporting is allowed (and audited).
    const [incoming] = await agency.call('registers.list', {});
    await agency.call('registers.export', { register: incoming!.id, year: 2026, format: 'xlsx' });
    expect(auditActions(agency)).toEqual(['setup.axis', 'export']);
  });
});

describe('the signing and export policies', () => {
  it('win over this computer’s settings, which cannot be changed; exports are refused and leave no audit row', async () => {
    const { agency, file } = await agencyWithPolicy({ pkcs11Library: '/opt/vnpt-ca/libvnpt-ca.so', tsaUrl: 'http://tsa.example.vn/tsa', disableExport: true }, true);

    expect(await agency.call('signing.getSettings', {})).toMatchObject({ module: '/opt/vnpt-ca/libvnpt-ca.so', source: 'policy', tsaUrl: 'http://tsa.example.vn/tsa', tsaSource: 'policy' });
    const setModule = await refusal(agency.call('signing.setModule', { module: '/usr/lib/softhsm/libsofthsm2.so' }));
    expect(setModule).toMatchObject({ code: 'forbidden', message: expect.stringContaining(`policy Pkcs11Library in ${file} ("pkcs11Library")`) });
    const setTsa = await refusal(agency.call('signing.setTsa', { url: null }));
    expect(setTsa).toMatchObject({ code: 'forbidden', message: expect.stringContaining(`policy TsaUrl in ${file} ("tsaUrl")`) });
    expect(await agency.call('signing.getSettings', {})).toMatchObject({ module: '/opt/vnpt-ca/libvnpt-ca.so', source: 'policy', tsaUrl: 'http://tsa.example.vn/tsa', tsaSource: 'policy' });

    const [incoming] = await agency.call('registers.list', {});
    const registerExport = await refusal(agency.call('registers.export', { register: incoming!.id, year: 2026, format: 'pdf' }));
    expect(registerExport).toEqual({ code: 'forbidden', message: `Export is turned off by your agency's IT policy: registers and reports stay in VanThu. It is set by your administrator: policy DisableExport in ${file} ("disableExport"). Ask your IT staff if it must change.` });
    const reportExport = await refusal(agency.call('reports.export', { kind: 'byMonth', from: '2026-01-01', to: '2026-12-31', format: 'xlsx' }));
    expect(reportExport.code).toBe('forbidden');
    expect(auditActions(agency)).toEqual(['setup.axis']);
    expect((await agency.call('policy.get', {})).problems).toEqual([]);

    // The helpdesk report is no export of documents: it is still saved, and lists the policies.
    const report = (await agency.file(await agency.call('diagnostics.report', {}))).toString('utf8');
    expect(report).toContain(
      [
        '== Administrator policies ==',
        'AxisUrl: not set',
        'AgencyCode: not set',
        `Pkcs11Library: /opt/vnpt-ca/libvnpt-ca.so (${file} ("pkcs11Library"))`,
        `TsaUrl: http://tsa.example.vn/tsa (${file} ("tsaUrl"))`,
        'UpdateUrl: not set',
        `DisableExport: true (${file} ("disableExport"))`,
        'AllowUnsignedSending: not set',
        'AllowHttp: not set',
        '',
      ].join('\n'),
    );
  });
});
