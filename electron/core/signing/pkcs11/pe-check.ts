/**
 * docs/formats.md#certificates: before a Windows token driver is loaded, its PE headers say whether this process can
 * load it at all (a 32-bit DLL in a 64-bit app fails with an obscure error, or crashes the
 * signer) and whether it is a PKCS#11 library (it exports C_GetFunctionList). Only the headers,
 * the section table and the export directory are read.
 */
import { readFileSync, statSync } from 'node:fs';

export type PeMachine = 'x64' | 'arm64' | 'x86' | 'other';

export interface PeInfo {
  machine: PeMachine;
  /** The COFF Machine field as found. */
  machineCode: number;
  exportsGetFunctionList: boolean;
}

export class PeFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeFormatError';
  }
}

const MACHINES: Record<number, PeMachine> = { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'x86' };
const PE32 = 0x10b;
const PE32_PLUS = 0x20b;
/** Token drivers are a few MB; anything far larger is not one. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Reads the PE headers of `bytes` (a whole DLL, or at least the parts the headers point to). */
export function inspectPe(bytes: Uint8Array): PeInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (offset: number, length: number, what: string) => {
    if (offset < 0 || offset + length > bytes.byteLength) throw new PeFormatError(`truncated PE file (${what})`);
  };
  need(0, 0x40, 'DOS header');
  if (view.getUint16(0, true) !== 0x5a4d) throw new PeFormatError('not a PE file (no MZ header)');
  const peOffset = view.getUint32(0x3c, true);
  need(peOffset, 24, 'PE header');
  if (view.getUint32(peOffset, true) !== 0x00004550) throw new PeFormatError('not a PE file (no PE signature)');
  const machineCode = view.getUint16(peOffset + 4, true);
  const sectionCount = view.getUint16(peOffset + 6, true);
  const optionalSize = view.getUint16(peOffset + 20, true);
  const optional = peOffset + 24;
  const machine = MACHINES[machineCode] ?? 'other';
  need(optional, Math.max(optionalSize, 2), 'optional header');
  const magic = view.getUint16(optional, true);
  if (magic !== PE32 && magic !== PE32_PLUS) throw new PeFormatError(`unknown optional header magic 0x${magic.toString(16)}`);
  const directoriesAt = optional + (magic === PE32_PLUS ? 112 : 96);
  const directoryCount = view.getUint32(optional + (magic === PE32_PLUS ? 108 : 92), true);
  if (directoryCount < 1 || directoriesAt + 8 > optional + optionalSize) return { machine, machineCode, exportsGetFunctionList: false };
  const exportRva = view.getUint32(directoriesAt, true);
  if (exportRva === 0) return { machine, machineCode, exportsGetFunctionList: false };

  const sections = Array.from({ length: sectionCount }, (_, index) => {
    const at = optional + optionalSize + index * 40;
    need(at, 40, 'section table');
    return { virtualAddress: view.getUint32(at + 12, true), virtualSize: Math.max(view.getUint32(at + 8, true), view.getUint32(at + 16, true)), rawPointer: view.getUint32(at + 20, true) };
  });
  const fileOffset = (rva: number): number => {
    const section = sections.find((candidate) => rva >= candidate.virtualAddress && rva < candidate.virtualAddress + candidate.virtualSize);
    if (!section) throw new PeFormatError(`RVA 0x${rva.toString(16)} is in no section`);
    return rva - section.virtualAddress + section.rawPointer;
  };
  const exportDir = fileOffset(exportRva);
  need(exportDir, 40, 'export directory');
  const nameCount = view.getUint32(exportDir + 24, true);
  const namesAt = fileOffset(view.getUint32(exportDir + 32, true));
  need(namesAt, nameCount * 4, 'export name table');
  const wanted = new TextEncoder().encode('C_GetFunctionList\0');
  for (let index = 0; index < nameCount; index++) {
    const nameAt = fileOffset(view.getUint32(namesAt + index * 4, true));
    if (nameAt + wanted.length <= bytes.byteLength && wanted.every((byte, offset) => bytes[nameAt + offset] === byte)) {
      return { machine, machineCode, exportsGetFunctionList: true };
    }
  }
  return { machine, machineCode, exportsGetFunctionList: false };
}

/** inspectPe on a file. */
export function inspectPeFile(file: string): PeInfo {
  if (statSync(file).size > MAX_FILE_BYTES) throw new PeFormatError('file too large for a PKCS#11 library');
  return inspectPe(readFileSync(file));
}

/** The machine this process can load DLLs of. */
export function processMachine(arch: string = process.arch): PeMachine {
  return arch === 'x64' ? 'x64' : arch === 'arm64' ? 'arm64' : arch === 'ia32' ? 'x86' : 'other';
}

/** Why this process cannot use the DLL `info` describes, or null when it can. */
export function peRefusal(info: PeInfo, machine: PeMachine = processMachine()): string | null {
  if (info.machine !== machine) {
    const found = info.machine === 'other' ? `machine 0x${info.machineCode.toString(16)}` : info.machine;
    return `built for ${found}, but this app runs as ${machine}: install the driver's ${machine === 'x64' ? '64-bit' : machine} version`;
  }
  if (!info.exportsGetFunctionList) return 'does not export C_GetFunctionList: it is not a PKCS#11 library';
  return null;
}
