import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdminPolicyReading } from '../../../shared/api/policy.js';
import type { Connection } from '../../../shared/api/state.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { connectionMismatches, expandWindowsVariables, policyPlace, requireAxisPolicy, requireDemoAllowed, requireSecureAxisUrl, withPlainHttpRule } from './apply-policy.js';
import { loadAdminPolicy } from './load-policy.js';

const tempDir = useTempDirs();

const fromFile: AdminPolicyReading = {
  policy: { axisUrl: { value: 'https://Truc.Tinh.gov.vn:443/edxml', source: 'file' }, agencyCode: { value: '000.00.12.H41', source: 'file' } },
  problems: [],
  file: '/etc/vanthu/policy.json',
};
const fromRegistry: AdminPolicyReading = { policy: { axisUrl: { value: 'https://truc.tinh.gov.vn/edxml', source: 'HKCU' } }, problems: [] };

function refusal(run: () => void) {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('not refused');
}

describe('applying the admin policy', () => {
  it('names the registry value or the file key a policy comes from', () => {
    expect(policyPlace(fromFile, 'agencyCode')).toBe('/etc/vanthu/policy.json ("agencyCode")');
    expect(policyPlace(fromRegistry, 'axisUrl')).toBe('HKCU\\Software\\Policies\\VanThu\\AxisUrl');
  });

  it('accepts the policy axis however its URL is written (host case, default port, trailing slash), refuses another', () => {
    expect(() => requireAxisPolicy(fromFile, 'https://truc.tinh.gov.vn/edxml/', '000.00.12.H41')).not.toThrow();
    expect(refusal(() => requireAxisPolicy(fromFile, 'https://truc-khac.gov.vn/edxml', '000.00.12.H41'))).toMatchObject({
      code: 'forbidden',
      fields: { axisUrl: 'must be https://Truc.Tinh.gov.vn:443/edxml' },
      message: expect.stringContaining('policy AxisUrl in /etc/vanthu/policy.json ("axisUrl")'),
    });
    expect(refusal(() => requireAxisPolicy(fromFile, 'https://truc.tinh.gov.vn/edxml', '000.00.12.H42'))).toMatchObject({ code: 'forbidden', fields: { agencyCode: 'must be 000.00.12.H41' } });
    expect(() => requireAxisPolicy({ policy: {}, problems: [] }, 'http://any.example.vn', 'ANY')).not.toThrow();
  });

  it('turns the demo off when the axis or the agency is set by policy', () => {
    expect(refusal(() => requireDemoAllowed(fromRegistry))).toMatchObject({ code: 'forbidden', message: expect.stringContaining('HKCU\\Software\\Policies\\VanThu\\AxisUrl') });
    expect(refusal(() => requireDemoAllowed({ policy: { agencyCode: { value: 'H41', source: 'HKLM' } }, problems: [] }))).toMatchObject({ code: 'forbidden' });
    expect(() => requireDemoAllowed({ policy: { tsaUrl: { value: 'http://tsa.example.vn', source: 'HKLM' } }, problems: [] })).not.toThrow();
  });

  it('says when the saved connection predates a policy naming another axis or agency', () => {
    const axis: Connection = { kind: 'axis', axisUrl: 'https://truc.tinh.gov.vn/edxml/', agencyCode: '000.00.12.H41', agencyName: null };
    expect(connectionMismatches(fromFile, axis)).toEqual([]);
    expect(connectionMismatches(fromFile, null)).toEqual([]);
    expect(connectionMismatches(fromFile, { ...axis, kind: 'demo', axisUrl: 'http://127.0.0.1:40000', agencyCode: '000.00.00.H41' })).toEqual([
      '/etc/vanthu/policy.json ("axisUrl"): this data folder was connected to the demo axis before the policy; it stays connected there until it is set up again',
      '/etc/vanthu/policy.json ("agencyCode"): this data folder was connected as agency 000.00.00.H41 before the policy; it stays so until it is set up again',
    ]);
  });

  it('plain http: AllowHttp from a user\'s HKCU does not weaken the rule; from HKLM it keeps http URLs, loopback http and https are never touched', () => {
    const reading = (allowHttp: 'HKLM' | 'HKCU' | null): AdminPolicyReading => ({
      policy: {
        axisUrl: { value: 'http://truc.tinh.gov.vn/edxml', source: 'HKLM' },
        updateUrl: { value: 'http://127.0.0.1:8080/updates', source: 'HKLM' },
        tsaUrl: { value: 'http://tsa.ca.gov.vn', source: 'HKLM' },
        ...(allowHttp && { allowHttp: { value: true, source: allowHttp } }),
      },
      problems: [],
    });
    expect(withPlainHttpRule(reading('HKCU'))).toEqual({
      policy: { updateUrl: { value: 'http://127.0.0.1:8080/updates', source: 'HKLM' }, tsaUrl: { value: 'http://tsa.ca.gov.vn', source: 'HKLM' } },
      problems: [
        "HKCU\\Software\\Policies\\VanThu\\AllowHttp: only the machine's policy (HKLM) may allow plain http; ignored",
        'HKLM\\Software\\Policies\\VanThu\\AxisUrl: http://truc.tinh.gov.vn/edxml is plain http to another computer; ignored (use https://, or allow plain http with the AllowHttp policy in HKLM)',
      ],
    });
    expect(withPlainHttpRule(reading('HKLM'))).toMatchObject({
      policy: { axisUrl: { value: 'http://truc.tinh.gov.vn/edxml' }, allowHttp: { value: true } },
      problems: ['HKLM\\Software\\Policies\\VanThu\\AxisUrl: http://truc.tinh.gov.vn/edxml is plain http: used without TLS because HKLM\\Software\\Policies\\VanThu\\AllowHttp allows it'],
    });
    for (const url of ['http://localhost:5170/', 'http://127.0.0.2/', 'http://[::1]:80/', 'http://vanthu.localhost/']) {
      expect(() => requireSecureAxisUrl(reading(null), url), url).not.toThrow();
    }
    expect(refusal(() => requireSecureAxisUrl(reading(null), 'http://10.0.0.5/edxml'))).toMatchObject({ code: 'invalid_input', fields: { axisUrl: 'use https://' } });
    expect(() => requireSecureAxisUrl(reading('HKLM'), 'http://10.0.0.5/edxml')).not.toThrow();
  });

  it('expands %VAR% as Windows does for a REG_EXPAND_SZ, case-insensitively, keeping unknown ones', () => {
    const env = { ProgramFiles: 'C:\\Program Files', SystemRoot: 'C:\\Windows' };
    expect(expandWindowsVariables('%PROGRAMFILES%\\VNPT-CA\\vnpt-ca_v34.dll', env)).toBe('C:\\Program Files\\VNPT-CA\\vnpt-ca_v34.dll');
    expect(expandWindowsVariables('%SystemRoot%\\System32\\%NOPE%.dll', env)).toBe('C:\\Windows\\System32\\%NOPE%.dll');
  });
});

describe('loading the policy at start', () => {
  it('VANTHU_POLICY_FILE is read on any system, even where the registry would be', async () => {
    const file = path.join(await tempDir(), 'policy.json');
    await writeFile(file, JSON.stringify({ disableExport: true, tsaURL: 'http://tsa.example.vn' }));
    const reading = await loadAdminPolicy({ VANTHU_POLICY_FILE: file }, 'win32');
    expect(reading).toEqual({ policy: { disableExport: { value: true, source: 'file' } }, problems: [expect.stringContaining('unknown key "tsaURL"')], file });
  });

  it('a VANTHU_POLICY_FILE that does not exist is a problem, not silently no policy', async () => {
    const file = path.join(await tempDir(), 'typo.json');
    expect(await loadAdminPolicy({ VANTHU_POLICY_FILE: file }, 'linux')).toEqual({ policy: {}, problems: [`${file} (VANTHU_POLICY_FILE): the file does not exist; no policy applied`], file });
  });
});
