/**
 * `npm run sign` as IT runs it: the CLI bundled as scripts/build.mjs bundles it, into a private
 * folder (dist/ may be rebuilt meanwhile) inside the repository, so that it finds assets/ as the
 * built one does; run as a child process on the SoftHSM2 test tokens. The independent checks of a
 * signed file (pdfsig, openssl cms) live here too.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as asn1js from 'asn1js';
import { build } from 'esbuild';
import { readSignatures } from '../electron/core/pdf/signatures.js';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SignCli {
  dir: string;
  run(args: string[], stdin?: string): Promise<CliRun>;
}

/** Bundles the CLI into a fresh folder under test-results/ and returns a runner with `env` added. */
export async function bundleSignCli(env: Record<string, string>): Promise<SignCli> {
  await mkdir(path.join(ROOT, 'test-results'), { recursive: true });
  const dir = await mkdtemp(path.join(ROOT, 'test-results', 'sign-cli-'));
  const cli = path.join(dir, 'sign-cli.cjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['electron/processes/sign-cli.ts'],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron', 'better-sqlite3', 'graphene-pk11', 'pkcs11js', 'pdfjs-dist'],
    logLevel: 'warning',
  });
  return {
    dir,
    run: (args, stdin = '') =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env, NODE_PATH: path.join(ROOT, 'node_modules') }, stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
        child.stdin.end(stdin);
      }),
  };
}

/** pdfsig's report (it exits non-zero when the test CA is not trusted; the report is still on stdout). */
export function pdfsig(file: string): string {
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

/** openssl cms -verify of every signature of `file` against `caFile`, over the bytes its /ByteRange names. */
export async function opensslVerifyAll(file: string, caFile: string, workDir: string): Promise<number> {
  const bytes = await readFile(file);
  const signatures = await readSignatures(file);
  for (const [i, signature] of signatures.entries()) {
    const der = path.join(workDir, `cms${i}.der`);
    const content = path.join(workDir, `content${i}.bin`);
    await writeFile(der, signature.contents.subarray(0, asn1js.fromBER(signature.contents).offset));
    const [a, b, c, d] = signature.byteRange as [number, number, number, number];
    await writeFile(content, Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]));
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', der, '-content', content, '-CAfile', caFile, '-purpose', 'any', '-out', '/dev/null'], { stdio: 'pipe' });
  }
  return signatures.length;
}
