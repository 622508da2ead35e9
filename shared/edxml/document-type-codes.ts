/**
 * DocumentType/Type and TypeDetail for a type name. The numeric table is not settled between
 * senders, so receivers read TypeName; the numbers are an assumption kept here and overridable per
 * agency (docs/formats.md#edxml-header, `<data dir>/document-types.json`).
 */
import { foldName } from '../domain/verification.js';

export interface DocumentTypeCode {
  type: number;
  typeDetail: number;
}

export type DocumentTypeCodes = Readonly<Record<string, DocumentTypeCode>>;

/** Type 1 (an administrative document) and its place in NĐ 30/2020's list of types (Article 7). */
const ADMINISTRATIVE_TYPES = [
  'Nghị quyết',
  'Quyết định',
  'Chỉ thị',
  'Quy chế',
  'Quy định',
  'Thông cáo',
  'Thông báo',
  'Hướng dẫn',
  'Chương trình',
  'Kế hoạch',
  'Phương án',
  'Đề án',
  'Dự án',
  'Báo cáo',
  'Biên bản',
  'Tờ trình',
  'Hợp đồng',
  'Công văn',
  'Công điện',
  'Bản ghi nhớ',
  'Bản thỏa thuận',
  'Giấy ủy quyền',
  'Giấy mời',
  'Giấy giới thiệu',
  'Giấy nghỉ phép',
  'Phiếu gửi',
  'Phiếu chuyển',
  'Phiếu báo',
  'Thư công',
] as const;

export const DEFAULT_DOCUMENT_TYPE_CODES: DocumentTypeCodes = Object.fromEntries(ADMINISTRATIVE_TYPES.map((name, index) => [name, { type: 1, typeDetail: index + 1 }]));

/** The codes of `typeName` (compared as a clerk reads it: case, tone marks and spacing aside), or null. */
export function documentTypeCode(typeName: string, codes: DocumentTypeCodes): DocumentTypeCode | null {
  const folded = foldName(typeName);
  if (folded === '') return null;
  for (const [name, code] of Object.entries(codes)) if (foldName(name) === folded) return code;
  return null;
}
