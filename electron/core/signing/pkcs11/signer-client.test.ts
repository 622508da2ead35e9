import { X509Certificate, createVerify } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTestTokens, testCertificate } from '../../../../test/tokens.js';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { forkNodeChild } from '../../process/node-child.js';
import { SignerClient } from './signer-client.js';
import { TokenError } from './token-error.js';

const bundle = fileURLToPath(new URL('../../../../dist/core/signer.cjs', import.meta.url));
const tempDir = useTempDirs();

describe('SignerClient', () => {
  it('fails a request the driver never answers, and starts a fresh process for the next', async () => {
    const dir = await tempDir();
    const silent = path.join(dir, 'silent-signer.cjs');
    writeFileSync(silent, "process.on('message', () => {}); process.on('disconnect', () => process.exit(0));\n");
    let spawned = 0;
    const client = new SignerClient({ spawn: () => (spawned++, forkNodeChild(silent, [])), timeoutMs: 300 });
    const error = await client.listTokens('/any/module.so').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenError);
    expect(error).toMatchObject({ code: 'module_failed', message: expect.stringContaining('did not answer') });
    await client.listTokens('/any/module.so').catch(() => undefined);
    expect(spawned).toBe(2);
    await client.close(100);
  });

  it('fails every call in hand, with the reason, when the process exits', async () => {
    const dir = await tempDir();
    const dying = path.join(dir, 'dying-signer.cjs');
    // Exits once two requests are in: both must fail, neither may hang.
    writeFileSync(dying, "let n = 0; process.on('message', () => { if (++n === 2) process.exit(3); });\n");
    const client = new SignerClient({ spawn: () => forkNodeChild(dying, []), timeoutMs: 20_000 });
    const outcomes = await Promise.all([client.listTokens('/any/module.so'), client.listCertificates('/any/module.so', '0')].map((call) => call.catch((caught: unknown) => caught)));
    for (const outcome of outcomes) {
      expect(outcome).toBeInstanceOf(TokenError);
      expect(outcome).toMatchObject({ code: 'module_failed', message: 'The token driver stopped (exited with code 3).' });
    }
    await client.close(100);
  });

  // The built bundle (node scripts/build.mjs) is what the app forks; `npm test` builds first.
  it('lists, signs and reports errors through the real signer process', async () => {
    expect(existsSync(bundle), `${bundle} is missing: run node scripts/build.mjs first (npm test does)`).toBe(true);
    const manifest = await makeTestTokens();
    const client = new SignerClient({ spawn: () => forkNodeChild(bundle, [], { ...process.env, SOFTHSM2_CONF: manifest.conf }) });
    try {
      const tokens = await client.listTokens(manifest.module);
      const leader = tokens.find((token) => token.label === 'LEADER')!;
      const certificates = await client.listCertificates(manifest.module, leader.slot);
      const expected = testCertificate(manifest, 'leader');
      const certificate = certificates.find((candidate) => candidate.id === expected.id)!;
      expect(certificate.holder.commonName).toBe('Nguyễn Văn An');
      expect(certificate.notAfter).toBeInstanceOf(Date);
      const data = new TextEncoder().encode('signed attributes');
      const pin = new TextEncoder().encode(expected.token.userPin);
      const signature = await client.sign(manifest.module, leader.slot, expected.id, pin, data);
      expect(pin.every((byte) => byte === 0)).toBe(true);
      expect(createVerify('sha256').update(data).verify(new X509Certificate(readFileSync(expected.certificate)).publicKey, signature)).toBe(true);
      const wrong = await client.sign(manifest.module, leader.slot, expected.id, new TextEncoder().encode('0000'), data).catch((caught: unknown) => caught);
      expect(wrong).toBeInstanceOf(TokenError);
      expect(wrong).toMatchObject({ code: 'wrong_pin', triesLeft: 'low' });
      await expect(client.listTokens('/nonexistent/p11.so')).rejects.toMatchObject({ code: 'module_not_found' });
    } finally {
      await client.close();
    }
  });
});
