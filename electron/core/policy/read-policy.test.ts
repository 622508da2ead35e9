import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { mergeRegistryPolicies, policyFromRegistry, readPolicyFile } from './read-policy.js';
import { parseRegQuery } from './registry-text.js';
import { decodeRegFile, parseRegFile } from '../../../test/reg-file.js';

const tempDir = useTempDirs();

// As regedit's File > Export writes it: CRLF lines, the REG_EXPAND_SZ as hex(2) UTF-16LE wrapped
// with trailing backslashes, and the whole file UTF-16LE with a BOM.
const REG_EXPORT = [
  'Windows Registry Editor Version 5.00',
  '',
  '[HKEY_CURRENT_USER\\Software\\Policies\\VanThu]',
  '"AxisUrl"="https://truc-thu.example.vn/edxml"',
  '"TsaUrl"="http://tsa.ca.gov.vn"',
  '"UpdateUrl"="https://intranet.so-noi-vu.vn/vanthu/updates"',
  '"DisableExport"=dword:00000000',
  '"Pkcs11Library"=hex(2):25,00,50,00,72,00,6f,00,67,00,72,00,61,00,6d,00,46,00,\\',
  '  69,00,6c,00,65,00,73,00,25,00,5c,00,56,00,4e,00,50,00,54,00,2d,00,43,00,41,\\',
  '  00,5c,00,76,00,6e,00,70,00,74,00,2d,00,63,00,61,00,5f,00,76,00,33,00,34,00,\\',
  '  2e,00,64,00,6c,00,6c,00,00,00',
  '"AgencyCode"="Văn phòng \\"Sở\\" 01"',
  '',
  '',
].join('\r\n');

async function regExportBytes(): Promise<Uint8Array> {
  const file = path.join(await tempDir(), 'vanthu.reg');
  await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REG_EXPORT, 'utf16le')]));
  return readFile(file);
}

const hklmFixture = () => readFile(path.join(import.meta.dirname, 'fixtures', 'reg-query-hklm.txt'), 'utf8');

describe('registry policy', () => {
  it('reads reg query output: REG_SZ, REG_EXPAND_SZ with %VAR% kept, REG_DWORD 0x1, and skips subkeys', async () => {
    const reading = policyFromRegistry(parseRegQuery(await hklmFixture()), 'HKLM');
    expect(reading.policy).toEqual({
      axisUrl: { value: 'https://truc.tinh.gov.vn/edxml', source: 'HKLM' },
      agencyCode: { value: '000.00.12.H41', source: 'HKLM' },
      pkcs11Library: { value: '%ProgramFiles%\\VNPT-CA\\vnpt-ca_v34.dll', source: 'HKLM' },
      disableExport: { value: true, source: 'HKLM' },
    });
    expect(reading.problems).toEqual([expect.stringContaining('EmptyNote: unknown policy')]);
  });

  it('reads a UTF-16LE regedit export with wrapped hex(2), dword and escaped quotes', async () => {
    const bytes = await regExportBytes();
    expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x57, 0x00]);
    const values = parseRegFile(decodeRegFile(bytes));
    expect(values.find((entry) => entry.name === 'AgencyCode')?.value).toBe('Văn phòng "Sở" 01');
    const reading = policyFromRegistry(values, 'HKCU');
    // Text is no agency code the axis setup accepts: reported rather than locking the connect form on it.
    expect(reading.problems).toEqual(['HKCU\\Software\\Policies\\VanThu\\AgencyCode: letters, digits, dots, dashes or underscores; ignored']);
    expect(reading.policy).toEqual({
      axisUrl: { value: 'https://truc-thu.example.vn/edxml', source: 'HKCU' },
      tsaUrl: { value: 'http://tsa.ca.gov.vn', source: 'HKCU' },
      updateUrl: { value: 'https://intranet.so-noi-vu.vn/vanthu/updates', source: 'HKCU' },
      disableExport: { value: false, source: 'HKCU' },
      pkcs11Library: { value: '%ProgramFiles%\\VNPT-CA\\vnpt-ca_v34.dll', source: 'HKCU' },
    });
  });

  it('HKLM wins over HKCU; HKCU fills what HKLM leaves unset', async () => {
    const hklm = policyFromRegistry(parseRegQuery(await hklmFixture()), 'HKLM');
    const hkcu = policyFromRegistry(parseRegFile(decodeRegFile(await regExportBytes())), 'HKCU');
    const { policy } = mergeRegistryPolicies(hklm, hkcu);
    expect(policy.axisUrl).toEqual({ value: 'https://truc.tinh.gov.vn/edxml', source: 'HKLM' });
    expect(policy.disableExport).toEqual({ value: true, source: 'HKLM' });
    expect(policy.tsaUrl).toEqual({ value: 'http://tsa.ca.gov.vn', source: 'HKCU' });
    expect(policy.updateUrl?.source).toBe('HKCU');
  });

  it('refuses wrong types and bad values with a message naming the value', () => {
    const values = parseRegQuery(
      [
        'HKEY_CURRENT_USER\\Software\\Policies\\VanThu',
        '    DisableExport    REG_SZ    yes',
        '    UpdateUrl    REG_SZ    ftp://updates.example.vn',
        '    AxisUrl    REG_DWORD    0x1',
        '    TsaUrl    REG_SZ    http://tsa.example.vn',
        '    AgencyCode    REG_DWORD    0x2',
      ].join('\r\n'),
    );
    const reading = policyFromRegistry(values, 'HKCU');
    expect(reading.policy).toEqual({ tsaUrl: { value: 'http://tsa.example.vn', source: 'HKCU' } });
    expect(reading.problems).toEqual([
      'HKCU\\Software\\Policies\\VanThu\\DisableExport: must be a REG_DWORD of 0 or 1; ignored',
      'HKCU\\Software\\Policies\\VanThu\\UpdateUrl: must be an http(s) URL; ignored',
      'HKCU\\Software\\Policies\\VanThu\\AxisUrl: must be REG_SZ or REG_EXPAND_SZ; ignored',
      'HKCU\\Software\\Policies\\VanThu\\AgencyCode: must be REG_SZ or REG_EXPAND_SZ; ignored',
    ]);
  });
});

describe('policy file', () => {
  async function policyFile(content: string): Promise<string> {
    const file = path.join(await tempDir(), 'policy.json');
    await writeFile(file, content);
    return file;
  }

  it('reads every key with its source', async () => {
    const file = await policyFile(
      JSON.stringify({ axisUrl: 'https://truc.example.vn', agencyCode: 'H41', pkcs11Library: '/usr/lib/libvnpt.so', tsaUrl: 'http://tsa.example.vn', updateUrl: 'https://updates.example.vn/', disableExport: true }),
    );
    const reading = await readPolicyFile(file);
    expect(reading.problems).toEqual([]);
    expect(reading.policy).toEqual({
      axisUrl: { value: 'https://truc.example.vn', source: 'file' },
      agencyCode: { value: 'H41', source: 'file' },
      pkcs11Library: { value: '/usr/lib/libvnpt.so', source: 'file' },
      tsaUrl: { value: 'http://tsa.example.vn', source: 'file' },
      updateUrl: { value: 'https://updates.example.vn/', source: 'file' },
      disableExport: { value: true, source: 'file' },
    });
  });

  it('a missing file is no policy and no problem', async () => {
    expect(await readPolicyFile(path.join(await tempDir(), 'none.json'))).toEqual({ policy: {}, problems: [] });
  });

  it('reports unknown keys and refuses wrong types by name, keeping the good ones', async () => {
    const file = await policyFile(JSON.stringify({ axisURL: 'https://x.example.vn', disableExport: 'true', updateUrl: 42, agencyCode: 'H41' }));
    const reading = await readPolicyFile(file);
    expect(reading.policy).toEqual({ agencyCode: { value: 'H41', source: 'file' } });
    expect(reading.problems).toEqual([
      expect.stringMatching(/unknown key "axisURL"; ignored \(known: axisUrl,/),
      `${file}: "disableExport": must be true or false; ignored`,
      `${file}: "updateUrl": must be an http(s) URL; ignored`,
    ]);
  });

  it.each([
    ['{ "axisUrl": ', 'not valid JSON'],
    ['[1, 2]', 'must be a JSON object'],
    ['"text"', 'must be a JSON object'],
  ])('a broken file %s is reported, not thrown', async (content, message) => {
    const reading = await readPolicyFile(await policyFile(content));
    expect(reading.policy).toEqual({});
    expect(reading.problems).toEqual([expect.stringContaining(message)]);
  });
});
