/**
 * Trust anchors: the root (or intermediate) certificates a signature chain must end at to be
 * trusted, kept as files in `<data dir>/trust-anchors/` so that IT staff can also drop the
 * national government CA roots there by hand.
 */
export interface TrustAnchor {
  /** The file in the trust-anchors folder that holds it (a PEM file may hold several). */
  file: string;
  subject: string;
  commonName: string | null;
  organization: string | null;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, hex: the anchor's identity (remove takes it). */
  sha256: string;
}

export interface TrustAnchorList {
  /** The folder, for IT staff who manage it by hand. */
  folder: string;
  anchors: TrustAnchor[];
  /** Files in the folder that hold no readable certificate, and why. */
  unreadable: { file: string; reason: string }[];
}
