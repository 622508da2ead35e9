/** The USB-token signing API as the renderer sees it (dates as ISO strings). */

export interface SigningSettings {
  /** The PKCS#11 library in use, or null when none was set or found. */
  module: string | null;
  /** Where `module` comes from: this computer's setting, VANTHU_PKCS11_MODULE, or auto-detection. */
  source: 'setting' | 'env' | 'detected' | 'none';
  /** Windows: the known Vietnamese token drivers installed here; `reason` says why one cannot be loaded (wrong bitness, no C_GetFunctionList). */
  candidates: { path: string; name: string; bits: 64 | 32; loadable: boolean; reason: string | null }[];
  /** RFC 3161 time-stamp server: set, signatures are PAdES B-T; null, B-B. */
  tsaUrl: string | null;
}

export interface TokenCertificateSummary {
  /** CKA_ID in hex: what signAsLeader / numberAndSignAsAgency name. */
  id: string;
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
