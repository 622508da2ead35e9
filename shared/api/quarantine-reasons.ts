/**
 * Why a received package went to quarantine, as a code: the clerk reads the code's text from the
 * i18n table (`quarantine.reason.<code>`), the technical detail (the parser's own words, in
 * English) only under "Chi tiết". The parser's reasons (`EdxmlRejectReason`) keep their names here.
 * See docs/reliability.md#quarantine-reasons.
 */
import type { EdxmlRejectReason } from '../edxml/errors.js';

export const QUARANTINE_REASONS = [
  // The package itself (shared/edxml/errors.ts).
  'not_well_formed',
  'doctype_or_entity',
  'wrong_namespace',
  'not_edxml',
  'missing_from',
  'missing_document_id',
  'bad_base64',
  'reference_without_attachment',
  'too_large',
  'too_deep',
  // Its attachments and size (the zip rule and the receiver's caps).
  'bad_attachment',
  'unzipped_too_large',
  'package_too_large',
  // Who sent it.
  'sender_missing',
  'sender_mismatch',
  // What it is about.
  'unknown_document',
  'not_a_recipient',
  // Retry of a package whose bytes were not kept.
  'bytes_not_kept',
  // Anything else: the detail says what.
  'other',
] as const;

export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

export function isQuarantineReason(value: unknown): value is QuarantineReason {
  return typeof value === 'string' && (QUARANTINE_REASONS as readonly string[]).includes(value);
}

// Every reason the parser gives is a quarantine reason, under the same name.
const _everyParserReasonIsAQuarantineReason: [Exclude<EdxmlRejectReason, QuarantineReason>] extends [never] ? true : never = true;
void _everyParserReasonIsAQuarantineReason;
