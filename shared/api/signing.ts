/** The USB-token signing API as the renderer sees it (dates as ISO strings). */

export interface SigningSettings {
  /** The PKCS#11 library in use, or null when none was set or found. */
  module: string | null;
  /** Who publishes it, when it is a driver VanThu knows by name (VNPT-CA, Viettel-CA…); null: unknown. */
  publisher: string | null;
  /** Where `module` comes from: the admin policy Pkcs11Library (then it cannot be changed here), this computer's setting, VANTHU_PKCS11_MODULE, or auto-detection. */
  source: 'policy' | 'setting' | 'env' | 'detected' | 'none';
  /** The known token drivers installed here; `reason` says why one cannot be loaded (wrong bitness, no C_GetFunctionList). */
  candidates: { path: string; name: string; publisher: string | null; bits: 64 | 32; loadable: boolean; reason: string | null }[];
  /** Another library can be chosen in a file dialog (the desktop app); browser mode has none, IT sets it by policy. */
  canPickFile: boolean;
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
  /** The PNG by link (file-links.ts), for an <img>. */
  url: string;
  source: 'certificate' | 'setting' | 'default';
  info: SigningImageInfo;
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

/**
 * Why a PDF of a draft cannot be signed, decided before any PIN is asked (the `pdf` field of the
 * refusal, with `file`): it is encrypted, or its certification forbids any change (DocMDP P=1) or
 * new fields such as the number and date (P=2). See docs/formats.md#change-rules.
 */
export const SIGNING_REFUSALS = ['encrypted', 'certified_no_changes', 'certified_no_new_fields'] as const;
export type SigningRefusal = (typeof SIGNING_REFUSALS)[number];

// ── Placement of the issuing steps' boxes (docs/formats.md#signature-layout) ──

/** A box on a page as the reader sees it: points from the top-left corner of the page as shown, upright; pages from 1. */
export interface PageBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes placed at Trình ký: the number and date fields on page 1, the leader's signature in the signer's block. */
export type PlacementBoxKind = 'number' | 'date' | 'leader';

/**
 * Where a box comes from: 'field' the PDF's own field (placed already), 'text' found in the
 * document's text, 'template' where the clerk put it on an earlier document of the same type and
 * page layout, 'clerk' placed now, 'missing' a proposal at the usual place that the clerk must
 * move into position before submitting.
 */
export type PlacementSource = 'field' | 'text' | 'template' | 'clerk' | 'missing';

export interface SigningPlacement {
  pageCount: number;
  boxes: Record<PlacementBoxKind, { box: PageBox; source: PlacementSource }>;
  /** The agency's stamp as it will be drawn: the seal over the leader's signature and its text; null once signed. */
  stamp: { seal: PageBox; text: PageBox } | null;
}
