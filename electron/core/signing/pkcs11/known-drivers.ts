/**
 * The token drivers VanThu knows by name: who publishes each (shown beside the path, as a clerk
 * or IT staff recognise a vendor before a folder), and where the Linux ones install. The Windows
 * names and folders are in windows-modules.ts.
 */
import path from 'node:path';
import type { ModuleCandidate } from './windows-modules.js';

const PUBLISHERS: readonly [RegExp, string][] = [
  [/^vnpt/i, 'VNPT-CA'],
  [/^viettel-ca/i, 'Viettel-CA'],
  [/^fpt-ca/i, 'FPT-CA'],
  [/^bkavca/i, 'BKAV-CA'],
  [/^ca2_/i, 'CA2 (Nacencomm)'],
  [/^safe-ca/i, 'SAFE-CA'],
  [/^vina-ca/i, 'VINA-CA'],
  [/^newca/i, 'NewCA'],
  [/^misaca/i, 'MISA-CA'],
  [/^etpkcs11/i, 'Thales (SafeNet eToken)'],
  [/^idprime/i, 'Thales (IDPrime)'],
  [/^eps2003csp11/i, 'Feitian (ePass2003)'],
  [/^wdpkcs/i, 'WatchData'],
  [/^bit4xpki/i, 'Bit4id'],
  [/^libsofthsm2/i, 'SoftHSM2 (OpenDNSSEC)'],
  [/^opensc-pkcs11/i, 'OpenSC'],
];

/** The publisher of a known driver by its file name, or null. */
export function driverPublisher(file: string): string | null {
  const name = path.win32.basename(file);
  return PUBLISHERS.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

/** Where Debian and Ubuntu install the PKCS#11 libraries VanThu knows, first found first used. */
const LINUX_DRIVERS = ['/usr/lib/softhsm/libsofthsm2.so', ...['x86_64-linux-gnu', 'aarch64-linux-gnu'].flatMap((triplet) => [`/usr/lib/${triplet}/softhsm/libsofthsm2.so`, `/usr/lib/${triplet}/opensc-pkcs11.so`])];

export function linuxCandidates(exists: (file: string) => boolean): ModuleCandidate[] {
  return LINUX_DRIVERS.filter((file) => exists(file)).map((file) => ({ path: file, name: path.basename(file), bits: 64, loadable: true, reason: null }));
}
