/**
 * A draft's fields are defined once (shared/api/draft-fields.ts): every field of that table goes
 * from the form, through the real core's API and its SQLite store, back to the API and the form,
 * unchanged, with nothing else changing on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import { DRAFT_FIELD_SPECS, DRAFT_FIELDS, type DraftFieldSpec } from '../shared/api/draft-fields.js';
import { changedFields, formFromMetadata, type DraftForm } from '../renderer/features/drafts/draft-form.js';
import { startAgency, type TestAgency } from './agency-harness.js';

let axis: TemporaryAxis;
let A: TestAgency;

beforeAll(async () => {
  axis = await startTemporaryAxis();
  A = await startAgency(axis.server.url, axis.agencies[0]!);
});
afterAll(async () => {
  await A?.close();
  await axis?.dispose();
});

/** What a clerk types into the field: as long as the field allows, with Vietnamese letters and stray spaces. */
function typed(spec: DraftFieldSpec): { form: string | number; stored: unknown } {
  switch (spec.kind) {
    case 'text': {
      const text = 'Điều chỉnh ĐẾN '.repeat(spec.maxLength).slice(0, spec.maxLength - 2).trimEnd();
      return { form: `  ${text}`, stored: text };
    }
    case 'lines':
      return { form: ' Như trên;\n\n- Lưu: VT. ', stored: ['Như trên;', '- Lưu: VT.'] };
    case 'date':
      return { form: '2026-12-31', stored: '2026-12-31' };
    case 'priority':
      return { form: 3, stored: 3 };
  }
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: { body: { code: string; fields?: Record<string, string> } }) => error.body);

describe('a draft field', () => {
  it.each(DRAFT_FIELDS)('%s round-trips form → API → store → API → form, alone', async (name) => {
    const created = await A.call('drafts.create', { subject: `Dự thảo ${name}`, summary: '' });
    const before = created.metadata;
    const { form: value, stored } = typed(DRAFT_FIELD_SPECS[name]);
    const form = { ...formFromMetadata(before), [name]: value } as DraftForm;

    const changes = changedFields(form, before);
    expect(Object.keys(changes)).toEqual([name]);
    const saved = await A.call('drafts.update', { id: created.id, fields: changes });
    expect(saved.metadata).toEqual({ ...before, [name]: stored });

    const read = await A.call('documents.get', { id: created.id });
    expect(read.metadata).toEqual(saved.metadata);
    expect(changedFields(formFromMetadata(read.metadata), read.metadata)).toEqual({});
  });

  it.each(DRAFT_FIELDS.filter((name) => DRAFT_FIELD_SPECS[name].kind === 'text'))('%s is refused past its length, by the API, under its own name', async (name) => {
    const { id } = await A.call('drafts.create', { subject: `Quá dài ${name}`, summary: '' });
    const spec = DRAFT_FIELD_SPECS[name] as Extract<DraftFieldSpec, { kind: 'text' }>;
    const failure = await failureOf(A.call('drafts.update', { id, fields: { [name]: 'x'.repeat(spec.maxLength + 1) } }));
    expect(failure).toMatchObject({ code: 'invalid_input' });
    expect(Object.keys(failure!.fields ?? {})).toEqual([`fields.${name}`]);
  });
});
