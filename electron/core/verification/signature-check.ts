/**
 * Signature checks through node:crypto (OpenSSL), by X.509 algorithm identifier: a signer info's
 * signed attributes, a certificate by its issuer, a CRL. Synchronous, and far cheaper than
 * WebCrypto through pkijs, which imports the key again on every call; each certificate's public
 * key is made once.
 */
import { constants, verify, X509Certificate, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateDer } from './certificates.js';

const RSA = '1.2.840.113549.1.1.1';
const RSA_PSS = '1.2.840.113549.1.1.10';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';

/** Digest algorithms by OID, as node:crypto names them (RSA-PSS parameters name theirs). */
const DIGEST_NAMES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithms that name their digest (RFC 4055, RFC 5758). */
const SIGNATURE_DIGESTS: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

const x509s = new WeakMap<pkijs.Certificate, X509Certificate>();

function x509Of(certificate: pkijs.Certificate): X509Certificate {
  let x509 = x509s.get(certificate);
  if (!x509) {
    x509 = new X509Certificate(certificateDer(certificate));
    x509s.set(certificate, x509);
  }
  return x509;
}

export function publicKeyOf(certificate: pkijs.Certificate): KeyObject {
  return x509Of(certificate).publicKey;
}

/** An AlgorithmIdentifier: its OID and its parameters as encoded (null when absent or NULL). */
export interface SignatureAlgorithm {
  oid: string;
  params: Uint8Array | null;
}

export function algorithmOf(identifier: pkijs.AlgorithmIdentifier): SignatureAlgorithm {
  const params = identifier.algorithmParams as asn1js.AsnType | undefined;
  return { oid: identifier.algorithmId, params: params && !(params instanceof asn1js.Null) ? new Uint8Array(params.toBER()) : null };
}

/**
 * `signature` over `data` by `key` with `algorithm`; `digest` names the hash where the algorithm
 * does not (rsaEncryption or ecPublicKey in a signer info). An unsupported or malformed algorithm
 * or key is a signature that does not verify.
 */
export function verifiesWith(key: KeyObject, algorithm: SignatureAlgorithm, data: Uint8Array, signature: Uint8Array, digest?: string): boolean {
  try {
    const { oid } = algorithm;
    if (oid === RSA_PSS) {
      // RFC 4055 §3.1: absent parameters mean SHA-1 and a 20-byte salt.
      const params = new pkijs.RSASSAPSSParams(algorithm.params ? { schema: asn1js.fromBER(algorithm.params).result } : {});
      const hash = DIGEST_NAMES[params.hashAlgorithm.algorithmId];
      return hash !== undefined && verify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength }, signature);
    }
    const hash = SIGNATURE_DIGESTS[oid] ?? (oid === RSA || oid === EC_PUBLIC_KEY ? digest : undefined);
    return hash !== undefined && verify(hash, data, key, signature);
  } catch {
    return false;
  }
}

/** `check` remembered per pair of objects (WeakMaps: it keeps nothing alive); a throw counts as false. */
export function rememberedPerPair<A extends object, B extends object>(check: (a: A, b: B) => boolean): (a: A, b: B) => boolean {
  const results = new WeakMap<A, WeakMap<B, boolean>>();
  return (a, b) => {
    let known = results.get(a);
    if (!known) {
      known = new WeakMap();
      results.set(a, known);
    }
    let result = known.get(b);
    if (result === undefined) {
      try {
        result = check(a, b);
      } catch {
        result = false;
      }
      known.set(b, result);
    }
    return result;
  };
}

/** `certificate`'s signature verifies with `issuer`'s key; remembered, as chains repeat across documents. */
export const signedBy = rememberedPerPair((certificate: pkijs.Certificate, issuer: pkijs.Certificate) => x509Of(certificate).verify(publicKeyOf(issuer)));
