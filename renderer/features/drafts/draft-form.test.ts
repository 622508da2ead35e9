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
    const form = { ...formFromMetadata(saved), codeNumber: ' 05 ', codeNotation: 'QĐ-UBND', subject: 'V/v triển khai ', priority: 3 as const };
    expect(changedFields(form, saved)).toEqual({ codeNumber: '05', codeNotation: 'QĐ-UBND', priority: 3 });
  });

  it('sends a cleared due date as null and a set one as the date', () => {
    expect(changedFields({ ...formFromMetadata(saved), dueDate: '2026-03-20' }, saved)).toEqual({ dueDate: '2026-03-20' });
    expect(changedFields({ ...formFromMetadata({ ...saved, dueDate: '2026-03-20' }), dueDate: '' }, { ...saved, dueDate: '2026-03-20' })).toEqual({ dueDate: null });
  });
});

describe('field errors from the core', () => {
  it('maps error paths to form fields', () => {
    expect(errorFieldName('fields.codeNumber')).toBe('codeNumber');
    expect(errorFieldName('codeNumber')).toBe('codeNumber');
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
