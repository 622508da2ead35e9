import { createHash, createVerify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestTokens, testCertificate, testToken, type Manifest } from '../../../../test/tokens.js';
import { userTempDirs } from './module-location.js';
import { TokenError } from './token-error.js';
import { TokenService, type TokenInfo } from './token-service.js';

let manifest: Manifest;
let service: TokenService;
let tokens: TokenInfo[];

const pin = (text: string) => new TextEncoder().encode(text);
const slotOf = (label: string) => tokens.find((token) => token.label === label)!.slot;
const SIGNED_ATTRIBUTES = new TextEncoder().encode('stands in for the DER of the CMS signed attributes');

async function failure(action: () => unknown): Promise<TokenError> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(TokenError);
    return error as TokenError;
  }
  throw new Error('expected a TokenError');
}

const PLACES = { dataDir: null, tempDirs: userTempDirs() };

beforeAll(async () => {
  manifest = await makeTestTokens();
  process.env.SOFTHSM2_CONF = manifest.conf;
  service = TokenService.load(manifest.module, PLACES);
  tokens = service.listTokens();
});
afterAll(() => service?.close());

describe('TokenService on SoftHSM2', () => {
  it('lists the two tokens with their flags', () => {
    expect(tokens.map((token) => token.label).sort()).toEqual(['AGENCY', 'LEADER']);
    expect(tokens[0]).toMatchObject({ manufacturer: 'SoftHSM project', model: 'SoftHSM v2', loginRequired: true, userPinLocked: false });
  });

  it('reads the Vietnamese subject, issuer, validity and key usage of each certificate', () => {
    const certificates = service.listCertificates(slotOf('LEADER'));
    const expected = testCertificate(manifest, 'leader');
    const leader = certificates.find((certificate) => certificate.id === expected.id)!;
    expect(leader.holder).toMatchObject({ commonName: 'Nguyễn Văn An', title: 'Phó Chủ tịch', organization: 'UBND tỉnh Nghệ An' });
    expect(leader.issuer).toMatchObject({ commonName: 'VanThu Test CA', organization: 'Ban Cơ yếu Chính phủ (thử nghiệm)' });
    expect(leader.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(leader.hasPrivateKey).toBe(true);
    expect(leader.label).toBe('leader');
    expect(leader.notAfter.getTime()).toBe(Math.floor(Date.parse(expected.notAfter) / 1000) * 1000);
    expect(certificates.map((certificate) => certificate.id).sort()).toEqual(['01', '02', '03']);
    const agency = service.listCertificates(slotOf('AGENCY'));
    expect(agency).toHaveLength(1);
    expect(agency[0]!.holder).toMatchObject({ commonName: 'UBND tỉnh Nghệ An', email: 'vanthu@nghean.gov.vn' });
  });

  it('signs with the right PIN; the signature verifies against the certificate', () => {
    const expected = testCertificate(manifest, 'leader');
    const signature = service.sign({ slot: slotOf('LEADER'), certificateId: expected.id, pin: pin(expected.token.userPin), data: SIGNED_ATTRIBUTES, mechanism: 'SHA256_RSA_PKCS' });
    const publicKey = new X509Certificate(readFileSync(expected.certificate)).publicKey;
    expect(createVerify('sha256').update(SIGNED_ATTRIBUTES).verify(publicKey, signature)).toBe(true);
  });

  it('signs a DigestInfo with plain RSA_PKCS, for tokens without the combined mechanism', () => {
    const expected = testCertificate(manifest, 'agency');
    const sha256DigestInfoPrefix = Buffer.from('3031300d060960864801650304020105000420', 'hex');
    const digestInfo = Buffer.concat([sha256DigestInfoPrefix, createHash('sha256').update(SIGNED_ATTRIBUTES).digest()]);
    const signature = service.sign({ slot: slotOf('AGENCY'), certificateId: expected.id, pin: pin(expected.token.userPin), data: digestInfo, mechanism: 'RSA_PKCS' });
    const publicKey = new X509Certificate(readFileSync(expected.certificate)).publicKey;
    expect(createVerify('sha256').update(SIGNED_ATTRIBUTES).verify(publicKey, signature)).toBe(true);
  });

  it('wipes the PIN buffer after signing', () => {
    const expected = testCertificate(manifest, 'leader');
    const buffer = pin(expected.token.userPin);
    service.sign({ slot: slotOf('LEADER'), certificateId: expected.id, pin: buffer, data: SIGNED_ATTRIBUTES, mechanism: 'SHA256_RSA_PKCS' });
    expect(buffer.every((byte) => byte === 0)).toBe(true);
  });

  it('reports a wrong PIN with the count-low flag SoftHSM sets, and a wiped buffer', async () => {
    const expected = testCertificate(manifest, 'agency');
    const buffer = pin('000000');
    const error = await failure(() => service.sign({ slot: slotOf('AGENCY'), certificateId: expected.id, pin: buffer, data: SIGNED_ATTRIBUTES, mechanism: 'SHA256_RSA_PKCS' }));
    expect(error).toMatchObject({ code: 'wrong_pin', triesLeft: 'low' });
    expect(error.message).not.toContain('000000');
    expect(buffer.every((byte) => byte === 0)).toBe(true);
    expect(service.listTokens().find((token) => token.label === 'AGENCY')).toMatchObject({ userPinCountLow: true, userPinFinalTry: false, userPinLocked: false });
    // SoftHSM clears the flag on the next good login.
    service.sign({ slot: slotOf('AGENCY'), certificateId: expected.id, pin: pin(expected.token.userPin), data: SIGNED_ATTRIBUTES, mechanism: 'SHA256_RSA_PKCS' });
    expect(service.listTokens().find((token) => token.label === 'AGENCY')!.userPinCountLow).toBe(false);
  });

  it('refuses an expired certificate before sending the PIN', async () => {
    const expected = testCertificate(manifest, 'expired');
    // A wrong PIN would raise the count-low flag if it reached the token.
    const error = await failure(() => service.sign({ slot: slotOf('LEADER'), certificateId: expected.id, pin: pin('bad-pin'), data: SIGNED_ATTRIBUTES, mechanism: 'SHA256_RSA_PKCS' }));
    expect(error.code).toBe('expired_certificate');
    expect(service.listTokens().find((token) => token.label === 'LEADER')!.userPinCountLow).toBe(false);
  });

  it('refuses a certificate without signing usage before sending the PIN', async () => {
    const expected = testCertificate(manifest, 'wrongUsage');
    const error = await failure(() => service.sign({ slot: slotOf('LEADER'), certificateId: expected.id, pin: pin('bad-pin'), data: SIGNED_ATTRIBUTES, mechanism: 'SHA256_RSA_PKCS' }));
    expect(error.code).toBe('no_signing_usage');
    expect(service.listTokens().find((token) => token.label === 'LEADER')!.userPinCountLow).toBe(false);
  });

  it('says the token is absent for a slot that is not there, and no_key for an unknown id', async () => {
    const token = testToken(manifest, 'LEADER');
    expect((await failure(() => service.listCertificates('ffffffff00000000'))).code).toBe('token_absent');
    expect((await failure(() => service.sign({ slot: slotOf('LEADER'), certificateId: '7f', pin: pin(token.userPin), data: SIGNED_ATTRIBUTES, mechanism: 'SHA256_RSA_PKCS' }))).code).toBe('no_key');
  });

  it('tells a missing library from one that is not PKCS#11', async () => {
    expect((await failure(() => TokenService.load('/nonexistent/libvendor-p11.so', PLACES))).code).toBe('module_not_found');
    expect((await failure(() => TokenService.load(process.execPath, PLACES))).code).toBe('module_failed');
  });
});
