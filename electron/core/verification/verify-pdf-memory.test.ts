import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeLargePdf } from '../../../test/pdf-corpus/corpus.js';
import { makeTestPki } from '../../../test/pdf-corpus/test-pki.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { signPdf } from '../signing/pdf/sign-pdf.js';
import { offlineRevocationChecker, verifyPdf } from './index.js';

const tempDir = useTempDirs();

describe('verifyPdf on a large file', () => {
  it('verifies a signed 60 MB PDF with flat memory', async () => {
    const dir = await tempDir();
    const pki = makeTestPki(dir);
    const input = path.join(dir, 'large.pdf');
    await makeLargePdf(input, 60);
    const signed = path.join(dir, 'signed.pdf');
    await signPdf(input, signed, { fieldName: 'Agency', rect: [0, 0, 0, 0], m: new Date(), ...pki.agency });

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    let report;
    try {
      report = await verifyPdf(signed, { name: 'signed.pdf', trustAnchors: [pki.caDer], revocation: offlineRevocationChecker });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`RSS growth while verifying 60 MB: ${((peak - baseline) / 1048576).toFixed(1)} MB`);
    expect(peak - baseline).toBeLessThan(16 * 1024 * 1024);
    // Everything but revocation (offline) checked over the whole file.
    expect(report.signatures[0]!.checks).toMatchObject({ integrity: true, cryptographic: true, chainTrusted: true, revocation: 'not_checked' });
    expect(report.signatures[0]!.coversWholeDocument).toBe(true);
  }, 120_000);
});
