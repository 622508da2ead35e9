/** The API's schema of a draft's fields, built from the table in draft-fields.ts. */
import { z } from 'zod';
import { DRAFT_FIELD_SPECS, DRAFT_FIELDS, type DraftField, type DraftFieldSpec } from './draft-fields.js';

type Specs = typeof DRAFT_FIELD_SPECS;
type TextSpec = Extract<DraftFieldSpec, { kind: 'text' }>;
type LinesSpec = Extract<DraftFieldSpec, { kind: 'lines' }>;
type DateSpec = Extract<DraftFieldSpec, { kind: 'date' }>;

export const prioritySchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

function textSchema(spec: TextSpec) {
  const text = z.string().trim().max(spec.maxLength);
  return spec.required ? text.min(1) : text;
}
function linesSchema(spec: LinesSpec) {
  return z
    .array(z.string().trim().max(spec.maxLineLength))
    .max(spec.maxLines)
    .transform((lines) => lines.filter((line) => line !== ''));
}
const dateSchema = () => z.iso.date().nullable();

type SchemaOf<S extends DraftFieldSpec> = S extends TextSpec
  ? ReturnType<typeof textSchema>
  : S extends LinesSpec
    ? ReturnType<typeof linesSchema>
    : S extends DateSpec
      ? ReturnType<typeof dateSchema>
      : typeof prioritySchema;

function fieldSchema(spec: DraftFieldSpec) {
  switch (spec.kind) {
    case 'text':
      return textSchema(spec);
    case 'lines':
      return linesSchema(spec);
    case 'date':
      return dateSchema();
    case 'priority':
      return prioritySchema;
  }
}

/** Every field as the API takes it (drafts.update takes any subset). */
export const draftFieldsSchema = z
  .object(Object.fromEntries(DRAFT_FIELDS.map((name) => [name, fieldSchema(DRAFT_FIELD_SPECS[name])])) as { [K in DraftField]: SchemaOf<Specs[K]> })
  .strict();

/** The fields' values as the API gives them back and the core stores them. */
export type DraftValues = z.output<typeof draftFieldsSchema>;
export type DraftChanges = Partial<DraftValues>;
