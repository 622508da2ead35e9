/**
 * Trust anchors from a folder: every PEM or DER certificate in it; a bad file is reported, not
 * fatal. Hidden files (an add in progress writes `.<uuid>.tmp`) are not anchors.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCertificate } from './certificates.js';
import { readElement } from './der-walk.js';

export type BadAnchorReport = (file: string, reason: string) => void;

/** The bytes are not one or more X.509 certificates (PEM or DER). */
export class NotACertificate extends Error {}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g;

/** The DER certificates of a PEM file (any number of blocks) or of a DER file (exactly one). */
export function certificatesIn(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  const blocks = [...text.matchAll(PEM_BLOCK)].map((match) => new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')));
  if (blocks.length === 0 && text.includes('-----BEGIN')) throw new NotACertificate('The PEM file holds no CERTIFICATE block (a key or a request?).');
  const ders = blocks.length > 0 ? blocks : [bytes];
  for (const der of ders) checkCertificate(der);
  return ders;
}

function checkCertificate(der: Uint8Array): void {
  try {
    parseCertificate(der);
  } catch (error) {
    throw new NotACertificate(`Not an X.509 certificate: ${error instanceof Error ? error.message : String(error)}.`);
  }
  // The parser reads the first element only: trailing bytes mean a different kind of file.
  let end = -1;
  try {
    end = readElement(der, 0).end;
  } catch {
    // Not DER at all: reported below.
  }
  if (end !== der.byteLength) throw new NotACertificate('Not an X.509 certificate: bytes follow the certificate, or it is not DER.');
}

const warn: BadAnchorReport = (file, reason) => process.emitWarning(`trust anchor ${file} skipped: ${reason}`);

/** `source` is a folder or a single certificate file. */
export async function loadTrustAnchors(source: string, report: BadAnchorReport = warn): Promise<Uint8Array[]> {
  let files: string[];
  try {
    const entries = await readdir(source, { withFileTypes: true });
    files = entries
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => path.join(source, entry.name))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
    files = [source];
  }
  const anchors: Uint8Array[] = [];
  for (const file of files) {
    try {
      anchors.push(...certificatesIn(new Uint8Array(await readFile(file))));
    } catch (error) {
      report(file, error instanceof Error ? error.message : String(error));
    }
  }
  return anchors;
}
