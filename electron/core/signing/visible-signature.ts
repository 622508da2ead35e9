/**
 * The three visible signatures of NĐ 30/2020 (Appendix I), shared by the app and `npm run sign`
 * so IT staff's batch signatures look like the clerk's: the leader's signature image alone; the
 * agency's seal at actual size with the agency's name, email and time beside it; and text only
 * (the agency signature on separate attachment files).
 */
import type { SignatureAppearance } from './pdf/appearance.js';
import { displayVietnamTime } from '../../../shared/text/vietnam-time.js';
import type { CertificateInfo } from '../pki/certificate-info.js';

export const POINTS_PER_MM = 72 / 25.4;

/** The leader's signature image, fitted to the widget and centred. */
export function leaderAppearance(image: Buffer): SignatureAppearance {
  return { image };
}

/** The seal drawn at `diameterMm` on the left, `lines` to its right in the embedded font. */
export function sealAppearance(seal: Buffer, diameterMm: number, lines: string[], font: Buffer): SignatureAppearance {
  return { image: seal, imageWidth: diameterMm * POINTS_PER_MM, lines, font, fontSize: 9 };
}

/** Times New Roman 10 pt in the decree; the embedded Liberation Serif has its metrics. */
export function textAppearance(lines: string[], font: Buffer): SignatureAppearance {
  return { lines, font, fontSize: 10 };
}

/** Beside the seal: the agency (the certificate's O, else its CN), its email, the signing time. */
export function agencyLines(holder: CertificateInfo['holder'], at: Date): string[] {
  return [holder.organization ?? holder.commonName ?? holder.text, holder.email ?? '', displayVietnamTime(at)];
}

