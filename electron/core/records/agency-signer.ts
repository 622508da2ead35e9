/**
 * What the records features need from the agency's token: who signs, when, and a way to sign a
 * file with a visible text-only signature. The signing handlers make one per call (they own the
 * PKCS#11 module, the PIN and the time-stamp server), so copies and handover lists are signed by
 * the same path as issued documents.
 */
import type { SignatureAppearance } from '../signing/pdf/appearance.js';
import { viewBoxToRect, type PageGeometry, type Rect } from '../signing/pdf/page-geometry.js';
import type { TokenCertificate } from '../signing/pkcs11/token-service.js';

export interface SignaturePlacement {
  fieldName: string;
  rect: Rect;
  appearance: SignatureAppearance;
  reason: string;
}

export interface AgencySigner {
  certificate: TokenCertificate;
  /** The signing time every signature of this call shows. */
  at: Date;
  sign(file: string, placement: SignaturePlacement): Promise<void>;
}

/**
 * Top right of page 1 inside a 36 pt margin (box 14 of the decree's layout), wide enough for
 * three lines of 10 pt: where a copy's and a handover list's signatures go.
 */
export function topRightRect(geometry: PageGeometry): Rect {
  return viewBoxToRect(geometry, { x: geometry.width - 36 - 250, y: 36, width: 250, height: 42 });
}
