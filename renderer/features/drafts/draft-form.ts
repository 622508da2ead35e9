/**
 * The draft editing form as plain data: what the fields hold, which of them changed since the
 * last save (only those are sent), and which field an error from the core belongs to. The number
 * is not a field: the outgoing register gives it (the form shows it read-only).
 */
import type { DocumentMetadata, Priority } from '../../../shared/api/documents.js';
import type { DraftChanges } from '../../../shared/api/draft-field-schema.js';
import { DRAFT_FIELD_SPECS, DRAFT_FIELDS, type DraftField, type DraftFieldOfKind } from '../../../shared/api/draft-fields.js';

export type { DraftChanges } from '../../../shared/api/draft-field-schema.js';
export { DRAFT_FIELDS, isDraftField, type DraftField } from '../../../shared/api/draft-fields.js';

export type TextField = DraftFieldOfKind<'text'>;

/**
 * What the form's controls hold: text as typed, the "Nơi nhận" lines as one text (one per line),
 * the due date as yyyy-MM-dd or '' for none (what a date input holds).
 */
export type DraftForm = { [K in DraftField]: K extends DraftFieldOfKind<'priority'> ? Priority : string };

export const PRIORITIES: readonly Priority[] = [0, 1, 2, 3, 4];

export function isPriority(value: number): value is Priority {
  return (PRIORITIES as readonly number[]).includes(value);
}

export function formFromMetadata(metadata: DocumentMetadata): DraftForm {
  const form: Record<string, unknown> = {};
  for (const name of DRAFT_FIELDS) {
    const value = metadata[name];
    switch (DRAFT_FIELD_SPECS[name].kind) {
      case 'lines':
        form[name] = (value as string[]).join('\n');
        break;
      case 'date':
        form[name] = value ?? '';
        break;
      default:
        form[name] = value;
    }
  }
  return form as DraftForm;
}

/** The lines of the "Nơi nhận" box, trimmed, blank ones dropped (as the core keeps them). */
export function toPlaceLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The fields whose (trimmed) value differs from what is saved: what drafts.update must carry. */
export function changedFields(form: DraftForm, saved: DocumentMetadata): DraftChanges {
  const changes: Record<string, unknown> = {};
  for (const name of DRAFT_FIELDS) {
    const typed = form[name];
    switch (DRAFT_FIELD_SPECS[name].kind) {
      case 'text': {
        const value = (typed as string).trim();
        if (value !== saved[name]) changes[name] = value;
        break;
      }
      case 'lines': {
        const lines = toPlaceLines(typed as string);
        if (lines.join('\n') !== (saved[name] as string[]).join('\n')) changes[name] = lines;
        break;
      }
      case 'date': {
        const date = (typed as string).trim() === '' ? null : (typed as string).trim();
        if (date !== saved[name]) changes[name] = date;
        break;
      }
      case 'priority':
        if (typed !== saved[name]) changes[name] = typed;
    }
  }
  return changes as DraftChanges;
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
