/**
 * One signing in its own process, so that its peak RSS (VmHWM) is its own: ours (signPdf, the
 * token through TokenService, in-process as the signer process runs it) or the peer
 * (@signpdf/signpdf + @signpdf/placeholder-pdf-lib + @signpdf/signer-p12, the whole file in memory).
 */
import { readFileSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { SignPdf } from '@signpdf/signpdf';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { PDFDocument } from 'pdf-lib';
import { TokenService } from '../electron/core/signing/pkcs11/token-service.js';
import { userTempDirs } from '../electron/core/signing/pkcs11/module-location.js';
import { signPdf } from '../electron/core/signing/pdf/sign-pdf.js';
import { nowMs, peakRss } from './lib.js';
import type { SignJob, SignResult } from './sign-protocol.js';

const m = new Date('2026-03-12T02:15:30Z');

async function ours(job: SignJob): Promise<void> {
  const service = TokenService.load(job.module, { dataDir: null, tempDirs: userTempDirs() });
  try {
    const token = service.listTokens().find((candidate) => candidate.label === job.tokenLabel);
    if (!token) throw new Error(`no token ${job.tokenLabel}`);
    const certificates = job.certificateFiles.map((file) => new Uint8Array(readFileSync(file)));
    await signPdf(job.input, job.output, {
      fieldName: 'Lãnh đạo ký',
      rect: [300, 120, 500, 200],
      m,
      certificates,
      signer: async (data) => service.sign({ slot: token.slot, certificateId: job.certificateId, pin: new TextEncoder().encode(job.pin), data, mechanism: 'SHA256_RSA_PKCS' }),
    });
  } finally {
    service.close();
  }
}

async function peer(job: SignJob): Promise<void> {
  const pdfDoc = await PDFDocument.load(await readFile(job.input));
  pdflibAddPlaceholder({
    pdfDoc,
    reason: 'bench',
    contactInfo: '',
    name: 'Lãnh đạo ký',
    location: '',
    signingTime: m,
    subFilter: 'ETSI.CAdES.detached',
    widgetRect: [300, 120, 500, 200],
  });
  const withPlaceholder = Buffer.from(await pdfDoc.save({ useObjectStreams: false }));
  const signer = new P12Signer(await readFile(job.p12), { passphrase: job.passphrase });
  const signed = await new SignPdf().sign(withPlaceholder, signer, m);
  await writeFile(job.output, signed, { flush: true });
}

process.once('message', (job: SignJob) => {
  void (async () => {
    let result: SignResult;
    try {
      const started = nowMs();
      await (job.kind === 'ours' ? ours(job) : peer(job));
      result = { type: 'done', ms: nowMs() - started, peakRssBytes: peakRss(process.pid), outputBytes: statSync(job.output).size };
    } catch (error) {
      result = { type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    process.send!(result, () => process.exit(0));
  })();
});
