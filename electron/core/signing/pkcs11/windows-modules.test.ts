import { describe, expect, it } from 'vitest';
import { candidateModules } from './windows-modules.js';

describe('candidateModules', () => {
  it('lists the known driver DLLs that exist, 32-bit ones as not loadable', () => {
    const inspect = (file: string) => ({ machine: file.includes('SysWOW64') ? ('x86' as const) : ('x64' as const), machineCode: 0, exportsGetFunctionList: true });
    const present = new Set(['C:\\Windows\\System32\\vnptca_p11_v8.dll', 'C:\\Windows\\System32\\viettel-ca_v6.dll', 'C:\\Windows\\SysWOW64\\BkavCA.dll', 'C:\\Windows\\System32\\unrelated.dll']);
    expect(candidateModules('C:\\Windows', (file) => present.has(file), { inspect, machine: 'x64' })).toEqual([
      { path: 'C:\\Windows\\System32\\vnptca_p11_v8.dll', name: 'vnptca_p11_v8.dll', bits: 64, loadable: true, reason: null },
      { path: 'C:\\Windows\\System32\\viettel-ca_v6.dll', name: 'viettel-ca_v6.dll', bits: 64, loadable: true, reason: null },
      { path: 'C:\\Windows\\SysWOW64\\BkavCA.dll', name: 'BkavCA.dll', bits: 32, loadable: false, reason: expect.stringMatching(/built for x86/) },
    ]);
  });

  it('finds nothing on a machine without token drivers', () => {
    expect(candidateModules('C:\\Windows', () => false)).toEqual([]);
  });
});
