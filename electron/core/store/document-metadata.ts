/**
 * A document's header as the clerk's forms name it (DocumentMetadata), read from its row's
 * columns. No SQL and no database here: the SQLite store and the hub's PostgreSQL store both keep
 * a revision's "what it held before" in this one shape.
 */
import type { DocumentDirection, DocumentMetadata, DocumentState, DocumentSummary, Priority } from '../../../shared/api/documents.js';
import type { DraftValues } from '../../../shared/api/draft-field-schema.js';
import { DRAFT_FIELD_SPECS, DRAFT_FIELDS, type DraftFieldSpec } from '../../../shared/api/draft-fields.js';
import { printedPlaces } from '../../../shared/domain/printed-places.js';
import type { ContentColumns } from './received-content.js';

/** The columns the header is read from: the content columns and the printed "Nơi nhận" lines (JSON). */
export type MetadataColumns = ContentColumns & { to_places: string };

export function metadataOf(row: MetadataColumns): DocumentMetadata {
  const columns = row as unknown as Record<string, unknown>;
  const values = Object.fromEntries(DRAFT_FIELDS.map((name) => [name, fromColumn(DRAFT_FIELD_SPECS[name], columns[DRAFT_FIELD_SPECS[name].column])])) as DraftValues;
  return { ...values, codeNumber: row.code_number ?? '', promulgationDate: row.promulgation_date };
}

/** A draft field's value as its column holds it (null text reads as ''). */
function fromColumn(spec: DraftFieldSpec, value: unknown): unknown {
  switch (spec.kind) {
    case 'text':
      return value ?? '';
    case 'lines':
      return printedPlaces(value as string);
    case 'date':
      return value ?? null;
    case 'priority':
      return value;
  }
}

/** The columns a list row shows as the row holds them: the same in the SQLite store and the hub's PostgreSQL. */
export interface SummaryColumns extends ContentColumns {
  id: number;
  direction: DocumentDirection;
  state: DocumentState;
  sender_id: string | null;
  arrival_number: number | null;
}

/** A list row's fields read straight from its columns; the counts, flags and times each store adds in its own types. */
export function summaryFieldsOf(row: SummaryColumns): Pick<
  DocumentSummary,
  'id' | 'direction' | 'state' | 'subject' | 'codeNumber' | 'codeNotation' | 'typeName' | 'priority' | 'senderId' | 'senderName' | 'arrivalNumber' | 'promulgationDate' | 'dueDate'
> {
  return {
    id: row.id,
    direction: row.direction,
    state: row.state,
    subject: row.subject,
    codeNumber: row.code_number ?? '',
    codeNotation: row.code_notation ?? '',
    typeName: row.type_name ?? '',
    priority: row.priority as Priority,
    senderId: row.sender_id,
    senderName: row.sender_name,
    arrivalNumber: row.arrival_number,
    promulgationDate: row.promulgation_date,
    dueDate: row.due_date,
  };
}
