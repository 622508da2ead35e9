/**
 * Arrivals that did not come over the axis (văn bản đến giấy, e-mail, hand-delivered): the scans
 * waiting to be registered, and what registering one takes.
 */
import type { TextReading } from './content-search.js';

export const ARRIVAL_ORIGINS = ['paper', 'email', 'hand'] as const;
export type ArrivalOrigin = (typeof ARRIVAL_ORIGINS)[number];

/** The header fields OCR could guess from the first page; the clerk confirms or corrects them. */
export interface GuessedHeader {
  codeNumber: string;
  codeNotation: string;
  /** yyyy-MM-dd */
  promulgationDate: string | null;
  senderName: string;
  typeName: string;
  subject: string;
}

export interface IntakeItem {
  id: number;
  /** scanner: found in the watched scanner folder; upload: dropped or chosen by the clerk. */
  source: 'scanner' | 'upload';
  fileName: string;
  size: number;
  sha256: string;
  createdAt: string;
  reading: TextReading | null;
  /** Null until the text was read. */
  guess: GuessedHeader | null;
}
