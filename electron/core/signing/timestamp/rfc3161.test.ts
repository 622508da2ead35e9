import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTsa, type LocalTsa } from '../../../../test/local-tsa.js';
import { makeTestPki, type TestPki } from '../../../../test/pdf-corpus/test-pki.js';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { readSignatures } from '../../pdf/signatures.js';
import { checkResponse, requestTimestamp, SIGNATURE_TIMESTAMP_TOKEN_OID, signatureValue, TimestampError } from './rfc3161.js';
import { signPades } from './sign-pades.js';

const SAMPLE = fileURLToPath(new URL('../../../../assets/sample.pdf', import.meta.url));
const tempDir = useTempDirs();
const m = new Date('2026-03-12T02:15:30Z');
let tsa: LocalTsa;
let pki: TestPki;
let tsaDir: string;

beforeAll(async () => {
  const { mkdtemp } = await import('node:fs/promises');
  const os = await import('node:os');
  tsaDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-tsa-'));
  tsa = await startLocalTsa(tsaDir);
  pki = makeTestPki(tsaDir);
});
afterAll(async () => {
  await tsa?.close();
  const { rm } = await import('node:fs/promises');
  if (tsaDir) await rm(tsaDir, { recursive: true, force: true });
});

function pdfsig(file: string): string {
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    // pdfsig exits non-zero when a certificate is untrusted; its report is still on stdout.
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

/** The DER CMS of each signature, without the zero padding. */
async function cmsOf(file: string): Promise<{ cms: Uint8Array; signedBytes: Buffer }[]> {
  const bytes = await readFile(file);
  return (await readSignatures(file)).map((signature) => {
    const parsed = asn1js.fromBER(signature.contents);
    const [a, b, c, d] = signature.byteRange as [number, number, number, number];
    return { cms: signature.contents.subarray(0, parsed.offset), signedBytes: Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]) };
  });
}

function timestampTokenOf(cms: Uint8Array): Uint8Array {
  const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(cms).content });
  const attribute = signedData.signerInfos[0]!.unsignedAttrs?.attributes.find((candidate) => candidate.type === SIGNATURE_TIMESTAMP_TOKEN_OID);
  expect(attribute, 'id-aa-signatureTimeStampToken').toBeDefined();
  return new Uint8Array(attribute!.values[0]!.toBER());
}

/** A fetch that also keeps the raw TimeStampResp. */
function recordingFetch(): { fetch: typeof fetch; last: () => Uint8Array } {
  let last = new Uint8Array();
  return {
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      last = new Uint8Array(await response.arrayBuffer());
      return new Response(last, { status: response.status, headers: response.headers });
    },
    last: () => last,
  };
}

describe('PAdES B-T with a local openssl TSA', () => {
  it('signs with a signature time-stamp that pdfsig, openssl cms and openssl ts accept', async () => {
    const dir = await tempDir();
    const output = path.join(dir, 'bt.pdf');
    const before = tsa.requests;
    await signPades(SAMPLE, output, { fieldName: 'Lãnh đạo ký', rect: [300, 120, 500, 200], m, ...pki.leader, tsaUrl: tsa.url });
    expect(tsa.requests).toBe(before + 1);

    const report = pdfsig(output);
    console.log(`pdfsig on the B-T PDF:\n${report}`);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('ETSI.CAdES.detached');

    const [signature] = await cmsOf(output);
    const { cms, signedBytes } = signature!;
    const cmsFile = path.join(dir, 'sig.der');
    const contentFile = path.join(dir, 'signed.bin');
    await writeFile(cmsFile, cms);
    await writeFile(contentFile, signedBytes);
    // The signed part is untouched by the unsigned attribute: the CMS still verifies.
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-content', contentFile, '-CAfile', pki.caFile, '-purpose', 'any', '-out', '/dev/null'], { stdio: 'pipe' });

    const tokenFile = path.join(dir, 'token.der');
    const dataFile = path.join(dir, 'signature-value.bin');
    await writeFile(tokenFile, timestampTokenOf(cms));
    await writeFile(dataFile, signatureValue(cms));
    const verified = execFileSync('openssl', ['ts', '-verify', '-in', tokenFile, '-token_in', '-data', dataFile, '-CAfile', tsa.caFile], { encoding: 'utf8', stdio: 'pipe' });
    console.log(`openssl ts -verify: ${verified.trim()}`);
    expect(verified).toContain('Verification: OK');
    const text = execFileSync('openssl', ['ts', '-reply', '-in', tokenFile, '-token_in', '-text'], { encoding: 'utf8', stdio: 'pipe' });
    expect(text).toContain('Hash Algorithm: sha256');
    expect(text).toContain('Nonce: 0x');
  });

  it('stays B-B without a TSA URL', async () => {
    const dir = await tempDir();
    const output = path.join(dir, 'bb.pdf');
    await signPades(SAMPLE, output, { fieldName: 'Sig', rect: [0, 0, 0, 0], m, ...pki.agency });
    const [signature] = await cmsOf(output);
    const { cms } = signature!;
    const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(cms).content });
    expect(signedData.signerInfos[0]!.unsignedAttrs).toBeUndefined();
    expect(pdfsig(output)).toContain('Signature is Valid');
  });

  it('checks the imprint and the nonce of the answer', async () => {
    const recorder = recordingFetch();
    const data = new TextEncoder().encode('a signature value');
    const stamp = await requestTimestamp(tsa.url, data, { fetch: recorder.fetch });
    expect(stamp.policy).toBe('1.2.3.4.1');
    expect(Math.abs(stamp.genTime.getTime() - Date.now())).toBeLessThan(60_000);

    const response = recorder.last();
    const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(stamp.token).content });
    const tstInfo = pkijs.TSTInfo.fromBER(signedData.encapContentInfo.eContent!.getValue());
    const nonce = new Uint8Array(tstInfo.nonce!.valueBlock.valueHexView);
    await expect(checkResponse(response, data, nonce)).resolves.toMatchObject({ policy: '1.2.3.4.1' });
    await expect(checkResponse(response, new TextEncoder().encode('something else'), nonce)).rejects.toThrow(/another message/);
    await expect(checkResponse(response, data, new Uint8Array([1, 2, 3]))).rejects.toThrow(/nonce/);
    await expect(checkResponse(new Uint8Array([1, 2, 3]), data, nonce)).rejects.toBeInstanceOf(TimestampError);
  });

  it('fails cleanly when the TSA answers with an error, leaving no half-signed copy', async () => {
    const dir = await tempDir();
    const output = path.join(dir, 'failed.pdf');
    tsa.failNext = 503;
    await expect(signPades(SAMPLE, output, { fieldName: 'Sig', rect: [0, 0, 0, 0], m, ...pki.leader, tsaUrl: tsa.url })).rejects.toThrow(/HTTP 503/);
    expect(existsSync(output)).toBe(false);
    await expect(requestTimestamp('http://127.0.0.1:1/tsa', new Uint8Array([1]), { timeoutMs: 2000 })).rejects.toThrow(/could not be reached/);
  });
});
