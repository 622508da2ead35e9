/**
 * The cryptographic part of a PAdES signature: the detached CMS SignedData (adbe.pkcs7.detached or
 * ETSI.CAdES.detached), its message-digest against the byte ranges (hashed by the caller: all
 * signatures of a file in one pass over it), the signature over the signed attributes with the
 * signer's key (RSA PKCS#1 v1.5, RSA-PSS, ECDSA through node:crypto), and a signature time-stamp
 * (RFC 3161, PAdES B-T) if the signer info carries one.
 *
 * The CMS is walked as DER to its parts rather than parsed into pkijs objects: a PDF signature's
 * CMS is DER, the certificates in it repeat from document to document (each is parsed once per
 * run), and parsing the rest with pkijs cost more than all the checks together. A CMS that is
 * BER (indefinite lengths, as some older signers write) goes through pkijs first.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../pki/oids.js';
import type { DigestAlgorithm } from '../pdf/digest.js';
import { certificateDer, parseCertificate } from './certificates.js';
import { childrenOf, oidOf, readElement, type DerElement } from './der-walk.js';
import { publicKeyOf, verifiesWith } from './signature-check.js';

const DIGESTS: Record<string, DigestAlgorithm> = {
  '1.3.14.3.2.26': 'SHA-1',
  [OID.sha256]: 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
const SUBJECT_KEY_IDENTIFIER_OID = '2.5.29.14';
const SIGNED_DATA_OID = Buffer.from('2a864886f70d010702', 'hex');

/** The signature cannot be read as a detached CMS signature: the report says FORMAT_FAILURE. */
export class CmsFormatError extends Error {}

/** A SignerInfo (RFC 5652 §5.3), as the checks need it. */
export interface SignerInfo {
  sid: { issuer: Buffer; serial: Buffer } | { keyId: Buffer };
  digestAlgorithm: string;
  /** The signed attributes as signed: DER, tagged SET. */
  signedAttributes: Uint8Array | null;
  messageDigest: Uint8Array | null;
  signatureAlgorithm: { oid: string; params: Uint8Array | null };
  signature: Uint8Array;
  /** The signature time-stamp token (a ContentInfo, DER), when the unsigned attributes carry one. */
  timestampToken: Uint8Array | null;
}

/** A signature's CMS, read: what must be hashed, and what the digest is compared with. */
export interface ParsedCms {
  /** Every certificate the CMS carries (the signer's among them, when present). */
  certificates: pkijs.Certificate[];
  signerInfo: SignerInfo;
  algorithm: DigestAlgorithm;
  messageDigest: Uint8Array;
}

export interface CmsCheck {
  /** Every certificate the CMS carries (the signer's among them, when present). */
  certificates: pkijs.Certificate[];
  signer: pkijs.Certificate | null;
  integrity: boolean;
  cryptographic: boolean | null;
  /** The signature time-stamp (PAdES B-T): its time, its TSA's certificate and the others it carries. */
  timestamp: { time: Date; tsa: pkijs.Certificate | null; certificates: pkijs.Certificate[]; valid: boolean } | null;
}

export function parseCms(contents: Uint8Array): ParsedCms {
  const { certificates, signerInfo } = parse(contents);
  const algorithm = DIGESTS[signerInfo.digestAlgorithm];
  if (!algorithm) throw new CmsFormatError(`unsupported digest algorithm ${signerInfo.digestAlgorithm}`);
  if (!signerInfo.messageDigest) throw new CmsFormatError('the CMS has no message-digest signed attribute');
  return { certificates, signerInfo, algorithm, messageDigest: signerInfo.messageDigest };
}

/** `digest`: the byte ranges hashed with `cms.algorithm`. */
export async function checkCms(cms: ParsedCms, digest: Uint8Array): Promise<CmsCheck> {
  const { certificates, signerInfo, algorithm } = cms;
  const integrity = Buffer.from(digest).equals(Buffer.from(cms.messageDigest));
  const signer = findSigner(signerInfo, certificates);
  const cryptographic = signer ? verifySignerInfo(signerInfo, signer, algorithm) : null;
  return { certificates, signer, integrity, cryptographic, timestamp: signerInfo.timestampToken ? checkTimestamp(signerInfo.timestampToken, signerInfo.signature) : null };
}

function parse(contents: Uint8Array): { certificates: pkijs.Certificate[]; signerInfo: SignerInfo } {
  let signedData: { certificates: pkijs.Certificate[]; signerInfo: Uint8Array };
  try {
    signedData = walkSignedData(contents);
  } catch {
    // BER (indefinite lengths) or something odd: the full parser reads it, or says why not.
    signedData = parseBer(contents);
  }
  try {
    return { certificates: signedData.certificates, signerInfo: readSignerInfo(signedData.signerInfo) };
  } catch (error) {
    throw new CmsFormatError(`the CMS SignerInfo cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** ContentInfo → SignedData → its certificates and its one signer info. */
function walkSignedData(contents: Uint8Array): { certificates: pkijs.Certificate[]; signerInfo: Uint8Array } {
  const contentInfo = readElement(contents, 0);
  const [type, explicit] = childrenOf(contents, contentInfo);
  if (contentInfo.tag !== 0x30 || type?.tag !== 0x06 || explicit?.tag !== 0xa0) throw new Error('not a ContentInfo');
  if (!Buffer.from(contents.subarray(type.contentStart, type.end)).equals(SIGNED_DATA_OID)) throw new Error('not SignedData');
  const [signedData] = childrenOf(contents, explicit);
  if (signedData?.tag !== 0x30) throw new Error('not a SignedData');
  const parts = childrenOf(contents, signedData);
  const certificateSet = parts.find((part) => part.tag === 0xa0);
  const signerInfos = parts.at(-1);
  if (signerInfos?.tag !== 0x31) throw new Error('no signerInfos');
  const infos = childrenOf(contents, signerInfos);
  if (infos.length !== 1) throw new Error('not one signer info');
  const certificates = (certificateSet ? childrenOf(contents, certificateSet) : [])
    .filter((element) => element.tag === 0x30)
    .map((element) => parseCertificate(bytesOf(contents, element)));
  return { certificates, signerInfo: bytesOf(contents, infos[0]!) };
}

function parseBer(contents: Uint8Array): { certificates: pkijs.Certificate[]; signerInfo: Uint8Array } {
  try {
    // /Contents keeps its zero padding after the DER: asn1js stops at the end of the first element.
    const parsed = asn1js.fromBER(contents);
    if (parsed.offset === -1) throw new CmsFormatError('/Contents is not DER');
    const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    if (contentInfo.contentType !== OID.signedData) throw new CmsFormatError('/Contents is not a CMS SignedData');
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const [signerInfo, ...more] = signedData.signerInfos;
    if (!signerInfo || more.length > 0) throw new CmsFormatError('a PDF signature has exactly one SignerInfo');
    // Each certificate again from its own bytes, as the CMS carries them: the signer's SHA-256 is of those.
    const set = (contentInfo.content as asn1js.Sequence).valueBlock.value.find((block) => block.idBlock.tagClass === 3 && block.idBlock.tagNumber === 0) as asn1js.Constructed | undefined;
    const certificates = (set?.valueBlock.value ?? [])
      .filter((element) => element instanceof asn1js.Sequence)
      .map((element) => parseCertificate(new Uint8Array(element.valueBeforeDecodeView)));
    return { certificates, signerInfo: new Uint8Array(signerInfo.toSchema().toBER()) };
  } catch (error) {
    if (error instanceof CmsFormatError) throw error;
    throw new CmsFormatError(`/Contents is not a CMS SignedData (${error instanceof Error ? error.message : String(error)})`);
  }
}

function bytesOf(bytes: Uint8Array, element: DerElement): Uint8Array {
  return bytes.subarray(element.start, element.end);
}

function contentOf(bytes: Uint8Array, element: DerElement): Buffer {
  return Buffer.from(bytes.subarray(element.contentStart, element.end));
}

/** version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, [1] unsignedAttrs. */
export function readSignerInfo(der: Uint8Array): SignerInfo {
  const fields = childrenOf(der, readElement(der, 0));
  const [, sid, digestAlgorithm] = fields;
  if (!sid || digestAlgorithm?.tag !== 0x30) throw new Error('a SignerInfo too short');
  let at = 3;
  const signedAttributes = fields[at]?.tag === 0xa0 ? fields[at++]! : null;
  const signatureAlgorithm = fields[at++];
  const signature = fields[at++];
  const unsignedAttributes = fields[at]?.tag === 0xa1 ? fields[at]! : null;
  if (signatureAlgorithm?.tag !== 0x30 || signature?.tag !== 0x04) throw new Error('no signature algorithm or value');
  const [algorithmOid, algorithmParams] = childrenOf(der, signatureAlgorithm);
  let signed: Uint8Array | null = null;
  if (signedAttributes) {
    // Signed as a SET (RFC 5652 §5.4), though stored [0] IMPLICIT.
    signed = Uint8Array.from(bytesOf(der, signedAttributes));
    signed[0] = 0x31;
  }
  const messageDigest = signedAttributes ? attributeValue(der, signedAttributes, OID.messageDigest) : null;
  const token = unsignedAttributes ? attributeValue(der, unsignedAttributes, OID.signatureTimeStampToken) : null;
  return {
    sid: sid.tag === 0x30 ? issuerAndSerial(der, sid) : { keyId: contentOf(der, sid) },
    digestAlgorithm: oidOf(der, childrenOf(der, digestAlgorithm)[0]!),
    signedAttributes: signed,
    messageDigest: messageDigest?.tag === 0x04 ? contentOf(der, messageDigest) : null,
    signatureAlgorithm: { oid: oidOf(der, algorithmOid!), params: algorithmParams && algorithmParams.tag !== 0x05 ? bytesOf(der, algorithmParams) : null },
    signature: contentOf(der, signature),
    timestampToken: token ? bytesOf(der, token) : null,
  };
}

/** The first value of the attribute `oid` in a set of attributes. */
function attributeValue(der: Uint8Array, attributes: DerElement, oid: string): DerElement | null {
  for (const attribute of childrenOf(der, attributes)) {
    const [type, values] = childrenOf(der, attribute);
    if (type?.tag === 0x06 && values?.tag === 0x31 && oidOf(der, type) === oid) return childrenOf(der, values)[0] ?? null;
  }
  return null;
}

function issuerAndSerial(der: Uint8Array, element: DerElement): { issuer: Buffer; serial: Buffer } {
  const [issuer, serial] = childrenOf(der, element);
  if (issuer?.tag !== 0x30 || serial?.tag !== 0x02) throw new Error('a malformed IssuerAndSerialNumber');
  return { issuer: Buffer.from(bytesOf(der, issuer)), serial: contentOf(der, serial) };
}

/** A certificate's issuer Name and serial number as encoded, to match an IssuerAndSerialNumber. */
const identities = new WeakMap<pkijs.Certificate, { issuer: Buffer; serial: Buffer }>();

function identityOf(certificate: pkijs.Certificate): { issuer: Buffer; serial: Buffer } {
  let identity = identities.get(certificate);
  if (!identity) {
    const der = certificateDer(certificate);
    const [tbs] = childrenOf(der, readElement(der, 0));
    const fields = childrenOf(der, tbs!);
    // [0] version is optional (v1 certificates have none): serialNumber, signature, issuer follow.
    const from = fields[0]?.tag === 0xa0 ? 1 : 0;
    identity = { issuer: Buffer.from(bytesOf(der, fields[from + 2]!)), serial: contentOf(der, fields[from]!) };
    identities.set(certificate, identity);
  }
  return identity;
}

/** By issuer and serial number, or by subject key identifier (RFC 5652 §5.3). */
export function findSigner(signerInfo: SignerInfo, certificates: readonly pkijs.Certificate[]): pkijs.Certificate | null {
  const { sid } = signerInfo;
  if ('issuer' in sid) {
    return (
      certificates.find((certificate) => {
        try {
          const identity = identityOf(certificate);
          return identity.serial.equals(sid.serial) && identity.issuer.equals(sid.issuer);
        } catch {
          return false;
        }
      }) ?? null
    );
  }
  return (
    certificates.find((certificate) => {
      const ski = certificate.extensions?.find((extension) => extension.extnID === SUBJECT_KEY_IDENTIFIER_OID)?.parsedValue as asn1js.OctetString | undefined;
      return ski !== undefined && Buffer.from(ski.valueBlock.valueHexView).equals(sid.keyId);
    }) ?? null
  );
}

function verifySignerInfo(signerInfo: SignerInfo, signer: pkijs.Certificate, algorithm: DigestAlgorithm): boolean {
  if (!signerInfo.signedAttributes) return false;
  // An unsupported or malformed key or algorithm is a signature that does not verify.
  let key;
  try {
    key = publicKeyOf(signer);
  } catch {
    return false;
  }
  return verifiesWith(key, signerInfo.signatureAlgorithm, signerInfo.signedAttributes, signerInfo.signature, algorithm.replace('-', '').toLowerCase());
}

/** A signature time-stamp is valid when the TSA's signature verifies and it stamps this very signature value. */
function checkTimestamp(tokenDer: Uint8Array, signatureValue: Uint8Array): CmsCheck['timestamp'] {
  const token = parseTimestampToken(tokenDer);
  if (!token) return null;
  const check = checkTimestampToken(token, createHash(token.algorithm.replace('-', '').toLowerCase()).update(signatureValue).digest());
  return { time: token.time, tsa: check.tsa, certificates: token.certificates, valid: check.valid };
}

/** An RFC 3161 TimeStampToken, read: what it stamps and when, and what checks its signature. */
export interface ParsedTimestampToken {
  time: Date;
  /** The hash algorithm of the stamped imprint: the caller hashes the stamped data with it. */
  algorithm: DigestAlgorithm;
  imprint: Uint8Array;
  /** Every certificate the token carries (the TSA's among them, when present). */
  certificates: pkijs.Certificate[];
  signerInfo: SignerInfo;
  /** The TSTInfo as signed. */
  content: Uint8Array;
}

/** Null when the bytes are not a TimeStampToken this verifier can check. */
export function parseTimestampToken(tokenDer: Uint8Array): ParsedTimestampToken | null {
  try {
    const token = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: asn1js.fromBER(tokenDer).result }).content });
    const encapsulated = token.encapContentInfo;
    if (encapsulated.eContentType !== OID.tstInfo || !encapsulated.eContent || !token.signerInfos[0] || token.signerInfos.length !== 1) return null;
    const content = new Uint8Array(encapsulated.eContent.getValue());
    const tstInfo = pkijs.TSTInfo.fromBER(content);
    const algorithm = DIGESTS[tstInfo.messageImprint.hashAlgorithm.algorithmId];
    if (!algorithm) return null;
    return {
      time: tstInfo.genTime,
      algorithm,
      imprint: new Uint8Array(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView),
      certificates: (token.certificates ?? []).filter((entry): entry is pkijs.Certificate => entry instanceof pkijs.Certificate),
      signerInfo: readSignerInfo(new Uint8Array(token.signerInfos[0].toSchema().toBER())),
      content,
    };
  } catch {
    return null;
  }
}

/**
 * The token stamps `digest` (of the stamped data, by `token.algorithm`), its signed message-digest
 * is the TSTInfo's and the TSA's signature verifies. The TSA's chain is the caller's to judge.
 */
export function checkTimestampToken(token: ParsedTimestampToken, digest: Uint8Array): { tsa: pkijs.Certificate | null; valid: boolean } {
  const tsa = findSigner(token.signerInfo, token.certificates);
  const signedAlgorithm = DIGESTS[token.signerInfo.digestAlgorithm];
  if (!tsa || !signedAlgorithm || !token.signerInfo.messageDigest) return { tsa, valid: false };
  const contentDigest = createHash(signedAlgorithm.replace('-', '').toLowerCase()).update(token.content).digest();
  const valid =
    Buffer.from(token.imprint).equals(Buffer.from(digest)) &&
    contentDigest.equals(Buffer.from(token.signerInfo.messageDigest)) &&
    verifySignerInfo(token.signerInfo, tsa, signedAlgorithm);
  return { tsa, valid };
}
