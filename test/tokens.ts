/**
 * SoftHSM2 test tokens made by scripts/make-test-tokens.mjs (a leader and an agency token from a
 * test CA), once per test file: vitest isolates modules per file, so the memo lives that long.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

export interface TestCertificate {
  name: 'leader' | 'expired' | 'wrongUsage' | 'agency';
  /** CKA_ID in hex, shared by the key and the certificate. */
  id: string;
  label: string;
  /** PEM file. */
  certificate: string;
  /** PEM file of the same key, for comparisons outside the token. */
  privateKey: string;
  subject: Record<string, string>;
  email: string | null;
  keyUsage: string[];
  notBefore: string;
  notAfter: string;
}

export interface TestToken {
  label: 'LEADER' | 'AGENCY';
  userPin: string;
  soPin: string;
  certificates: TestCertificate[];
}

export interface Manifest {
  /** The SoftHSM2 PKCS#11 library. */
  module: string;
  /** Set SOFTHSM2_CONF to this before the module is initialised. */
  conf: string;
  caCertificate: string;
  caPrivateKey: string;
  caSubject: Record<string, string>;
  /** The CA's CRL (DER, nothing revoked), and the distribution point its certificates name (null: none). */
  crl: string;
  crlUrl: string | null;
  tokens: TestToken[];
}

const script = fileURLToPath(new URL('../scripts/make-test-tokens.mjs', import.meta.url));
const made = new Map<string, Promise<Manifest>>();

/** `crlUrl`: a CRL distribution point for every certificate (the test serves manifest.crl there). */
export function makeTestTokens(options: { crlUrl?: string } = {}): Promise<Manifest> {
  const key = options.crlUrl ?? '';
  let manifest = made.get(key);
  if (!manifest) {
    manifest = (async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-tokens-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      await promisify(execFile)(process.execPath, [script, '--out', dir, ...(options.crlUrl ? ['--crl-url', options.crlUrl] : [])]);
      return JSON.parse(readFileSync(path.join(dir, 'tokens.json'), 'utf8')) as Manifest;
    })();
    made.set(key, manifest);
  }
  return manifest;
}

export function testToken(manifest: Manifest, label: TestToken['label']): TestToken {
  const token = manifest.tokens.find((t) => t.label === label);
  if (!token) throw new Error(`no test token ${label}`);
  return token;
}

export function testCertificate(manifest: Manifest, name: TestCertificate['name']): TestCertificate & { token: TestToken } {
  for (const token of manifest.tokens) {
    const certificate = token.certificates.find((c) => c.name === name);
    if (certificate) return { ...certificate, token };
  }
  throw new Error(`no test certificate ${name}`);
}
