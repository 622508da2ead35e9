/**
 * The fields a clerk edits on a draft (docs/formats.md#edxml-header), defined once: the API's
 * schema, the update's type, the store's columns and the form's fields (in this order) all come
 * from this table, so a new field is one row here plus its label and migration. The number is not
 * among them: it comes from the outgoing register when the agency signs (or when an unsigned
 * document is sent under the AllowUnsignedSending policy), never from the keyboard.
 *
 * No zod here: the renderer imports this table, and zod's eval probe would be a CSP violation in
 * the page; the schema is built in draft-field-schema.ts.
 */
interface TextSpec {
  kind: 'text';
  column: string;
  maxLength: number;
  required?: true;
  /** Several lines of prose (a textarea). */
  multiline?: true;
}
/** Lines kept in order, blank ones dropped (the printed "Nơi nhận"); stored as a JSON array. */
interface LinesSpec {
  kind: 'lines';
  column: string;
  maxLines: number;
  maxLineLength: number;
}
/** yyyy-MM-dd or none. */
interface DateSpec {
  kind: 'date';
  column: string;
}
interface PrioritySpec {
  kind: 'priority';
  column: string;
}
export type DraftFieldSpec = TextSpec | LinesSpec | DateSpec | PrioritySpec;

export const DRAFT_FIELD_SPECS = {
  subject: { kind: 'text', column: 'subject', maxLength: 500, required: true },
  summary: { kind: 'text', column: 'summary', maxLength: 500, multiline: true },
  codeNotation: { kind: 'text', column: 'code_notation', maxLength: 50 },
  typeName: { kind: 'text', column: 'type_name', maxLength: 100 },
  priority: { kind: 'priority', column: 'priority' },
  signerCompetence: { kind: 'text', column: 'signer_competence', maxLength: 100 },
  signerPosition: { kind: 'text', column: 'signer_position', maxLength: 100 },
  signerFullName: { kind: 'text', column: 'signer_name', maxLength: 50 },
  place: { kind: 'text', column: 'place', maxLength: 100 },
  dueDate: { kind: 'date', column: 'due_date' },
  /** The printed "Nơi nhận" lines (edXML ToPlaces): who the document names, not where it is routed. */
  toPlaces: { kind: 'lines', column: 'to_places', maxLines: 100, maxLineLength: 300 },
} as const satisfies Record<string, DraftFieldSpec>;

type Specs = typeof DRAFT_FIELD_SPECS;
export type DraftField = keyof Specs;
/** The fields in the order the form shows them. */
export const DRAFT_FIELDS = Object.keys(DRAFT_FIELD_SPECS) as DraftField[];
export type DraftFieldOfKind<Kind extends DraftFieldSpec['kind']> = { [K in DraftField]: Specs[K]['kind'] extends Kind ? K : never }[DraftField];

export function isDraftField(name: string): name is DraftField {
  return Object.hasOwn(DRAFT_FIELD_SPECS, name);
}
