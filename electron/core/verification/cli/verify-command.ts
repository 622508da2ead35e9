/**
 * What `npm run verify -- FILE.pdf …` does (electron/processes/verify-cli.ts starts it): the app's
 * verification report from the command line, for IT staff.
 */
import { UsageError } from '../../process/usage-error.js';
import { httpRevocationChecker, loadTrustAnchors, offlineRevocationChecker, verifyPdf } from '../index.js';
import type { PdfVerification } from '../../../../shared/api/verification.js';
import { formatReport } from './format-report.js';
import { parseVerifyArgs, VERIFY_USAGE } from './verify-args.js';

/** The exit code: 0 when every file is TOTAL_PASSED, 1 otherwise. */
export async function runVerifyCli(argv: readonly string[]): Promise<number> {
  const command = parseVerifyArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(`${VERIFY_USAGE}\n`);
    return 0;
  }
  const trustAnchors: Uint8Array[] = [];
  for (const source of command.trust) {
    try {
      trustAnchors.push(...(await loadTrustAnchors(source, (file, reason) => process.stderr.write(`verify: trust anchor ${file} skipped: ${reason}\n`))));
    } catch (error) {
      throw new UsageError(`--trust ${source} cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (trustAnchors.length === 0) process.stderr.write('verify: no trust anchor: no certificate chain can be trusted (use --trust)\n');
  // One checker for the run: each CRL is fetched once for all files.
  const revocation = command.offline ? offlineRevocationChecker : httpRevocationChecker();
  const reports: PdfVerification[] = [];
  for (const file of command.files) {
    const report = await verifyPdf(file, { name: file, trustAnchors, revocation });
    reports.push(report);
    if (!command.json) process.stdout.write(`${reports.length > 1 ? '\n' : ''}${formatReport(report)}`);
  }
  if (command.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  return reports.every((report) => report.indication === 'TOTAL_PASSED') ? 0 : 1;
}
