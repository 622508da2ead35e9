/** The USB-token signing API as the renderer sees it (dates as ISO strings). */

export interface SigningSettings {
  /** The PKCS#11 library in use, or null when none was set or found. */
  module: string | null;
  /** Where `module` comes from: the admin policy Pkcs11Library (then it cannot be changed here), this computer's setting, VANTHU_PKCS11_MODULE, or auto-detection. */
  source: 'policy' | 'setting' | 'env' | 'detected' | 'none';
  /** Windows: the known Vietnamese token drivers installed here; `reason` says why one cannot be loaded (wrong bitness, no C_GetFunctionList). */
  candidates: { path: string; name: string; bits: 64 | 32; loadable: boolean; reason: string | null }[];
  /** RFC 3161 time-stamp server: set, signatures are PAdES B-T; null, B-B. */
  tsaUrl: string | null;
  /** Where `tsaUrl` comes from: the admin policy TsaUrl (then it cannot be changed here) or this computer's setting. */
  tsaSource: 'policy' | 'setting' | 'none';
  /** The images chosen in Settings; null: the next level of the fallback is used (see SigningImageKind). */
  images: {
    /** This computer's default signature image, for certificates without their own. */
    signature: SigningImageInfo | null;
    /** The agency's seal. */
    seal: SigningImageInfo | null;
    /** Signature images of single certificates (several leaders sharing a clerk's computer). */
    certificates: CertificateImageInfo[];
  };
  /** The seal's real diameter, drawn at actual size. */
  sealDiameterMm: number;
}

/**
 * 'signature': the leader's handwritten signature, per signer certificate, else this computer's
 * default, else assets/signature-default.png. 'seal': the agency's seal, else assets/seal-default.png.
 */
export type SigningImageKind = 'signature' | 'seal';

export interface SigningImageInfo {
  /** SHA-256 of the PNG file (its name in the blob store). */
  sha256: string;
  size: number;
  width: number;
  height: number;
  /** Some pixel is not fully opaque; a PNG without transparency covers the text under it. */
  transparent: boolean;
}

export interface CertificateImageInfo {
  /** SHA-256 of the certificate's DER, as TokenCertificateSummary.sha256. */
  certificateSha256: string;
  /** The holder's name when the image was chosen, to name it while the token is not inserted. */
  holder: string;
  image: SigningImageInfo;
}

/** The image a signature would use now, and which level of the fallback it comes from. */
export interface SigningImage {
  png: Uint8Array;
  source: 'certificate' | 'setting' | 'default';
  info: SigningImageInfo;
}

/** Whether a certificate is a person's or an organisation's, and what decided it. */
export interface CertificateKindInfo {
  /** null: neither could be told; the certificate must be set by hand in Settings before it signs. */
  kind: 'person' | 'organization' | null;
  /** 'subject': its subject's markers; 'setting': set in Settings (wins over the subject). */
  source: 'subject' | 'setting' | 'none';
  /** What the subject alone says (the kind when nothing was set in Settings). */
  subjectKind: 'person' | 'organization' | null;
  /** The subject marker that decided (or the conflicting ones), for the technical details. */
  marker: string | null;
}

export interface TokenCertificateSummary {
  /** CKA_ID in hex: what signAsLeader / numberAndSignAsAgency name. */
  id: string;
  /** SHA-256 of the certificate's DER: the key of its own signature image. */
  sha256: string;
  holderName: string | null;
  holderTitle: string | null;
  holderOrganization: string | null;
  holder: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  usable: boolean;
  /** Why it cannot sign: 'expired_certificate', 'no_signing_usage' or 'no_key'. */
  reason: string | null;
  /** The leader's step offers personal certificates, the agency's step organisation ones. */
  kind: CertificateKindInfo;
}

export interface TokenSummary {
  slot: string;
  label: string;
  manufacturer: string;
  serial: string;
  pinLow: boolean;
  pinFinalTry: boolean;
  pinLocked: boolean;
  certificates: TokenCertificateSummary[];
}
