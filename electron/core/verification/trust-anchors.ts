/** Trust anchors from a folder: every PEM or DER certificate in it; a bad file is reported, not fatal. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { pemOrDer } from './revocation.js';

export type BadAnchorReport = (file: string, reason: string) => void;

const warn: BadAnchorReport = (file, reason) => process.emitWarning(`trust anchor ${file} skipped: ${reason}`);

/** `source` is a folder or a single certificate file. */
export async function loadTrustAnchors(source: string, report: BadAnchorReport = warn): Promise<Uint8Array[]> {
  let files: string[];
  try {
    const entries = await readdir(source, { withFileTypes: true });
    files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(source, entry.name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
    files = [source];
  }
  const anchors: Uint8Array[] = [];
  for (const file of files) {
    try {
      const text = (await readFile(file)).toString('latin1');
      // A PEM bundle may hold several certificates.
      const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map((match) => pemOrDer(Buffer.from(match[0], 'latin1')));
      const ders = blocks.length > 0 ? blocks : [new Uint8Array(Buffer.from(text, 'latin1'))];
      for (const der of ders) {
        pkijs.Certificate.fromBER(der);
        anchors.push(der);
      }
    } catch (error) {
      report(file, error instanceof Error ? error.message : String(error));
    }
  }
  return anchors;
}
