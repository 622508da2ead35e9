/**
 * The metadata rules of the archive package (docs/formats.md#archive-package): the dossier's EAD
 * (18 fields) and each document's EAD_doc (21 fields) of a SIP_hoso under Circular
 * 05/2025/TT-BNV, with their lengths and code tables, as zod schemas. The exporter checks what it
 * writes against them; the tests read a package back and check it against the same rules.
 */
import { z } from 'zod';
import { foldText } from '../../../shared/text/fold.js';

/** Document kinds (typeName), codes 01–32. */
export const DOCUMENT_TYPE_CODES: Readonly<Record<string, string>> = {
  'Nghị quyết': '01',
  'Quyết định': '02',
  'Chỉ thị': '03',
  'Quy chế': '04',
  'Quy định': '05',
  'Thông cáo': '06',
  'Thông báo': '07',
  'Hướng dẫn': '08',
  'Chương trình': '09',
  'Kế hoạch': '10',
  'Phương án': '11',
  'Đề án': '12',
  'Dự án': '13',
  'Báo cáo': '14',
  'Tờ trình': '15',
  'Giấy ủy quyền': '16',
  'Phiếu gửi': '17',
  'Phiếu chuyển': '18',
  'Phiếu báo': '19',
  'Biên bản': '20',
  'Hợp đồng': '21',
  'Công văn': '22',
  'Công điện': '23',
  'Bản ghi nhớ': '24',
  'Bản thỏa thuận': '25',
  'Giấy mời': '26',
  'Giấy giới thiệu': '27',
  'Giấy nghỉ phép': '28',
  'Thư công': '29',
  'Bản đồ': '30',
  'Bản vẽ kỹ thuật': '31',
  Khác: '32',
};
const TYPE_BY_FOLDED = new Map(Object.entries(DOCUMENT_TYPE_CODES).map(([name, code]) => [foldText(name), code]));

/** A document type name as VanThu stores it → its code; anything unlisted is 32 (Khác). */
export function documentTypeCode(typeName: string | null): string {
  return TYPE_BY_FOLDED.get(foldText((typeName ?? '').trim()).replace(/\s+/g, ' ')) ?? '32';
}

/** Retention (maintenance): 01 permanent, 02 70 years … 06 10 years, 07 any other period. */
const MAINTENANCE_BY_YEARS: Readonly<Record<number, string>> = { 70: '02', 50: '03', 30: '04', 20: '05', 10: '06' };
export function maintenanceCode(retentionYears: number | null): string {
  return retentionYears === null ? '01' : (MAINTENANCE_BY_YEARS[retentionYears] ?? '07');
}

const code = (values: readonly string[]) => z.enum(values as [string, ...string[]]);
const codes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0'));
/** DD/MM/YYYY, a real day. */
const date = z
  .string()
  .regex(/^\d{2}\/\d{2}\/\d{4}$/, 'DD/MM/YYYY')
  .refine((text) => {
    const [day, month, year] = text.split('/').map(Number) as [number, number, number];
    const parsed = new Date(Date.UTC(year, month - 1, day));
    return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
  }, 'not a day of the calendar');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().max(max).optional();
const number = (digits: number) => z.string().regex(new RegExp(`^\\d{1,${digits}}$`), `a number of at most ${digits} digits`);
const bool = z.enum(['0', '1']);

export const MAINTENANCE = code(codes(1, 7));
/** Chế độ sử dụng: 01 public, 02 conditional, 03 secret. */
export const MODE = code(codes(1, 3));
/** 01 Vietnamese … 11 other; several codes are separated by commas. */
export const LANGUAGE = z.string().regex(/^(0[1-9]|1[01])(,(0[1-9]|1[01]))*$/, 'language codes 01–11');
/** 01 born digital, 02 digitised, 03 mixed. */
export const CONFIDENCE_LEVEL = code(codes(1, 3));

const riskRecoveryRule = (value: { riskRecovery: string; riskRecoveryStatus?: string | undefined }) => value.riskRecovery === '0' || value.riskRecoveryStatus !== undefined;
const riskRecoveryError = { path: ['riskRecoveryStatus'], message: 'required when riskRecovery is 1' };

/** The dossier's EAD.xml (simpledc), in the order the circular lists the fields. */
export const DOSSIER_FIELDS = [
  'fileCode', 'title', 'maintenance', 'mode', 'language', 'startDate', 'endDate', 'keyword', 'totalDoc', 'numberOfPaper',
  'numberOfPage', 'format', 'inforSign', 'confidenceLevel', 'paperFileCode', 'riskRecovery', 'riskRecoveryStatus', 'description',
] as const;
export const dossierMetadata = z
  .object({
    fileCode: text(100),
    title: text(1000),
    maintenance: MAINTENANCE,
    mode: MODE,
    language: LANGUAGE.max(100),
    startDate: date,
    endDate: date,
    keyword: optionalText(100),
    totalDoc: number(10),
    numberOfPaper: number(10).optional(),
    numberOfPage: number(10),
    format: code(codes(1, 3)).optional(),
    inforSign: optionalText(30),
    confidenceLevel: CONFIDENCE_LEVEL.optional(),
    paperFileCode: optionalText(100),
    riskRecovery: bool,
    riskRecoveryStatus: code(codes(1, 2)).optional(),
    description: z.string().max(2000),
  })
  .strict()
  .refine(riskRecoveryRule, riskRecoveryError)
  .refine((value) => value.confidenceLevel !== '02' || value.paperFileCode !== undefined, { path: ['paperFileCode'], message: 'required for a digitised dossier' })
  .refine((value) => toIso(value.startDate) <= toIso(value.endDate), { path: ['endDate'], message: 'must not be before startDate' });
export type DossierMetadata = z.input<typeof dossierMetadata>;

/** Each document's EAD_doc_<name>.xml. */
export const DOCUMENT_FIELDS = [
  'docId', 'docCode', 'maintenance', 'typeName', 'codeNumber', 'codeNotation', 'issuedDate', 'organName', 'subject', 'language', 'numberOfPage',
  'inforSign', 'keyword', 'mode', 'confidenceLevel', 'autograph', 'format', 'riskRecovery', 'riskRecoveryStatus', 'process', 'description',
] as const;
export const documentMetadata = z
  .object({
    docId: text(25),
    /** The dossier's fileCode and the document's ordinal in it, seven digits. */
    docCode: z.string().max(100).regex(/\.\d{7}$/, 'fileCode + "." + a 7-digit ordinal'),
    maintenance: MAINTENANCE,
    typeName: code(codes(1, 32)),
    codeNumber: optionalText(11),
    codeNotation: optionalText(30),
    issuedDate: date,
    organName: text(200),
    subject: text(500),
    language: LANGUAGE.max(100),
    numberOfPage: number(4),
    inforSign: optionalText(30),
    keyword: optionalText(100),
    mode: MODE,
    confidenceLevel: CONFIDENCE_LEVEL.optional(),
    autograph: optionalText(2000),
    format: code(codes(1, 3)).optional(),
    riskRecovery: bool,
    riskRecoveryStatus: code(codes(1, 2)).optional(),
    /** 1: a processing-flow file goes with the document. */
    process: bool,
    description: z.string().max(500),
  })
  .strict()
  .refine(riskRecoveryRule, riskRecoveryError);
export type DocumentMetadata = z.input<typeof documentMetadata>;

function toIso(ddmmyyyy: string): string {
  const [day, month, year] = ddmmyyyy.split('/');
  return `${year}-${month}-${day}`;
}

/** 2026-03-05 → 05/03/2026. */
export function archiveDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/** The document's ordinal in its dossier as docCode writes it. */
export const docCodeOf = (fileCode: string, ordinal: number) => `${fileCode}.${String(ordinal).padStart(7, '0')}`;

/** Every rule a metadata record breaks, "field: reason", or none. */
export function metadataProblems(schema: typeof dossierMetadata | typeof documentMetadata, record: unknown): string[] {
  const result = schema.safeParse(record);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`);
}
