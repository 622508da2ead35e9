/**
 * The cryptographic part of a PAdES signature: the detached CMS SignedData (adbe.pkcs7.detached or
 * ETSI.CAdES.detached), its message-digest against the byte ranges (hashed by the caller: all
 * signatures of a file in one pass over it), the signature over the signed attributes with the
 * signer's key (RSA PKCS#1 v1.5, RSA-PSS, ECDSA through WebCrypto), and a signature time-stamp
 * (RFC 3161, PAdES B-T) if the signer info carries one.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../signing/cms/oids.js';
import type { DigestAlgorithm } from '../signing/pdf/digest.js';
import { SIGNATURE_TIMESTAMP_TOKEN_OID } from '../signing/timestamp/rfc3161.js';
import { rememberDer, summarizeCertificate } from './certificates.js';

const DIGESTS: Record<string, DigestAlgorithm> = {
  '1.3.14.3.2.26': 'SHA-1',
  [OID.sha256]: 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';

/** The signature cannot be read as a detached CMS signature: the report says FORMAT_FAILURE. */
export class CmsFormatError extends Error {}

/** A signature's CMS, read: what must be hashed, and what the digest is compared with. */
export interface ParsedCms {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  algorithm: DigestAlgorithm;
  messageDigest: Uint8Array;
}

export interface CmsCheck {
  /** Every certificate the CMS carries (the signer's among them, when present). */
  certificates: pkijs.Certificate[];
  signer: pkijs.Certificate | null;
  integrity: boolean;
  cryptographic: boolean | null;
  timestamp: { time: Date; tsa: string | null; valid: boolean } | null;
}

export function parseCms(contents: Uint8Array): ParsedCms {
  const { signedData, signerInfo } = parse(contents);
  const algorithm = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!algorithm) throw new CmsFormatError(`unsupported digest algorithm ${signerInfo.digestAlgorithm.algorithmId}`);
  const attributes = signerInfo.signedAttrs?.attributes;
  const messageDigest = attributes?.find((attribute) => attribute.type === OID.messageDigest)?.values[0];
  if (!(messageDigest instanceof asn1js.OctetString)) throw new CmsFormatError('the CMS has no message-digest signed attribute');
  return { signedData, signerInfo, algorithm, messageDigest: new Uint8Array(messageDigest.valueBlock.valueHexView) };
}

/** `digest`: the byte ranges hashed with `cms.algorithm`. */
export async function checkCms(cms: ParsedCms, digest: Uint8Array): Promise<CmsCheck> {
  const { signedData, signerInfo, algorithm } = cms;
  const integrity = Buffer.from(digest).equals(Buffer.from(cms.messageDigest));
  const certificates = (signedData.certificates ?? []).filter((entry): entry is pkijs.Certificate => entry instanceof pkijs.Certificate);
  const signer = findSigner(signerInfo, certificates);
  const cryptographic = signer ? await verifySignerInfo(signerInfo, signer, algorithm) : null;
  return { certificates, signer, integrity, cryptographic, timestamp: await checkTimestamp(signerInfo) };
}

function parse(contents: Uint8Array): { signedData: pkijs.SignedData; signerInfo: pkijs.SignerInfo } {
  try {
    // /Contents keeps its zero padding after the DER: asn1js stops at the end of the first element.
    const parsed = asn1js.fromBER(contents);
    if (parsed.offset === -1) throw new CmsFormatError('/Contents is not DER');
    const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    if (contentInfo.contentType !== OID.signedData) throw new CmsFormatError('/Contents is not a CMS SignedData');
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const [signerInfo, ...more] = signedData.signerInfos;
    if (!signerInfo || more.length > 0) throw new CmsFormatError('a PDF signature has exactly one SignerInfo');
    rememberCertificateBytes(contentInfo.content as asn1js.Sequence, signedData);
    return { signedData, signerInfo };
  } catch (error) {
    if (error instanceof CmsFormatError) throw error;
    throw new CmsFormatError(`/Contents is not a CMS SignedData (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * The certificates exactly as the CMS carries them ([0] IMPLICIT CertificateSet, in pkijs's
 * order): their SHA-256 must be of the signer's bytes, and re-encoding each is slow besides.
 */
function rememberCertificateBytes(signedDataBlock: asn1js.Sequence, signedData: pkijs.SignedData): void {
  const set = signedDataBlock.valueBlock.value.find((block) => block.idBlock.tagClass === 3 && block.idBlock.tagNumber === 0) as asn1js.Constructed | undefined;
  const elements = set?.valueBlock.value ?? [];
  signedData.certificates?.forEach((certificate, i) => {
    const element = elements[i];
    if (certificate instanceof pkijs.Certificate && element) rememberDer(certificate, new Uint8Array(element.valueBeforeDecodeView));
  });
}

/** By issuer and serial number, or by subject key identifier (RFC 5652 §5.3). */
function findSigner(signerInfo: pkijs.SignerInfo, certificates: readonly pkijs.Certificate[]): pkijs.Certificate | null {
  const sid: unknown = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((certificate) => certificate.issuer.isEqual(sid.issuer) && certificate.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  const keyId = Buffer.from((sid as asn1js.OctetString).valueBlock.valueHexView);
  return (
    certificates.find((certificate) => {
      const ski = certificate.extensions?.find((extension) => extension.extnID === '2.5.29.14')?.parsedValue as asn1js.OctetString | undefined;
      return ski !== undefined && Buffer.from(ski.valueBlock.valueHexView).equals(keyId);
    }) ?? null
  );
}

async function verifySignerInfo(signerInfo: pkijs.SignerInfo, signer: pkijs.Certificate, algorithm: DigestAlgorithm): Promise<boolean> {
  try {
    const signedAttributes = signerInfo.signedAttrs!.encodedValue;
    return await pkijs.getCrypto(true).verifyWithPublicKey(signedAttributes, signerInfo.signature, signer.subjectPublicKeyInfo, signerInfo.signatureAlgorithm, algorithm);
  } catch {
    // An unsupported or malformed key or algorithm is a signature that does not verify.
    return false;
  }
}

/** A signature time-stamp is valid when the TSA's signature verifies and it stamps this very signature value. */
async function checkTimestamp(signerInfo: pkijs.SignerInfo): Promise<CmsCheck['timestamp']> {
  const attribute = signerInfo.unsignedAttrs?.attributes.find((candidate) => candidate.type === SIGNATURE_TIMESTAMP_TOKEN_OID);
  if (!attribute) return null;
  try {
    const token = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: attribute.values[0] }).content });
    const content = token.encapContentInfo;
    if (content.eContentType !== TST_INFO_OID || !content.eContent) return null;
    const tstInfo = pkijs.TSTInfo.fromBER(content.eContent.getValue());
    const tsaCertificates = (token.certificates ?? []).filter((entry): entry is pkijs.Certificate => entry instanceof pkijs.Certificate);
    const tsaSigner = token.signerInfos[0] ? findSigner(token.signerInfos[0], tsaCertificates) : null;
    let valid = false;
    try {
      // With a TSTInfo, pkijs checks the messageImprint against `data` before the TSA's signature.
      valid = (await token.verify({ signer: 0, checkChain: false, data: signerInfo.signature.valueBlock.valueHexView.slice().buffer })) === true;
    } catch {
      valid = false;
    }
    return { time: tstInfo.genTime, tsa: tsaSigner ? summarizeCertificate(tsaSigner).subject : null, valid };
  } catch {
    return null;
  }
}
