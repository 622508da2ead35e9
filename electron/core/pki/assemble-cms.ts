/**
 * The detached CMS SignedData of a PAdES signature (RFC 5652 §5), assembled around a signature
 * made elsewhere (the token): SHA-256 and sha256WithRSAEncryption are set explicitly because
 * pkijs defaults to SHA-1, and the chain is included so verifiers can build the path.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './oids.js';
import { parseCertificate } from './signed-attributes.js';

/** Signs the DER signed attributes: the PKCS#11 token in the app, a software key in tests. */
export type Signer = (signedAttributesDer: Uint8Array) => Promise<Uint8Array>;

export interface CmsParts {
  signedAttributesDer: Uint8Array;
  signature: Uint8Array;
  /** DER certificates, the signer's first, then its issuers. */
  certificates: Uint8Array[];
}

export function assembleCms({ signedAttributesDer, signature, certificates }: CmsParts): Uint8Array {
  const chain = certificates.map(parseCertificate);
  const signerCertificate = chain[0];
  if (!signerCertificate) throw new Error('the signer certificate is missing');
  const attributes = parseAttributeSet(signedAttributesDer);
  const sha256 = (): pkijs.AlgorithmIdentifier => new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signerCertificate.issuer, serialNumber: signerCertificate.serialNumber }),
    digestAlgorithm: sha256(),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: chain,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

/** Reads back the attribute set and checks it re-encodes to the very bytes that were signed. */
function parseAttributeSet(der: Uint8Array): pkijs.Attribute[] {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Set)) throw new Error('signed attributes are not a DER SET');
  const attributes = parsed.result.valueBlock.value.map((element) => new pkijs.Attribute({ schema: element }));
  const reencoded = new asn1js.Set({ value: attributes.map((attribute) => attribute.toSchema()) }).toBER();
  if (!Buffer.from(reencoded).equals(Buffer.from(der))) throw new Error('signed attributes are not in DER form');
  return attributes;
}
