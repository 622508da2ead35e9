/**
 * A best guess of the header of a Vietnamese administrative document from the text of its first
 * page (OCR or text layer), laid out by Decree 30's form: the issuing agency at the top left,
 * "Số: 125/QĐ-UBND", "<place>, ngày 12 tháng 3 năm 2026", the type in capitals and the subject
 * below it (or "V/v …" for a công văn). The clerk confirms every field: this only saves typing.
 */
import type { GuessedHeader } from '../../../shared/api/intake.js';

const NATIONAL_MOTTO = /^(CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP)/u;

/** Type names as written in capitals on the page, and as stored (the list of Decree 30, Art. 7). */
const TYPES = [
  'Nghị quyết', 'Quyết định', 'Chỉ thị', 'Quy chế', 'Quy định', 'Thông cáo', 'Thông báo', 'Hướng dẫn', 'Chương trình', 'Kế hoạch',
  'Phương án', 'Đề án', 'Dự án', 'Báo cáo', 'Biên bản', 'Tờ trình', 'Hợp đồng', 'Công điện', 'Bản ghi nhớ', 'Bản thỏa thuận',
  'Giấy ủy quyền', 'Giấy mời', 'Giấy giới thiệu', 'Giấy nghỉ phép', 'Phiếu gửi', 'Phiếu chuyển', 'Phiếu báo', 'Thư công',
];

const isCapitals = (line: string) => /\p{Lu}/u.test(line) && line === line.toLocaleUpperCase('vi');

export function guessHeader(pageText: string): GuessedHeader {
  const lines = pageText.split('\n').map((line) => line.trim()).filter(Boolean);
  const numberLine = lines.findIndex((line) => /^Số\s*[:.]/u.test(line));
  const number = numberLine >= 0 ? /^Số\s*[:.]\s*([0-9]+)\s*\/\s*([\p{L}\p{N}.-]+)/u.exec(lines[numberLine]!) : null;
  const date = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu.exec(pageText);
  const above = numberLine >= 0 ? lines.slice(0, numberLine) : lines.slice(0, 3);
  const senderName = above.filter((line) => isCapitals(line) && !NATIONAL_MOTTO.test(line)).pop() ?? '';

  let typeName = '';
  let subject = '';
  const about = lines.findIndex((line) => /^V\/v\b/iu.test(line));
  const typeLine = lines.findIndex((line, i) => i > numberLine && isCapitals(line) && TYPES.some((type) => type.toLocaleUpperCase('vi') === line));
  if (typeLine >= 0) {
    typeName = TYPES.find((type) => type.toLocaleUpperCase('vi') === lines[typeLine])!;
    subject = lines[typeLine + 1] ?? '';
  } else if (about >= 0) {
    typeName = 'Công văn';
    subject = lines[about]!.replace(/^V\/v\s*/iu, '');
  }
  const pad = (n: string) => n.padStart(2, '0');
  return {
    codeNumber: number?.[1] ?? '',
    codeNotation: number?.[2] ?? '',
    promulgationDate: date ? `${date[3]}-${pad(date[2]!)}-${pad(date[1]!)}` : null,
    senderName,
    typeName,
    subject: subject.slice(0, 500),
  };
}
