import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { makeTestPki } from '../../../test/pdf-corpus/test-pki.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { assembleCms } from './assemble-cms.js';
import { OID } from './oids.js';
import { buildSignedAttributes } from './signed-attributes.js';

const tempDir = useTempDirs();

describe('PAdES B-B CMS', () => {
  it('is a detached SHA-256 SignedData that openssl verifies, with exactly the three PAdES attributes', async () => {
    const dir = await tempDir();
    const pki = makeTestPki(dir);
    const content = Buffer.from('bytes of the PDF byte ranges');
    const signedAttributesDer = buildSignedAttributes(createHash('sha256').update(content).digest(), pki.leader.certificates[0]!);
    const cms = assembleCms({ signedAttributesDer, signature: await pki.leader.signer(signedAttributesDer), certificates: pki.leader.certificates });

    await writeFile(path.join(dir, 'sig.der'), cms);
    await writeFile(path.join(dir, 'content.bin'), content);
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.der', '-content', 'content.bin', '-CAfile', pki.caFile, '-purpose', 'any', '-out', '/dev/null'], { cwd: dir, stdio: 'pipe' });
    await writeFile(path.join(dir, 'other.bin'), 'other bytes');
    expect(() => execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.der', '-content', 'other.bin', '-CAfile', pki.caFile, '-purpose', 'any', '-out', '/dev/null'], { cwd: dir, stdio: 'pipe' })).toThrow();

    const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(cms).content });
    expect(signedData.encapContentInfo.eContent).toBeUndefined();
    expect(signedData.digestAlgorithms.map((algorithm) => algorithm.algorithmId)).toEqual([OID.sha256]);
    expect(signedData.certificates).toHaveLength(2);
    const [signerInfo] = signedData.signerInfos;
    expect(signerInfo!.digestAlgorithm.algorithmId).toBe(OID.sha256);
    expect(signerInfo!.signatureAlgorithm.algorithmId).toBe(OID.sha256WithRsa);
    const attributes = signerInfo!.signedAttrs!.attributes;
    expect(attributes.map((attribute) => attribute.type).sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());

    // signing-certificate-v2 names the signer certificate by its SHA-256.
    const essCertIds = attributes.find((attribute) => attribute.type === OID.signingCertificateV2)!.values[0] as asn1js.Sequence;
    const firstId = (essCertIds.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const certHash = firstId.valueBlock.value[0] as asn1js.OctetString;
    expect(Buffer.from(certHash.valueBlock.valueHexView).toString('hex')).toBe(createHash('sha256').update(pki.leader.certificates[0]!).digest('hex'));
  });

});
