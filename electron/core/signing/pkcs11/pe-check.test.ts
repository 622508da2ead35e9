import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectPe, inspectPeFile, PeFormatError, peRefusal } from './pe-check.js';
import { candidateModules } from './windows-modules.js';

/**
 * A minimal DLL: DOS header → PE signature → COFF header → optional header (PE32 or PE32+) with
 * the export directory in data directory 0 → one section holding an export table with one name.
 */
function syntheticDll({ machine = 0x8664, exportName = 'C_GetFunctionList', pe32Plus = true, exports = true } = {}): Uint8Array {
  const bytes = new Uint8Array(0x600);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0x5a4d, true); // MZ
  view.setUint32(0x3c, 0x40, true); // e_lfanew
  bytes.set([0x50, 0x45, 0, 0], 0x40); // PE\0\0
  const optionalSize = pe32Plus ? 240 : 224;
  view.setUint16(0x44, machine, true);
  view.setUint16(0x46, 1, true); // one section
  view.setUint16(0x54, optionalSize, true);
  view.setUint16(0x56, 0x2022, true); // DLL | executable | large address aware
  const optional = 0x58;
  view.setUint16(optional, pe32Plus ? 0x20b : 0x10b, true);
  view.setUint32(optional + (pe32Plus ? 108 : 92), 16, true); // NumberOfRvaAndSizes
  if (exports) {
    view.setUint32(optional + (pe32Plus ? 112 : 96), 0x1000, true); // export directory RVA
    view.setUint32(optional + (pe32Plus ? 116 : 100), 0x100, true);
  }
  const section = optional + optionalSize;
  bytes.set(new TextEncoder().encode('.edata'), section);
  view.setUint32(section + 8, 0x200, true); // VirtualSize
  view.setUint32(section + 12, 0x1000, true); // VirtualAddress
  view.setUint32(section + 16, 0x200, true); // SizeOfRawData
  view.setUint32(section + 20, 0x400, true); // PointerToRawData
  // Export directory at RVA 0x1000 (file 0x400): one function, one name.
  view.setUint32(0x400 + 20, 1, true); // NumberOfFunctions
  view.setUint32(0x400 + 24, 1, true); // NumberOfNames
  view.setUint32(0x400 + 28, 0x1040, true); // AddressOfFunctions
  view.setUint32(0x400 + 32, 0x1028, true); // AddressOfNames
  view.setUint32(0x400 + 36, 0x1044, true); // AddressOfNameOrdinals
  view.setUint32(0x428, 0x1050, true); // name RVA
  bytes.set(new TextEncoder().encode(`${exportName}\0`), 0x450);
  return bytes;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-pe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inspectPe', () => {
  it('reads the machine and finds C_GetFunctionList in the export table', () => {
    expect(inspectPe(syntheticDll())).toEqual({ machine: 'x64', machineCode: 0x8664, exportsGetFunctionList: true });
    expect(inspectPe(syntheticDll({ machine: 0xaa64 }))).toMatchObject({ machine: 'arm64', exportsGetFunctionList: true });
    expect(inspectPe(syntheticDll({ machine: 0x14c, pe32Plus: false }))).toMatchObject({ machine: 'x86', exportsGetFunctionList: true });
    expect(inspectPe(syntheticDll({ machine: 0x1c4 }))).toMatchObject({ machine: 'other', machineCode: 0x1c4 });
  });

  it('says so when the export is missing, or there is no export table', () => {
    expect(inspectPe(syntheticDll({ exportName: 'C_GetFunctionLis' }))).toMatchObject({ exportsGetFunctionList: false });
    expect(inspectPe(syntheticDll({ exportName: 'C_GetFunctionListX' }))).toMatchObject({ exportsGetFunctionList: false });
    expect(inspectPe(syntheticDll({ exports: false }))).toMatchObject({ machine: 'x64', exportsGetFunctionList: false });
  });

  it('refuses what is not a PE file', () => {
    expect(() => inspectPe(new TextEncoder().encode('not a dll'))).toThrow(PeFormatError);
    const noSignature = syntheticDll();
    noSignature[0x41] = 0;
    expect(() => inspectPe(noSignature)).toThrow(/no PE signature/);
    expect(() => inspectPe(syntheticDll().subarray(0, 0x300))).toThrow(/truncated/);
  });

  it('gives a reason for the wrong bitness and for a missing C_GetFunctionList', () => {
    expect(peRefusal(inspectPe(syntheticDll()), 'x64')).toBeNull();
    expect(peRefusal(inspectPe(syntheticDll({ machine: 0x14c, pe32Plus: false })), 'x64')).toMatch(/built for x86, but this app runs as x64/);
    expect(peRefusal(inspectPe(syntheticDll({ exportName: 'DllMain' })), 'x64')).toMatch(/does not export C_GetFunctionList/);
  });
});

describe('candidateModules with the PE check', () => {
  it('skips DLLs of the wrong bitness, without C_GetFunctionList or unreadable, with a reason', () => {
    const files: Record<string, Uint8Array> = {
      'vnptca_p11_v8.dll': syntheticDll(),
      'viettel-ca_v6.dll': syntheticDll({ machine: 0x14c, pe32Plus: false }), // a 32-bit DLL misplaced in System32
      'fpt-ca.dll': syntheticDll({ exportName: 'SomethingElse' }),
      'BkavCA.dll': new TextEncoder().encode('garbage'),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
    const local = (file: string) => path.join(dir, path.win32.basename(file));
    const found = candidateModules('C:\\Windows', (file) => file.includes('System32') && path.win32.basename(file) in files, { inspect: (file) => inspectPeFile(local(file)), machine: 'x64' });
    expect(found.map(({ name, loadable }) => ({ name, loadable }))).toEqual([
      { name: 'vnptca_p11_v8.dll', loadable: true },
      { name: 'viettel-ca_v6.dll', loadable: false },
      { name: 'fpt-ca.dll', loadable: false },
      { name: 'BkavCA.dll', loadable: false },
    ]);
    expect(found[0]!.reason).toBeNull();
    expect(found[1]!.reason).toMatch(/built for x86/);
    expect(found[2]!.reason).toMatch(/C_GetFunctionList/);
    expect(found[3]!.reason).toMatch(/cannot be read as a DLL/);
  });
});
