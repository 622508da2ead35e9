/**
 * Where the Vietnamese token drivers of docs/formats.md#certificates install their PKCS#11 DLLs on Windows. Pure:
 * the caller passes `exists`, so it is tested anywhere. System32 holds 64-bit DLLs on 64-bit
 * Windows; SysWOW64 the 32-bit ones, which a 64-bit app cannot load (listed so the UI can say so).
 */
import path from 'node:path';
import { inspectPeFile, peRefusal, processMachine, type PeInfo, type PeMachine } from './pe-check.js';

export const WINDOWS_MODULE_NAMES = [
  'vnpt-ca_csp11.dll', 'vnptca_p11_v8.dll', 'vnptca_p11_v10.dll', 'VNPT-CA_v34.dll', 'viettel-ca_v6.dll', 'viettel-ca.dll',
  'fpt-ca.dll', 'fpt-ca_v4.dll', 'BkavCA.dll', 'st3csp11.dll', 'CA2_csp11.dll', 'CA2_v34.dll', 'safe-ca.dll', 'vina-ca_v5.dll',
  'newca_v4.dll', 'misaca_csp11_v2.dll', 'eTPKCS11.dll', 'eps2003csp11.dll', 'ShuttleCsp11_3003.dll', 'wdpkcs.dll', 'bit4xpki.dll',
  'IDPrimePKCS1164.dll',
] as const;

export interface ModuleCandidate {
  path: string;
  name: string;
  bits: 64 | 32;
  /** False when the DLL cannot be loaded by this app: wrong bitness or no C_GetFunctionList (docs/formats.md#certificates). */
  loadable: boolean;
  /** Why it is not loadable, or null. */
  reason: string | null;
}

export interface CandidateChecks {
  /** Reads the DLL's PE headers (inspectPeFile by default); throws when the file is not a PE. */
  inspect?: (file: string) => PeInfo;
  /** The machine this process loads DLLs of (process.arch by default). */
  machine?: PeMachine;
}

export function candidateModules(systemRoot: string, exists: (file: string) => boolean, checks: CandidateChecks = {}): ModuleCandidate[] {
  const inspect = checks.inspect ?? inspectPeFile;
  const machine = checks.machine ?? processMachine();
  const folders = [
    { folder: 'System32', bits: 64 as const },
    { folder: 'SysWOW64', bits: 32 as const },
  ];
  return folders.flatMap(({ folder, bits }) =>
    WINDOWS_MODULE_NAMES.map((name) => path.win32.join(systemRoot, folder, name))
      .filter((file) => exists(file))
      .map((file) => {
        const reason = refusal(file, inspect, machine);
        return { path: file, name: path.win32.basename(file), bits, loadable: reason === null, reason };
      }),
  );
}

function refusal(file: string, inspect: (file: string) => PeInfo, machine: PeMachine): string | null {
  try {
    return peRefusal(inspect(file), machine);
  } catch (error) {
    return `cannot be read as a DLL: ${error instanceof Error ? error.message : String(error)}`;
  }
}
