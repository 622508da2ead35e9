/** What the PIN dialog and the signing checks need from a token's certificate (pkijs decodes it). */
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** RFC 5280 KeyUsage bits, in bit order. */
const KEY_USAGES = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

export interface NameSummary {
  commonName: string | null;
  organization: string | null;
  /** Chức vụ, e.g. "Phó Chủ tịch" (X.520 title). */
  title: string | null;
  /** The whole name, most significant first, as "C=VN, O=…, CN=…". */
  text: string;
}

export interface CertificateInfo {
  /** `attributes`: every subject attribute, for telling a person's certificate from an organisation's. */
  holder: NameSummary & { email: string | null; attributes: [name: string, value: string][] };
  issuer: NameSummary;
  /** Hex, as certificate viewers show it. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** Null when the certificate has no keyUsage extension (any use allowed). */
  keyUsage: KeyUsage[] | null;
  der: Uint8Array;
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'surname',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'givenName',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'emailAddress',
};
const KEY_USAGE_OID = '2.5.29.15';
const SUBJECT_ALT_NAME_OID = '2.5.29.17';
const RFC822_NAME = 1;

export function describeCertificate(der: Uint8Array): CertificateInfo {
  return describeParsedCertificate(pkijs.Certificate.fromBER(der), der);
}

/** For a caller that has parsed the certificate already (the verifier, per signature). */
export function describeParsedCertificate(certificate: pkijs.Certificate, der: Uint8Array): CertificateInfo {
  const subject = attributes(certificate.subject);
  const extension = (oid: string) => certificate.extensions?.find((candidate) => candidate.extnID === oid)?.parsedValue as unknown;
  const altNames = extension(SUBJECT_ALT_NAME_OID) as pkijs.AltName | undefined;
  const altEmail = altNames?.altNames.find((name) => name.type === RFC822_NAME)?.value as string | undefined;
  return {
    holder: { ...summarise(subject), email: altEmail ?? valueOf(subject, 'emailAddress'), attributes: subject },
    issuer: summarise(attributes(certificate.issuer)),
    serialNumber: Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex'),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    keyUsage: keyUsages(extension(KEY_USAGE_OID) as asn1js.BitString | undefined),
    der,
  };
}

/** Why this certificate may not sign at `now`, or null when it may. */
export function signingRefusal(info: CertificateInfo, now: Date): { code: 'expired_certificate' | 'no_signing_usage'; message: string } | null {
  if (now > info.notAfter) return { code: 'expired_certificate', message: `The certificate of ${info.holder.text} expired on ${info.notAfter.toISOString()}.` };
  if (now < info.notBefore) return { code: 'expired_certificate', message: `The certificate of ${info.holder.text} is not valid before ${info.notBefore.toISOString()}.` };
  if (info.keyUsage && !info.keyUsage.includes('digitalSignature') && !info.keyUsage.includes('nonRepudiation')) {
    return { code: 'no_signing_usage', message: `The certificate of ${info.holder.text} is not for signing (key usage: ${info.keyUsage.join(', ') || 'none'}).` };
  }
  return null;
}

type Attribute = [name: string, value: string];

function attributes(name: pkijs.RelativeDistinguishedNames): Attribute[] {
  return name.typesAndValues.map((pair) => [ATTRIBUTE_NAMES[pair.type] ?? pair.type, String((pair.value as asn1js.BaseStringBlock).valueBlock.value)]);
}

function summarise(name: Attribute[]): NameSummary {
  return {
    commonName: valueOf(name, 'CN'),
    organization: valueOf(name, 'O'),
    title: valueOf(name, 'title'),
    text: name.map(([key, value]) => `${key}=${value}`).join(', '),
  };
}

function valueOf(name: Attribute[], key: string): string | null {
  return name.find(([candidate]) => candidate === key)?.[1] ?? null;
}

function keyUsages(bits: asn1js.BitString | undefined): KeyUsage[] | null {
  if (!bits) return null;
  const bytes = bits.valueBlock.valueHexView;
  return KEY_USAGES.filter((_, bit) => ((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1);
}
