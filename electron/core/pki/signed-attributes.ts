/**
 * The signed attributes of a PAdES B-B signature (ETSI EN 319 142-1 §6.3): content-type,
 * message-digest and signing-certificate-v2. No signing-time: PAdES puts the time in /M.
 * These DER bytes are what the token signs.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './oids.js';

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(der);
}

/** The attributes as a DER SET OF: the bytes to sign, and the input of assembleCms. */
export function buildSignedAttributes(messageDigest: Uint8Array, signerCertificateDer: Uint8Array): Uint8Array {
  const certificate = parseCertificate(signerCertificateDer);
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: messageDigest })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(certificate, signerCertificateDer)] }),
  ];
  return encodeAttributeSet(attributes);
}

/**
 * SigningCertificateV2 (RFC 5035 §3): one ESSCertIDv2 with the SHA-256 of the certificate (the
 * default hash, so no hashAlgorithm field) and its issuer and serial number.
 */
function signingCertificateV2(certificate: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
  const certHash = createHash('sha256').update(der).digest();
  const issuerSerial = new asn1js.Sequence({
    value: [
      new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })] }).toSchema(),
      certificate.serialNumber,
    ],
  });
  const essCertId = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
}

/**
 * DER sorts a SET OF by its encoded elements (X.690 §11.6); verifiers such as OpenSSL re-encode
 * the attributes before checking the signature, so an unsorted set would not verify.
 */
function encodeAttributeSet(attributes: pkijs.Attribute[]): Uint8Array {
  const encoded = attributes.map((attribute) => Buffer.from(attribute.toSchema().toBER()));
  encoded.sort(Buffer.compare);
  const set = new asn1js.Set({ value: encoded.map((bytes) => asn1js.fromBER(bytes).result) });
  return new Uint8Array(set.toBER());
}
