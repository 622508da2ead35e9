/**
 * What the hub's signing tests share: a test PKI (a CA, a leader's and the agency's certificates)
 * made once per file, a one-page draft PDF, and that PDF signed by one of them as an incremental
 * update (signPdf, as a desk signs).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { signPdf } from '../electron/core/signing/pdf/sign-pdf.js';
import { classicPdf } from './pdf-corpus/classic-pdf.js';
import { makeTestPki, type TestPki, type TestSigner } from './pdf-corpus/test-pki.js';

/** The file's test PKI, made before its tests and removed after them. */
export function useTestPki(): () => TestPki {
  let pki: TestPki | null = null;
  let dir: string | null = null;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-hub-pki-'));
    pki = makeTestPki(dir);
  });
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));
  return () => {
    if (!pki) throw new Error('useTestPki: the PKI is made in beforeAll');
    return pki;
  };
}

/** A one-page PDF whose page says `text` (ASCII). */
export function draftPdf(text: string): Buffer {
  const content = `BT /F1 12 Tf 72 770 Td (${text}) Tj ET`;
  return classicPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>', `<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
}

let signatures = 0;

/** `base` with a signature of `signer` added, each in a field of its own; written in a folder of `tempDir`. */
export async function signedPdf(tempDir: () => Promise<string>, base: Uint8Array, signer: TestSigner, reason = 'Test'): Promise<Buffer> {
  const dir = await tempDir();
  await writeFile(path.join(dir, 'base.pdf'), base);
  await signPdf(path.join(dir, 'base.pdf'), path.join(dir, 'signed.pdf'), { fieldName: `Chữ ký ${++signatures}`, rect: [0, 0, 0, 0], m: new Date(), reason, ...signer });
  return readFile(path.join(dir, 'signed.pdf'));
}
