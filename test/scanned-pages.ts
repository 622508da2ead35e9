/**
 * Scanned pages made by the tests themselves, with known text: Vietnamese administrative lines
 * drawn with a Times-metric serif into an A4 PDF (pdf-lib), then rasterised the way a scanner
 * hands a page over (poppler's pdftoppm, 200 dpi grey JPEG, the decree's digitisation floor).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as fontkit from 'fontkit';
import { PDFDocument } from 'pdf-lib';

const run = promisify(execFile);
import { imagesToPdf } from '../electron/core/intake/images-to-pdf.js';
import { assetPath, SIGNATURE_FONT } from '../electron/core/signing/assets.js';

/** Ground truth of the page set: what a clerk receives on paper every day. */
export const VIETNAMESE_PAGES: readonly (readonly string[])[] = [
  [
    'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
    'Số: 125/QĐ-UBND',
    'Bắc Ninh, ngày 12 tháng 3 năm 2026',
    'QUYẾT ĐỊNH',
    'Về việc phê duyệt kế hoạch tuyển dụng công chức năm 2026',
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
    'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;',
    'Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV.',
  ],
  [
    'BỘ TÀI CHÍNH',
    'Số: 2087/BTC-NSNN',
    'Hà Nội, ngày 05 tháng 02 năm 2026',
    'V/v hướng dẫn quyết toán ngân sách nhà nước năm 2025',
    'Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.',
    'Để bảo đảm thời hạn khóa sổ kế toán và quyết toán ngân sách, Bộ Tài chính',
    'đề nghị các địa phương khẩn trương rà soát số dư tạm ứng, tổng hợp báo cáo',
    'gửi về Bộ trước ngày 31 tháng 3 năm 2026 để tổng hợp trình Chính phủ.',
  ],
  [
    'SỞ GIÁO DỤC VÀ ĐÀO TẠO',
    'Số: 318/SGDĐT-VP',
    'Đà Nẵng, ngày 20 tháng 4 năm 2026',
    'THÔNG BÁO',
    'Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng Tư',
    'Các phòng chuyên môn chủ động triển khai nhiệm vụ trọng tâm, đặc biệt là',
    'công tác chuẩn bị kỳ thi tốt nghiệp trung học phổ thông và tuyển sinh đầu cấp;',
    'báo cáo kết quả thực hiện về Văn phòng Sở trước ngày mười lăm hằng tháng.',
  ],
];

/** The page's text as a clerk would type it: lines joined by newlines. */
export const pageText = (lines: readonly string[]): string => lines.join('\n');

/** A one-page A4 PDF with the lines drawn in a 13 pt serif (no image: a born-digital page). */
export async function typedPagePdf(pages: readonly (readonly string[])[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await pdf.embedFont(await readFile(assetPath(SIGNATURE_FONT)), { subset: false });
  for (const lines of pages) {
    const page = pdf.addPage([595.28, 841.89]);
    lines.forEach((line, i) => page.drawText(line, { x: 70, y: 770 - i * 26, size: 13, font }));
  }
  return pdf.save();
}

/** Each page as a scanner's JPEG (grey, 200 dpi). */
export async function scannedPageImages(pages: readonly (readonly string[])[]): Promise<Uint8Array[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-scan-'));
  try {
    const file = path.join(dir, 'typed.pdf');
    await writeFile(file, await typedPagePdf(pages));
    await run('pdftoppm', ['-r', '200', '-gray', '-jpeg', '-jpegopt', 'quality=85', file, path.join(dir, 'page')]);
    const names = pages.map((_, i) => `page-${String(i + 1).padStart(String(pages.length).length, '0')}.jpg`);
    return await Promise.all(names.map(async (name) => new Uint8Array(await readFile(path.join(dir, name)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A scan as the desk makes one from a scanner's pages (intake/images-to-pdf.ts): images only, no text layer. */
export async function scannedPagePdf(pages: readonly (readonly string[])[]): Promise<Uint8Array> {
  return imagesToPdf(await scannedPageImages(pages), 'scan');
}
