/**
 * Where the Vietnamese token drivers of SPEC §7 install their PKCS#11 DLLs on Windows. Pure:
 * the caller passes `exists`, so it is tested anywhere. System32 holds 64-bit DLLs on 64-bit
 * Windows; SysWOW64 the 32-bit ones, which a 64-bit app cannot load (listed so the UI can say so).
 */
import path from 'node:path';

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
  /** False for 32-bit DLLs: the app is 64-bit. */
  loadable: boolean;
}

export function candidateModules(systemRoot: string, exists: (file: string) => boolean): ModuleCandidate[] {
  const folders = [
    { folder: 'System32', bits: 64 as const },
    { folder: 'SysWOW64', bits: 32 as const },
  ];
  return folders.flatMap(({ folder, bits }) =>
    WINDOWS_MODULE_NAMES.map((name) => ({ path: path.win32.join(systemRoot, folder, name), name, bits, loadable: bits === 64 })).filter((candidate) => exists(candidate.path)),
  );
}
