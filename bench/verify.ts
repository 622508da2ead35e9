/**
 * `verify`: 1,000 PDFs, each signed twice (leader, then agency) with the test PKI, verified by
 * ours (verifyPdf: digest from disk, CMS, chain, CRL from a loopback server, change rules) and by
 * poppler's pdfsig on the same files in the same run. Ours runs in-process in a forked child (as
 * the app verifies a package) and, on a sample, as one CLI process per file like pdfsig; Node's
 * own start-up (`node -e 0`) is timed on the same sample, as the floor of any Node CLI.
 * Generation is not timed. Goals: in-process ≥ 1.5× pdfsig's documents/s; the CLI, one process
 * per file, no slower per file than pdfsig.
 */
import { execFile, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { signPdf } from '../electron/core/signing/pdf/sign-pdf.js';
import { classicPdf } from '../test/pdf-corpus/classic-pdf.js';
import { startCrlServer } from '../test/pdf-corpus/crl-server.js';
import { makeTestPki } from '../test/pdf-corpus/test-pki.js';
import { goal, log, mib, ms, nowMs, ratio, table, withTempDir, type BenchOptions } from './lib.js';
import type { VerifyJob, VerifyResult } from './verify-protocol.js';

const DOCUMENTS = 1000;
/** One process per file is dominated by Node's start-up; a sample shows its rate. */
const PER_PROCESS_SAMPLE = 100;
const GOAL_IN_PROCESS_RATIO = 1.5;

const DIST = path.resolve(__dirname, '..');
const CHILD_BUNDLE = path.join(DIST, 'bench', 'verify-child.cjs');
const CLI_BUNDLE = path.join(DIST, 'core', 'verify-cli.cjs');
const run = promisify(execFile);

export async function verifyBench(_options: BenchOptions): Promise<boolean> {
  for (const bundle of [CHILD_BUNDLE, CLI_BUNDLE]) if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run bench -- verify\``);
  log(`== verify: ${DOCUMENTS} PDFs with two signatures each, ours (verifyPdf) vs pdfsig (poppler) on the same files`);
  const crlServer = await startCrlServer();
  try {
    return await withTempDir('vanthu-bench-verify-', async (dir) => {
      const generated = nowMs();
      const pki = makeTestPki(dir, { crlUrl: crlServer.url });
      crlServer.crl = pki.crl();
      const caDer = path.join(dir, 'ca.der');
      await writeFile(caDer, pki.caDer);
      const files: string[] = [];
      for (let i = 0; i < DOCUMENTS; i++) files.push(await makeSignedPdf(dir, i, pki));
      log(`setup: ${DOCUMENTS} PDFs generated and signed in ${ms(nowMs() - generated)} ms (not timed below); CRL served on ${crlServer.url}`);

      const child = path.join(dir, 'verify-child.cjs');
      await copyFile(CHILD_BUNDLE, child);
      const ours = await verifyInChild(child, { type: 'verify', files, anchorFile: caDer });
      const sample = files.slice(0, PER_PROCESS_SAMPLE);
      const perProcess = await timeEach(sample, async (file) => {
        const { stdout } = await run(process.execPath, [CLI_BUNDLE, file, '--trust', caDer, '--json']);
        return (JSON.parse(stdout) as { indication: string }[])[0]!.indication === 'TOTAL_PASSED';
      });
      const nodeAlone = await timeEach(sample, async () => (await run(process.execPath, ['-e', '0'])).stderr === '');
      const oneCall = nowMs();
      const { stdout } = await run(process.execPath, [CLI_BUNDLE, ...sample, '--trust', caDer, '--json'], { maxBuffer: 64 * 1024 * 1024 });
      const batch = { ms: nowMs() - oneCall, valid: (JSON.parse(stdout) as { indication: string }[]).filter((report) => report.indication === 'TOTAL_PASSED').length };
      const pdfsig = await timeEach(files, async (file) => pdfsigValid(file));

      const rate = (count: number, elapsed: number) => (count / (elapsed / 1000)).toFixed(1);
      log();
      log(table(['verifier', 'files', 'total ms', 'documents/s', 'valid', 'peak RSS'], [
        ['ours, in-process (one forked child)', String(DOCUMENTS), ms(ours.ms), rate(DOCUMENTS, ours.ms), String(ours.passed), ours.peakRssBytes === null ? 'n/a' : mib(ours.peakRssBytes)],
        ['ours, one CLI process per file', String(PER_PROCESS_SAMPLE), ms(perProcess.ms), rate(PER_PROCESS_SAMPLE, perProcess.ms), String(perProcess.valid), 'n/a'],
        ['ours, one CLI process for the sample', String(PER_PROCESS_SAMPLE), ms(batch.ms), rate(PER_PROCESS_SAMPLE, batch.ms), String(batch.valid), 'n/a'],
        ['node -e 0 (start-up alone), per process', String(PER_PROCESS_SAMPLE), ms(nodeAlone.ms), rate(PER_PROCESS_SAMPLE, nodeAlone.ms), '-', 'n/a'],
        ['pdfsig, one process per file', String(DOCUMENTS), ms(pdfsig.ms), rate(DOCUMENTS, pdfsig.ms), String(pdfsig.valid), 'n/a'],
      ], new Set([1, 2, 3, 4])));
      log();
      const inProcessRatio = (DOCUMENTS / ours.ms) / (DOCUMENTS / pdfsig.ms);
      const perProcessRatio = (PER_PROCESS_SAMPLE / perProcess.ms) / (DOCUMENTS / pdfsig.ms);
      const perFile = { ours: perProcess.ms / PER_PROCESS_SAMPLE, node: nodeAlone.ms / PER_PROCESS_SAMPLE, pdfsig: pdfsig.ms / DOCUMENTS };
      log(`documents/s ours in-process / pdfsig ${ratio(inProcessRatio)}; ours per process / pdfsig ${ratio(perProcessRatio)}`);
      log(`per file: ours ${ms(perFile.ours)} ms per CLI process, of which Node's start-up alone takes ${ms(perFile.node)} ms; pdfsig ${ms(perFile.pdfsig)} ms`);
      log('valid: ours counts TOTAL_PASSED (integrity, signature, chain to the test CA, validity, key usage, CRL good, no disallowed change);');
      log('pdfsig counts files whose both signatures say "Signature is Valid" (it does not trust the test CA and checks no CRL).');
      const allValid = ours.passed === DOCUMENTS && perProcess.valid === PER_PROCESS_SAMPLE && batch.valid === PER_PROCESS_SAMPLE && pdfsig.valid === DOCUMENTS;
      if (!allValid) log('NOT every file was found valid by every verifier: see the valid column.');
      const inProcessPass = allValid && inProcessRatio >= GOAL_IN_PROCESS_RATIO;
      const perFilePass = allValid && perFile.ours <= perFile.pdfsig;
      log();
      log(goal('verify-in-process', `${ratio(inProcessRatio)} pdfsig (${rate(DOCUMENTS, ours.ms)} vs ${rate(DOCUMENTS, pdfsig.ms)} documents/s)`, `≥ ${GOAL_IN_PROCESS_RATIO}× pdfsig`, inProcessPass));
      log(goal('verify-cli-per-file', `${ms(perFile.ours)} ms per file vs pdfsig ${ms(perFile.pdfsig)} ms`, '≤ pdfsig per file', perFilePass));
      return inProcessPass && perFilePass;
    });
  } finally {
    await crlServer.close();
  }
}

/** A one-page PDF with its own text, signed by the leader and then the agency (invisible signatures). */
async function makeSignedPdf(dir: string, index: number, pki: ReturnType<typeof makeTestPki>): Promise<string> {
  const content = `BT /F1 14 Tf 72 770 Td (Quyet dinh so ${index + 1}/QD-UBND) Tj ET`;
  const file = path.join(dir, `doc-${String(index).padStart(4, '0')}.pdf`);
  await writeFile(file, classicPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>',
  ]));
  const m = new Date();
  await signPdf(file, file, { fieldName: 'Lãnh đạo ký', rect: [0, 0, 0, 0], m, contentsBytes: 8192, ...pki.leader });
  await signPdf(file, file, { fieldName: 'Cơ quan ký', rect: [0, 0, 0, 0], m, contentsBytes: 8192, ...pki.agency });
  return file;
}

async function timeEach(files: string[], check: (file: string) => Promise<boolean>): Promise<{ ms: number; valid: number }> {
  let valid = 0;
  const started = nowMs();
  for (const file of files) if (await check(file)) valid++;
  return { ms: nowMs() - started, valid };
}

async function pdfsigValid(file: string): Promise<boolean> {
  let report: string;
  try {
    report = (await run('pdfsig', [file])).stdout;
  } catch (error) {
    // pdfsig exits non-zero for the untrusted test CA; the report is still on stdout.
    report = String((error as { stdout?: string }).stdout ?? '');
  }
  return (report.match(/Signature is Valid/g) ?? []).length === 2;
}

function verifyInChild(child: string, job: VerifyJob): Promise<{ ms: number; peakRssBytes: number | null; passed: number }> {
  return new Promise((resolve, reject) => {
    const process_ = fork(child, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: VerifyResult | null = null;
    process_.once('message', (message: VerifyResult) => (result = message));
    process_.once('error', reject);
    process_.once('exit', (code) => {
      if (!result) return reject(new Error(`the verifying child exited (${code}) without a result`));
      if (result.type === 'failed') return reject(new Error(`verification failed: ${result.message}`));
      resolve(result);
    });
    process_.send(job);
  });
}
