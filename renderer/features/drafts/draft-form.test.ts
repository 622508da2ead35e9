import { describe, expect, it } from 'vitest';
import type { DocumentMetadata } from '../../../shared/api/documents.js';
import { changedFields, errorFieldName, errorsByField, formFromMetadata, hasChanges } from './draft-form.js';

const saved: DocumentMetadata = {
  subject: 'V/v triển khai',
  summary: '',
  codeNumber: '',
  codeNotation: '',
  typeName: 'Công văn',
  signerFullName: '',
  signerPosition: '',
  signerCompetence: '',
  place: 'Nghệ An',
  toPlaces: ['Như trên;', 'Lưu: VT.'],
  promulgationDate: null,
  dueDate: null,
  priority: 0,
};

describe('the draft form', () => {
  it('starts from the saved metadata, with no changes', () => {
    const form = formFromMetadata(saved);
    expect(form.dueDate).toBe('');
    expect(hasChanges(changedFields(form, saved))).toBe(false);
  });

  it('sends only the fields that changed, trimmed', () => {
    const form = { ...formFromMetadata(saved), codeNotation: ' QĐ-UBND ', subject: 'V/v triển khai ', priority: 3 as const };
    expect(changedFields(form, saved)).toEqual({ codeNotation: 'QĐ-UBND', priority: 3 });
  });

  it('has no number field: the register gives the number', () => {
    expect(Object.keys(formFromMetadata({ ...saved, codeNumber: '07' }))).not.toContain('codeNumber');
  });

  it('keeps "Nơi nhận" as lines: blank lines and spaces around them do not count as changes', () => {
    const form = formFromMetadata(saved);
    expect(form.toPlaces).toBe('Như trên;\nLưu: VT.');
    expect(changedFields({ ...form, toPlaces: '  Như trên;\n\n Lưu: VT. \n' }, saved)).toEqual({});
    expect(changedFields({ ...form, toPlaces: 'Như trên;\nSở Nội vụ (để b/c);\nLưu: VT.' }, saved)).toEqual({ toPlaces: ['Như trên;', 'Sở Nội vụ (để b/c);', 'Lưu: VT.'] });
  });

  it('sends a cleared due date as null and a set one as the date', () => {
    expect(changedFields({ ...formFromMetadata(saved), dueDate: '2026-03-20' }, saved)).toEqual({ dueDate: '2026-03-20' });
    expect(changedFields({ ...formFromMetadata({ ...saved, dueDate: '2026-03-20' }), dueDate: '' }, { ...saved, dueDate: '2026-03-20' })).toEqual({ dueDate: null });
  });
});

describe('field errors from the core', () => {
  it('maps error paths to form fields', () => {
    expect(errorFieldName('fields.codeNotation')).toBe('codeNotation');
    expect(errorFieldName('codeNotation')).toBe('codeNotation');
    expect(errorFieldName('fields.toPlaces.3')).toBe('toPlaces');
    expect(errorFieldName('recipients.2')).toBe('recipients');
    expect(errorFieldName('(input)')).toBe('(input)');
  });

  it('keeps the first message per field', () => {
    const errors = errorsByField({ 'recipients.0': 'bad id', 'recipients.3': 'bad id too', 'fields.subject': 'too long' });
    expect([...errors]).toEqual([
      ['recipients', 'bad id'],
      ['subject', 'too long'],
    ]);
    expect(errorsByField(undefined).size).toBe(0);
  });
});
