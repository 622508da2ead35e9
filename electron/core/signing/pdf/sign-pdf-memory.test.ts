import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { makeLargePdf } from '../../../../test/pdf-corpus/corpus.js';
import { makeTestPki } from '../../../../test/pdf-corpus/test-pki.js';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { signPdf } from './sign-pdf.js';
import { readSignatures } from '../../pdf/signatures.js';

const tempDir = useTempDirs();

function pdfsigReport(file: string): string {
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    // pdfsig exits non-zero for an untrusted test CA; the report is still on stdout.
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

describe('signPdf on a large file', () => {
  it('signs a 60 MB PDF with flat memory', async () => {
    const dir = await tempDir();
    const pki = makeTestPki(dir);
    const input = path.join(dir, 'large.pdf');
    await makeLargePdf(input, 60);
    expect((await stat(input)).size).toBeGreaterThan(60 * 1024 * 1024);

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    const output = path.join(dir, 'signed.pdf');
    try {
      await signPdf(input, output, { fieldName: 'Agency', rect: [0, 0, 0, 0], m: new Date(), ...pki.agency });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`RSS growth while signing 60 MB: ${((peak - baseline) / 1048576).toFixed(1)} MB`);
    expect(peak - baseline).toBeLessThan(16 * 1024 * 1024);

    const [signature] = await readSignatures(output);
    const size = (await stat(output)).size;
    expect(signature!.byteRange.at(2)! + signature!.byteRange.at(3)!).toBe(size);
    expect(pdfsigReport(output)).toContain('Signature is Valid');
  }, 120_000);
});
