/**
 * The draft editing form as plain data: what the fields hold, which of them changed since the
 * last save (only those are sent), and which field an error from the core belongs to. The number
 * is not a field: the outgoing register gives it (the form shows it read-only).
 */
import type { ApiInput } from '../../../shared/api/contract.js';
import type { DocumentMetadata, Priority } from '../../../shared/api/documents.js';

export type DraftChanges = ApiInput<'drafts.update'>['fields'];

/** The fields a clerk edits, in the order of the form. */
export const DRAFT_FIELDS = [
  'subject',
  'summary',
  'codeNotation',
  'typeName',
  'signerCompetence',
  'signerPosition',
  'signerFullName',
  'place',
  'toPlaces',
  'dueDate',
  'priority',
] as const satisfies readonly (keyof DraftChanges)[];
export type DraftField = (typeof DRAFT_FIELDS)[number];

export interface DraftForm {
  subject: string;
  summary: string;
  codeNotation: string;
  typeName: string;
  signerFullName: string;
  signerPosition: string;
  signerCompetence: string;
  place: string;
  /** The "Nơi nhận" lines as typed, one per line. */
  toPlaces: string;
  /** yyyy-MM-dd, '' for none (what <input type="date"> holds). */
  dueDate: string;
  priority: Priority;
}

export const PRIORITIES: readonly Priority[] = [0, 1, 2, 3, 4];

export function isPriority(value: number): value is Priority {
  return (PRIORITIES as readonly number[]).includes(value);
}

export function formFromMetadata(metadata: DocumentMetadata): DraftForm {
  return {
    subject: metadata.subject,
    summary: metadata.summary,
    codeNotation: metadata.codeNotation,
    typeName: metadata.typeName,
    signerFullName: metadata.signerFullName,
    signerPosition: metadata.signerPosition,
    signerCompetence: metadata.signerCompetence,
    place: metadata.place,
    toPlaces: metadata.toPlaces.join('\n'),
    dueDate: metadata.dueDate ?? '',
    priority: metadata.priority,
  };
}

export type TextField = Exclude<DraftField, 'dueDate' | 'priority' | 'toPlaces'>;
const TEXT_FIELDS = DRAFT_FIELDS.filter((name): name is TextField => name !== 'dueDate' && name !== 'priority' && name !== 'toPlaces');

/** The lines of the "Nơi nhận" box, trimmed, blank ones dropped (as the core keeps them). */
export function toPlaceLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The fields whose (trimmed) value differs from what is saved: what drafts.update must carry. */
export function changedFields(form: DraftForm, saved: DocumentMetadata): DraftChanges {
  const changes: DraftChanges = {};
  for (const name of TEXT_FIELDS) {
    const value = form[name].trim();
    if (value !== saved[name]) changes[name] = value;
  }
  const dueDate = form.dueDate.trim() === '' ? null : form.dueDate.trim();
  if (dueDate !== saved.dueDate) changes.dueDate = dueDate;
  if (form.priority !== saved.priority) changes.priority = form.priority;
  const toPlaces = toPlaceLines(form.toPlaces);
  if (toPlaces.join('\n') !== saved.toPlaces.join('\n')) changes.toPlaces = toPlaces;
  return changes;
}

export function hasChanges(changes: DraftChanges): boolean {
  return Object.keys(changes).length > 0;
}

/**
 * The field an error path from the core names: `fields.codeNotation` (drafts.update),
 * `codeNotation` or `recipients.2` (documents.send), `fields.toPlaces.3` → `codeNotation`,
 * `recipients`, `toPlaces`.
 */
export function errorFieldName(path: string): string {
  const parts = path.split('.');
  return parts[0] === 'fields' && parts.length > 1 ? parts[1]! : parts[0]!;
}

/** The core's field errors by field name (the first message of each), or an empty map. */
export function errorsByField(fields: Record<string, string> | undefined): Map<string, string> {
  const errors = new Map<string, string>();
  for (const [path, message] of Object.entries(fields ?? {})) {
    const name = errorFieldName(path);
    if (!errors.has(name)) errors.set(name, message);
  }
  return errors;
}

export function isDraftField(name: string): name is DraftField {
  return (DRAFT_FIELDS as readonly string[]).includes(name);
}
