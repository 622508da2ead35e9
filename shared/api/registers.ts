/** Registers (sổ đăng ký) and reports, as the API returns them. */
import type { DocumentState } from './documents.js';
import type { FileLink } from './file-links.js';

export type RegisterDirection = 'in' | 'out';

export interface RegisterInfo {
  id: number;
  code: string;
  name: string;
  direction: RegisterDirection;
  /** Which documents go in it (a kind, a confidentiality level): guidance when choosing. */
  scope: string;
  isDefault: boolean;
  active: boolean;
  /** Years that have entries, newest first. */
  years: number[];
}

/** The decree's columns of the incoming book (NĐ 30/2020, docs/formats.md#decree-30), in order. */
export const INCOMING_COLUMNS = ['arrivalDate', 'arrivalNumber', 'issuer', 'numberNotation', 'documentDate', 'typeAndSubject', 'receiver', 'receiptSignature', 'notes'] as const;
/** The decree's columns of the outgoing book, in order. */
export const OUTGOING_COLUMNS = ['numberNotation', 'documentDate', 'typeAndSubject', 'signer', 'recipients', 'keeper', 'copies', 'notes'] as const;

export type RegisterColumn = (typeof INCOMING_COLUMNS)[number] | (typeof OUTGOING_COLUMNS)[number];

export function registerColumns(direction: RegisterDirection): readonly RegisterColumn[] {
  return direction === 'in' ? INCOMING_COLUMNS : OUTGOING_COLUMNS;
}

/** One line of the book: the text of each of its direction's columns (blank where the clerk writes by hand). */
export interface RegisterEntry {
  documentId: number;
  number: number;
  cells: Partial<Record<RegisterColumn, string>>;
  /** The yyyy-MM-dd behind each date column's cell: a spreadsheet keeps them as dates. */
  isoDates: Partial<Record<RegisterColumn, string>>;
}

export interface RegisterPage {
  register: RegisterInfo;
  year: number;
  rows: RegisterEntry[];
  total: number;
}

export type ExportFormat = 'pdf' | 'xlsx' | 'csv';

/** An exported file, downloaded by its link (see file-links.ts). */
export type ExportedFile = FileLink;

// ── Reports ──────────────────────────────────────────────────────────────────
export interface CountRow {
  /** A month (yyyy-MM: the screen and the files write it MM/yyyy), an agency's name or a document type. */
  label: string;
  sent: number;
  received: number;
}

export interface ProcessingTimes {
  /** Accepted documents brought to done (status 06) in the period. */
  count: number;
  /** In hours, null when no document was done. */
  medianHours: number | null;
  p90Hours: number | null;
  rows: { label: string; count: number; medianHours: number; p90Hours: number }[];
}

export interface OverdueRow {
  documentId: number;
  subject: string;
  numberNotation: string;
  senderName: string;
  dueDate: string;
  daysLate: number;
  state: DocumentState;
}

export const REPORT_KINDS = ['byMonth', 'byAgency', 'byType', 'processingTimes', 'overdue'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
