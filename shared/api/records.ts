/**
 * Records management as the API returns it: certified copies (bản sao) and their register,
 * dossiers (hồ sơ) of the yearly list, and handovers to the agency's archive (nộp lưu).
 * The rules and their legal sources are in docs/formats.md#records.
 */

/** The three copy forms of NĐ 30/2020 with their abbreviations: sao y, sao lục, trích sao. */
export const COPY_KINDS = ['SY', 'SL', 'TrS'] as const;
export type CopyKind = (typeof COPY_KINDS)[number];

/** What the copy's electronic signature says first: the form of the copy. */
export const COPY_FORM_TEXT: Record<CopyKind, string> = { SY: 'SAO Y', SL: 'SAO LỤC', TrS: 'TRÍCH SAO' };

export interface CertifiedCopy {
  id: number;
  documentId: number;
  /** The sao y a sao lục was made from. */
  sourceCopyId: number | null;
  kind: CopyKind;
  year: number;
  /** Its number in the copies register: one sequence for all three forms, from 1 each year. */
  number: number;
  /** "05/SY": number and the form's abbreviation, as the copies register writes it. */
  notation: string;
  /** Trích sao: the pages copied, e.g. "1-2,4"; null for a whole copy. */
  pages: string | null;
  agencyName: string;
  signer: string;
  fileName: string;
  sha256: string;
  size: number;
  note: string;
  createdAt: string;
  /** For the copies register's book. */
  documentSubject: string;
  documentNotation: string;
}

export type DossierState = 'open' | 'closed' | 'handed_over';

export interface Dossier {
  id: number;
  year: number;
  /** Số và ký hiệu hồ sơ, e.g. "01.VP". */
  code: string;
  /** The heading (đề mục) of the list it sits under. */
  heading: string;
  title: string;
  /** Years to keep; null: permanent (vĩnh viễn). */
  retentionYears: number | null;
  /** Người lập hồ sơ. */
  keeper: string;
  unit: string;
  /** Document types it collects (used to suggest it when a document is filed). */
  typeNames: string[];
  description: string;
  state: DossierState;
  openedAt: string;
  closedAt: string | null;
  documentCount: number;
  /** Dossiers kept 5 years or more are handed to the archive (NĐ 30 Art. 31). */
  handoverRequired: boolean;
  /** A closed dossier's handover deadline (YYYY-MM-DD): one year after the work ended. */
  handoverDue: string | null;
  /** The deadline is within 30 days (or past) and the dossier is not handed over yet. */
  handoverDueSoon: boolean;
  /** The last day it must be kept (YYYY-MM-DD); null while open or when permanent. */
  retentionEnds: string | null;
  handoverId: number | null;
}

export interface DossierFiling {
  filed: Dossier[];
  /** Open dossiers of the document's year, the likeliest first. */
  suggestions: Dossier[];
}

/** One line of the mục lục văn bản (table of contents). */
export interface DossierContentsRow {
  ordinal: number;
  documentId: number;
  numberNotation: string;
  /** YYYY-MM-DD or null. */
  date: string | null;
  typeAndSubject: string;
  author: string;
  pages: number;
  note: string;
}

export interface HandoverSignatureVerdict {
  dossierCode: string;
  fileName: string;
  indication: string;
  subIndication: string | null;
}

export interface Handover {
  id: number;
  fileName: string;
  sha256: string;
  size: number;
  dossierIds: number[];
  signer: string;
  createdAt: string;
  createdBy: string;
  /** The archival-form step's verdict on each signed file, as the package was made. */
  verdicts: HandoverSignatureVerdict[];
  receivedAt: string | null;
  receivedBy: string | null;
  receiptNote: string | null;
}
