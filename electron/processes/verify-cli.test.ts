import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfVerification } from '../../shared/api/verification.js';
import { startCrlServer, type CrlServer } from '../../test/pdf-corpus/crl-server.js';
import { issueDocument } from '../../test/pdf-corpus/issue-flow.js';
import { makeTestPki, type TestPki } from '../../test/pdf-corpus/test-pki.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let cli: string;
let pki: TestPki;
let crlServer: CrlServer;
let issued: string;
let flipped: string;

/** The CLI bundled as scripts/build.mjs bundles it, into a private folder (dist/ may be rebuilt meanwhile). */
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-verify-cli-'));
  cli = path.join(dir, 'verify-cli.cjs');
  crlServer = await startCrlServer();
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['electron/processes/verify-cli.ts'],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron', 'better-sqlite3', 'graphene-pk11', 'pkcs11js'],
    logLevel: 'warning',
  });
  pki = makeTestPki(dir, { crlUrl: crlServer.url });
  crlServer.crl = pki.crl();
  const signers = {
    leader: pki.issue('vn-leader', '/C=VN/O=Ủy ban nhân dân tỉnh Thử Nghiệm/CN=Nguyễn Văn Lãnh Đạo', { crlUrl: crlServer.url }),
    agency: pki.issue('vn-agency', '/C=VN/O=Ủy ban nhân dân tỉnh Thử Nghiệm/CN=Ủy ban nhân dân tỉnh Thử Nghiệm', { crlUrl: crlServer.url }),
  };
  ({ issued } = await issueDocument(path.join(ROOT, 'assets', 'sample.pdf'), dir, signers, { m: new Date() }));
  const bytes = await readFile(issued);
  // Inside the first byte range: the second byte of the header comment.
  bytes[1] = bytes[1]! ^ 0x01;
  flipped = path.join(dir, 'flipped.pdf');
  await writeFile(flipped, bytes);
}, 60_000);
afterAll(async () => {
  await crlServer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function run(args: string[], nodeArgs: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run verify', () => {
  it('loads TLS only for a run that fetches over https: offline, or with an http CRL, it never does', async () => {
    // Loading node:https (TLS) is a good part of a CLI process's start-up, paid once per file.
    const probe = path.join(dir, 'report-tls.cjs');
    await writeFile(probe, "process.on('exit', () => process.stderr.write(`tls loaded: ${process.moduleLoadList.some((name) => / tls$/.test(name))}\\n`));\n");
    for (const args of [[issued, '--trust', pki.caFile, '--offline'], [issued, '--trust', pki.caFile]]) {
      const { code, stderr } = await run(args, ['--require', probe]);
      expect(code, stderr).toBe(args.includes('--offline') ? 1 : 0);
      expect(stderr, args.join(' ')).toContain('tls loaded: false');
    }
  });

  it('prints the report of a valid document and exits 0', async () => {
    const { code, stdout, stderr } = await run([issued, '--trust', pki.caFile]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('issued.pdf  TOTAL_PASSED');
    expect(stdout).toContain('Signature 1 of 2 "Lãnh đạo ký"  TOTAL_PASSED');
    expect(stdout).toContain('signer       Nguyễn Văn Lãnh Đạo');
    expect(stdout).toContain('organisation Ủy ban nhân dân tỉnh Thử Nghiệm');
    expect(stdout).toMatch(/revision 4: allowed form_fill: form field "Số"/);
  });

  it('prints JSON for several files and exits 1 when one fails', async () => {
    const { code, stdout } = await run(['--json', issued, flipped, '--trust', pki.caFile]);
    expect(code).toBe(1);
    const reports = JSON.parse(stdout) as PdfVerification[];
    expect(reports.map((report) => [report.indication, report.subIndication])).toEqual([['TOTAL_PASSED', null], ['TOTAL_FAILED', 'HASH_FAILURE']]);
  });

  it('writes a long JSON report whole into a pipe before it exits', async () => {
    const files = Array.from({ length: 60 }, () => issued);
    const { code, stdout } = await run(['--json', ...files, '--trust', pki.caFile, '--offline']);
    expect(code).toBe(1);
    expect(stdout.length).toBeGreaterThan(256 * 1024);
    expect((JSON.parse(stdout) as PdfVerification[]).map((report) => report.subIndication)).toEqual(files.map(() => 'TRY_LATER'));
  });

  it('never passes offline or without trust anchors', async () => {
    const offline = await run([issued, '--trust', pki.caFile, '--offline', '--json']);
    expect(offline.code).toBe(1);
    expect((JSON.parse(offline.stdout) as PdfVerification[])[0]!.subIndication).toBe('TRY_LATER');
    const untrusted = await run([issued]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain('no trust anchor');
    expect(untrusted.stdout).toContain('INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND');
  });

  it('exits 2 on a usage error', async () => {
    for (const args of [[], ['--frobnicate', issued], [issued, '--trust', path.join(dir, 'missing')]]) {
      const { code, stderr } = await run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^verify: /);
    }
  });
});
