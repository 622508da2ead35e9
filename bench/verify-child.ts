/** The in-process side of `npm run bench -- verify`: verifyPdf over every file, one revocation checker (CRLs cached) for the run. */
import { readFileSync } from 'node:fs';
import { httpRevocationChecker, verifyPdf } from '../electron/core/verification/index.js';
import { nowMs, peakRss } from './lib.js';
import type { VerifyJob, VerifyResult } from './verify-protocol.js';

process.once('message', (job: VerifyJob) => {
  void (async () => {
    let result: VerifyResult;
    try {
      const trustAnchors = [new Uint8Array(readFileSync(job.anchorFile))];
      const revocation = httpRevocationChecker();
      let passed = 0;
      const started = nowMs();
      for (const file of job.files) {
        const report = await verifyPdf(file, { name: file, trustAnchors, revocation });
        if (report.indication === 'TOTAL_PASSED') passed++;
      }
      result = { type: 'done', ms: nowMs() - started, peakRssBytes: peakRss(process.pid), passed };
    } catch (error) {
      result = { type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    process.send!(result, () => process.exit(0));
  })();
});
