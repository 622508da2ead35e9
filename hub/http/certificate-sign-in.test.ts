import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn, SignInChallenge } from '../../shared/hub/accounts.js';
import { parseChallengeText } from '../../shared/hub/sign-in-challenge.js';
import { useTestHub, type TestHub } from '../../test/hub.js';
import { makeTestTokens, testCertificate, type Manifest } from '../../test/tokens.js';
import { TokenService } from '../../electron/core/signing/pkcs11/token-service.js';
import { userTempDirs } from '../../electron/core/signing/pkcs11/module-location.js';
import { decodeCertificate, parseAnchors } from '../accounts/sign-in-certificate.js';

const hub = useTestHub();
let manifest: Manifest;
let tokens: TokenService;

beforeAll(async () => {
  manifest = await makeTestTokens();
  process.env.SOFTHSM2_CONF = manifest.conf;
  tokens = TokenService.load(manifest.module, { dataDir: null, tempDirs: userTempDirs() });
});
afterAll(() => tokens?.close());

const pem = (name: Parameters<typeof testCertificate>[1]) => readFileSync(testCertificate(manifest, name).certificate, 'utf8');
const anchors = () => parseAnchors([decodeCertificate(readFileSync(manifest.caCertificate, 'utf8'))!]);

/** What a desk does: checks the challenge is one it may sign, then signs it on the token. */
function signOnToken(name: 'leader' | 'agency', text: string): string {
  if (!parseChallengeText(text)) throw new Error('a desk refuses to sign this');
  const certificate = testCertificate(manifest, name);
  const slot = tokens.listTokens().find((token) => token.label === certificate.token.label)!.slot;
  const signature = tokens.sign({ slot, certificateId: certificate.id, pin: new TextEncoder().encode(certificate.token.userPin), data: new TextEncoder().encode(text), mechanism: 'SHA256_RSA_PKCS' });
  return Buffer.from(signature).toString('base64');
}

/** For certificates the token refuses to use (expired): the same key, outside the token. */
function signWithKeyFile(name: 'expired', text: string): string {
  return createSign('sha256').update(text).sign(readFileSync(testCertificate(manifest, name).privateKey, 'utf8')).toString('base64');
}

async function challenge(test: TestHub): Promise<SignInChallenge> {
  const answer = await test.call<SignInChallenge>('POST', '/api/sign-in/challenge');
  expect(answer.status).toBe(200);
  return answer.body;
}

async function failureReasons(test: TestHub): Promise<string[]> {
  const { rows } = await test.pool.query<{ reason: string }>("SELECT details::json->>'reason' AS reason FROM audit_log WHERE action = 'sign_in_failed' ORDER BY seq");
  return rows.map((row) => row.reason);
}

describe('certificate sign-in with a SoftHSM2 token', () => {
  it('signs in the user the certificate is registered to; the challenge works once', async () => {
    const test = await hub({ anchors: anchors() });
    const leader = await test.addUser('lanhdao', ['leader']);
    const registered = await test.administration.registerCertificate('cli', leader.id, { certificate: pem('leader') });
    const { challengeId, text } = await challenge(test);
    expect(parseChallengeText(text)!.hubId).toBe((await test.pool.query("SELECT value FROM hub_settings WHERE key = 'hub_id'")).rows[0].value);
    const body = { challengeId, certificate: pem('leader'), signature: signOnToken('leader', text) };
    const signedIn = await test.call<SignedIn>('POST', '/api/sign-in/certificate', { body });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ username: 'lanhdao', roles: ['leader'] });
    expect((await test.call('GET', '/api/session', { token: signedIn.body.token })).status).toBe(200);
    const { rows } = await test.pool.query('SELECT method, certificate_sha256 FROM sessions');
    expect(rows).toEqual([{ method: 'certificate', certificate_sha256: registered.certificates[0]!.sha256 }]);

    const replay = await test.call('POST', '/api/sign-in/certificate', { body });
    expect(replay).toEqual({ status: 401, body: { error: 'sign_in_failed', message: 'This certificate cannot sign in to this hub.' } });
    expect(await failureReasons(test)).toEqual(['unknown_or_used_challenge']);
  });

  it('refuses a certificate registered to nobody, a signature over other text, a stale challenge and a disabled user', async () => {
    const test = await hub({ anchors: anchors() });
    await test.addUser('quantri', ['admin']);
    const leader = await test.addUser('lanhdao', ['leader']);
    await test.administration.registerCertificate('cli', leader.id, { certificate: pem('leader') });

    const first = await challenge(test);
    const stranger = await test.call('POST', '/api/sign-in/certificate', { body: { challengeId: first.challengeId, certificate: pem('agency'), signature: signOnToken('agency', first.text) } });
    expect(stranger.status).toBe(401);

    const second = await challenge(test);
    const other = await challenge(test);
    const wrongText = await test.call('POST', '/api/sign-in/certificate', { body: { challengeId: second.challengeId, certificate: pem('leader'), signature: signOnToken('leader', other.text) } });
    expect(wrongText.status).toBe(401);

    const stale = await challenge(test);
    await test.pool.query("UPDATE sign_in_challenges SET expires_at = now() - interval '1 second' WHERE id = $1", [stale.challengeId]);
    expect((await test.call('POST', '/api/sign-in/certificate', { body: { challengeId: stale.challengeId, certificate: pem('leader'), signature: signOnToken('leader', stale.text) } })).status).toBe(401);

    await test.administration.updateUser('cli', leader.id, { disabled: true });
    const late = await challenge(test);
    expect((await test.call('POST', '/api/sign-in/certificate', { body: { challengeId: late.challengeId, certificate: pem('leader'), signature: signOnToken('leader', late.text) } })).status).toBe(401);

    expect(await failureReasons(test)).toEqual(['not_registered', 'bad_signature', 'unknown_or_used_challenge', 'user_disabled']);
  });

  it('refuses a registered certificate that does not chain to the agency\'s trust anchors, or has expired', async () => {
    const untrusting = await hub({ anchors: [] });
    const leader = await untrusting.addUser('lanhdao', ['leader']);
    await untrusting.administration.registerCertificate('cli', leader.id, { certificate: pem('leader') });
    const first = await challenge(untrusting);
    expect((await untrusting.call('POST', '/api/sign-in/certificate', { body: { challengeId: first.challengeId, certificate: pem('leader'), signature: signOnToken('leader', first.text) } })).status).toBe(401);
    expect(await failureReasons(untrusting)).toEqual(['untrusted']);

    const test = await hub({ anchors: anchors() });
    const same = await test.addUser('lanhdao', ['leader']);
    await test.administration.registerCertificate('cli', same.id, { certificate: pem('expired') });
    const second = await challenge(test);
    expect((await test.call('POST', '/api/sign-in/certificate', { body: { challengeId: second.challengeId, certificate: pem('expired'), signature: signWithKeyFile('expired', second.text) } })).status).toBe(401);
    expect(await failureReasons(test)).toEqual(['not_valid_now']);
  });

  it('registers certificates through the admin API, once, and refuses what is not one', async () => {
    const test = await hub({ anchors: anchors() });
    await test.addUser('quantri', ['admin']);
    const leader = await test.addUser('lanhdao', ['leader']);
    const token = await test.signIn('quantri', 'mật khẩu thử nghiệm dài');
    const derBase64 = Buffer.from(decodeCertificate(pem('leader'))!).toString('base64');
    const added = await test.call<{ certificates: { subject: string }[] }>('POST', `/api/admin/users/${leader.id}/certificates`, { token, body: { certificate: derBase64 } });
    expect(added.status).toBe(201);
    expect(added.body.certificates[0]!.subject).toContain('CN=Nguyễn Văn An');
    expect((await test.call('POST', `/api/admin/users/${leader.id}/certificates`, { token, body: { certificate: pem('leader') } })).status).toBe(409);
    expect((await test.call('POST', `/api/admin/users/${leader.id}/certificates`, { token, body: { certificate: 'AAAA' } })).status).toBe(400);
  });
});
