/**
 * `sign`: PAdES-sign a 1 MB and a 100 MB PDF with ours (signPdf: incremental update, digest
 * streamed from disk, the key on the SoftHSM2 LEADER token through TokenService) and with the peer
 * (@signpdf/signpdf + @signpdf/placeholder-pdf-lib + @signpdf/signer-p12 on the same file and the
 * same key as a .p12), each signing in its own forked process. Time and peak RSS (VmHWM).
 */
import { execFile, execFileSync, fork } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { goal, log, mib, ms, ratio, table, withTempDir, type BenchOptions } from './lib.js';
import type { SignJob, SignResult } from './sign-protocol.js';

const GOAL_SPEEDUP = 3;
const GOAL_RSS_BYTES = 150 * 1024 * 1024;
const SIZES_MB = [1, 100];
const RUNS: Record<number, number> = { 1: 5, 100: 2 };
const PASSPHRASE = 'bench';

/** dist/, where this bundle (dist/bench/run.cjs) lives; the repository above it. */
const DIST = path.resolve(__dirname, '..');
const ROOT = path.resolve(DIST, '..');
const CHILD_BUNDLE = path.join(DIST, 'bench', 'sign-child.cjs');

interface Manifest {
  module: string;
  conf: string;
  caCertificate: string;
  tokens: { label: string; userPin: string; certificates: { name: string; id: string; certificate: string; privateKey: string }[] }[];
}

interface Measured {
  ms: number;
  peakRssBytes: number | null;
  valid: boolean;
}

export async function signBench(_options: BenchOptions): Promise<boolean> {
  if (!existsSync(CHILD_BUNDLE)) throw new Error(`${CHILD_BUNDLE} is missing: run \`npm run bench -- sign\``);
  log('== sign: PAdES signature of a 1 MB and a 100 MB PDF, each signing in its own forked process');
  return withTempDir('vanthu-bench-sign-', async (dir) => {
    const child = path.join(dir, 'sign-child.cjs');
    await copyFile(CHILD_BUNDLE, child);
    const manifest = await makeTokens(dir);
    const leaderToken = manifest.tokens.find((token) => token.label === 'LEADER')!;
    const leader = leaderToken.certificates.find((certificate) => certificate.name === 'leader')!;
    const leaderDer = path.join(dir, 'leader.der');
    const caDer = path.join(dir, 'ca.der');
    execFileSync('openssl', ['x509', '-in', leader.certificate, '-outform', 'DER', '-out', leaderDer]);
    execFileSync('openssl', ['x509', '-in', manifest.caCertificate, '-outform', 'DER', '-out', caDer]);
    // The same key and chain for the peer; PBE-SHA1-3DES because node-forge reads that form.
    const p12 = path.join(dir, 'leader.p12');
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', leader.privateKey, '-in', leader.certificate, '-certfile', manifest.caCertificate,
      '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-passout', `pass:${PASSPHRASE}`, '-out', p12]);
    log(`setup: SoftHSM2 tokens from scripts/make-test-tokens.mjs; LEADER certificate ${leader.id} (RSA 2048); the peer gets the same key and chain as a .p12`);
    log('note: the peer signs with the software key from the .p12: @signpdf has no PKCS#11 signer; ours signs on the SoftHSM2 token.');

    const rows: string[][] = [];
    const results: Record<string, { ours: Measured; peer: Measured }> = {};
    for (const size of SIZES_MB) {
      const input = path.join(dir, `in-${size}mb.pdf`);
      await makePaddedPdf(input, size);
      const job = (kind: SignJob['kind'], run: number): SignJob => ({
        type: 'sign', kind, input, output: path.join(dir, `${kind}-${size}mb-${run}.pdf`), module: manifest.module, tokenLabel: 'LEADER',
        certificateId: leader.id, pin: leaderToken.userPin, certificateFiles: [leaderDer, caDer], p12, passphrase: PASSPHRASE,
      });
      const oursRuns: Measured[] = [];
      const peerRuns: Measured[] = [];
      for (let run = 0; run < RUNS[size]!; run++) {
        // Alternate which goes first, so neither always gets the warmer page cache.
        const order: SignJob['kind'][] = run % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
        for (const kind of order) {
          const measured = await signInChild(child, manifest.conf, job(kind, run));
          (kind === 'ours' ? oursRuns : peerRuns).push(measured);
        }
      }
      const ours = combine(oursRuns);
      const peer = combine(peerRuns);
      results[size] = { ours, peer };
      const rss = (value: number | null) => (value === null ? 'n/a' : mib(value));
      rows.push([`${size} MB`, 'ours: signPdf + TokenService (SoftHSM2)', String(oursRuns.length), ms(ours.ms), rss(ours.peakRssBytes), ours.valid ? 'yes' : 'NO']);
      rows.push([`${size} MB`, 'peer: @signpdf + placeholder-pdf-lib + signer-p12', String(peerRuns.length), ms(peer.ms), rss(peer.peakRssBytes), peer.valid ? 'yes' : 'NO']);
    }
    log();
    log(table(['file', 'signer', 'runs', 'median ms', 'peak RSS (VmHWM, max)', 'pdfsig valid'], rows, new Set([2, 3, 4])));
    log();
    for (const size of SIZES_MB) {
      const { ours, peer } = results[size]!;
      const rssRatio = ours.peakRssBytes && peer.peakRssBytes ? `, peak RSS peer / ours ${ratio(peer.peakRssBytes / ours.peakRssBytes)}` : '';
      log(`${size} MB: time peer / ours ${ratio(peer.ms / ours.ms)}${rssRatio}`);
    }
    log('time: inside each child, from the start of the signing to the signed file written and fsynced (process start and module load not counted);');
    log('ours: copy, incremental update appended, digest streamed over the byte ranges, sign on the token; peer: whole file read, parsed and rewritten by pdf-lib.');

    const big = results[100]!;
    const speedup = big.peer.ms / big.ours.ms;
    const oursValid = Object.values(results).every(({ ours }) => ours.valid);
    if (Object.values(results).some(({ peer }) => !peer.valid)) {
      log('peer validity: on these Vietnamese (UTF-8) certificate names the peer\'s CMS does not verify (openssl cms -verify: "signer certificate not found",');
      log('pdfsig: "Unknown Validation Failure"); it does all of its work (parse, rewrite, hash, sign), so its time still stands, but its output is unusable.');
    }
    const speedPass = speedup >= GOAL_SPEEDUP && oursValid;
    const rssPass = big.ours.peakRssBytes !== null && big.ours.peakRssBytes < GOAL_RSS_BYTES && big.ours.valid;
    log();
    log(goal('sign-100MB-speed', `ours ${ratio(speedup)} faster than the peer`, `≥ ${GOAL_SPEEDUP}×`, speedPass));
    log(goal('sign-100MB-rss', `ours ${big.ours.peakRssBytes === null ? 'n/a' : mib(big.ours.peakRssBytes)} peak RSS (peer ${big.peer.peakRssBytes === null ? 'n/a' : mib(big.peer.peakRssBytes)})`, '< 150 MB', rssPass));
    return speedPass && rssPass;
  });
}

async function makeTokens(dir: string): Promise<Manifest> {
  const out = path.join(dir, 'tokens');
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts', 'make-test-tokens.mjs'), '--out', out]);
  return JSON.parse(await readFile(path.join(out, 'tokens.json'), 'utf8')) as Manifest;
}

/** Median time, worst peak RSS; valid only if every output passed pdfsig. */
function combine(runs: Measured[]): Measured {
  const times = runs.map((run) => run.ms).sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  const median = times.length % 2 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
  const peaks = runs.map((run) => run.peakRssBytes).filter((value): value is number => value !== null);
  return { ms: median, peakRssBytes: peaks.length ? Math.max(...peaks) : null, valid: runs.every((run) => run.valid) };
}

function signInChild(child: string, softhsmConf: string, job: SignJob): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const process_ = fork(child, [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, SOFTHSM2_CONF: softhsmConf, NODE_PATH: path.join(ROOT, 'node_modules') },
    });
    let result: SignResult | null = null;
    process_.once('message', (message: SignResult) => (result = message));
    process_.once('error', reject);
    process_.once('exit', (code) => {
      if (!result) return reject(new Error(`the ${job.kind} child exited (${code}) without a result`));
      if (result.type === 'failed') return reject(new Error(`${job.kind} failed to sign: ${result.message}`));
      resolve({ ms: result.ms, peakRssBytes: result.peakRssBytes, valid: pdfsigValid(job.output) });
    });
    process_.send(job);
  });
}

function pdfsigValid(file: string): boolean {
  let report: string;
  try {
    report = execFileSync('pdfsig', [file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    // pdfsig exits non-zero for the untrusted test CA; the report is still on stdout.
    report = String((error as { stdout?: string }).stdout ?? '');
  }
  return report.includes('Signature is Valid') && report.includes('Total document signed');
}

/** A one-page PDF padded with an incompressible-size stream object of `megabytes` MiB. */
async function makePaddedPdf(file: string, megabytes: number): Promise<void> {
  const content = 'BT /F1 14 Tf 72 770 Td (Quyet dinh ve viec thu nghiem) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /Pad 6 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>',
  ];
  const padding = megabytes * 1024 * 1024;
  const offsets: number[] = [];
  let head = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(head, 'latin1'));
    head += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  offsets.push(Buffer.byteLength(head, 'latin1'));
  head += `6 0 obj\n<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Length ${padding} >>\nstream\n`;
  const tailStart = Buffer.byteLength(head, 'latin1') + padding;
  let tail = '\nendstream\nendobj\n';
  const xref = tailStart + tail.length;
  tail += `xref\n0 7\n0000000000 65535 f\r\n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n\r\n`).join('')}`;
  tail += `trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  async function* chunks(): AsyncGenerator<Buffer> {
    yield Buffer.from(head, 'latin1');
    // Bytes that look like a content stream (spaces), so no viewer chokes on the padding.
    const block = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < megabytes; i++) yield block;
    yield Buffer.from(tail, 'latin1');
  }
  await pipeline(chunks, createWriteStream(file));
}
