/** The app's issuing flow on a PDF: leader signs, the clerk numbers, the agency signs; each step a copy, as the app keeps them. */
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { signPdf } from '../../electron/core/signing/pdf/sign-pdf.js';
import { addTextFields, fillTextFields } from '../../electron/core/signing/pdf/text-fields.js';
import { signPades } from '../../electron/core/signing/timestamp/sign-pades.js';
import type { TestSigner } from './test-pki.js';

export const ISSUE_TIME = new Date('2026-03-12T02:15:30Z');

export const asset = (file: string): Promise<Buffer> => readFile(new URL(`../../assets/${file}`, import.meta.url));

export interface IssuedFiles {
  draft: string;
  leaderSigned: string;
  numbered: string;
  issued: string;
}

export async function issueDocument(
  source: string,
  dir: string,
  signers: { leader: TestSigner; agency: TestSigner },
  options: { m?: Date; tsaUrl?: string } = {},
): Promise<IssuedFiles> {
  const m = options.m ?? ISSUE_TIME;
  const draft = path.join(dir, 'draft.pdf');
  await copyFile(source, draft);
  await addTextFields(draft, [
    { name: 'Số', rect: [72, 700, 250, 720] },
    { name: 'Ngày', rect: [300, 700, 520, 720] },
  ]);
  const leaderSigned = path.join(dir, 'leader.pdf');
  // Visible appearances as the app draws them: the leader's image, the agency's seal with Vietnamese text.
  const leaderAppearance = { image: await asset('signature-default.png') };
  await signPdf(draft, leaderSigned, { fieldName: 'Lãnh đạo ký', rect: [300, 120, 500, 200], m, reason: 'Phê duyệt', appearance: leaderAppearance, ...signers.leader });
  const numbered = path.join(dir, 'numbered.pdf');
  await copyFile(leaderSigned, numbered);
  await fillTextFields(numbered, { Số: '05/QĐ-UBND', Ngày: 'ngày 12 tháng 3 năm 2026' }, await asset('fonts/LiberationSerif-Regular.ttf'));
  const issued = path.join(dir, 'issued.pdf');
  const agencyAppearance = { image: await asset('seal-default.png'), imageWidth: 100, lines: ['Ủy ban nhân dân tỉnh Thử Nghiệm', 'vanthu@thunghiem.gov.vn', '12/03/2026 09:16:30 +07:00'], font: await asset('fonts/LiberationSerif-Regular.ttf'), fontSize: 9 };
  await signPades(numbered, issued, {
    fieldName: 'Cơ quan ký', rect: [250, 110, 560, 210], m: new Date(m.getTime() + 60_000), appearance: agencyAppearance, ...signers.agency,
    ...(options.tsaUrl ? { tsaUrl: options.tsaUrl } : {}),
  });
  return { draft, leaderSigned, numbered, issued };
}
