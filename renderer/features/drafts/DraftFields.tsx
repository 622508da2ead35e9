/**
 * The header fields of a draft (docs/formats.md#edxml-header), locked (read-only, greyed) while the
 * draft is with the signers. The number is shown, never typed: the outgoing register gives it.
 */
import { Fragment } from 'react';
import type { DocumentMetadata } from '../../../shared/api/documents.js';
import { DRAFT_FIELD_SPECS } from '../../../shared/api/draft-fields.js';
import type { PlainMessageKey } from '../../../shared/i18n/messages.js';
import { DateInput } from '../../components/DateInput.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';
import { DOCUMENT_TYPE_NAMES, SIGNER_COMPETENCE_PREFIXES } from './document-types.js';
import { DRAFT_FIELDS, type DraftField, type DraftForm } from './draft-form.js';
import { PrioritySelect } from './PrioritySelect.js';
import type { Problems } from './use-draft-form.js';

/** How a field shows beyond what its definition says: a hint under it, suggestions, a full row. */
const PRESENTATION: Partial<Record<DraftField, { hint?: PlainMessageKey; list?: string; wide?: true }>> = {
  subject: { wide: true },
  summary: { hint: 'common.optional', wide: true },
  codeNotation: { hint: 'draft.codeNotation.hint' },
  typeName: { hint: 'draft.typeName.hint', list: 'document-type-names' },
  signerCompetence: { hint: 'draft.signerCompetence.hint', list: 'signer-competence-prefixes' },
  dueDate: { hint: 'common.optional' },
  toPlaces: { hint: 'draft.toPlaces.hint', wide: true },
};

interface DraftFieldsProps {
  form: DraftForm;
  saved: DocumentMetadata;
  locked: boolean;
  problems: Problems;
  set<K extends keyof DraftForm>(name: K, value: DraftForm[K]): void;
}

export function DraftFields({ form, saved, locked, problems, set }: DraftFieldsProps) {
  const { t } = useI18n();
  const fieldError = (name: DraftField): string | null => (problems.fields.has(name) ? t(`draft.error.${name}`) : null);
  const fieldTitle = (name: string) => problems.fields.get(name);

  function control(name: DraftField) {
    const spec = DRAFT_FIELD_SPECS[name];
    const { hint, list, wide } = PRESENTATION[name] ?? {};
    const label = t(`draft.${name}`);
    const text = (value: string) => ({ title: fieldTitle(name), value, onChange: (event: { target: { value: string } }) => set(name, event.target.value) });
    let field;
    switch (spec.kind) {
      case 'priority':
        return <PrioritySelect key={name} value={form.priority} onChange={(priority) => set('priority', priority)} error={fieldError(name)} />;
      case 'date':
        field = (
          <Field label={label} hint={hint && t(hint)} error={fieldError(name)}>
            <DateInput title={fieldTitle(name)} value={form[name] as string} onChange={(iso) => set(name, iso)} />
          </Field>
        );
        break;
      case 'lines':
        field = (
          <Field label={label} hint={hint && t(hint)} error={fieldError(name)}>
            <textarea rows={4} {...text(form[name] as string)} />
          </Field>
        );
        break;
      case 'text':
        field =
          'multiline' in spec ? (
            <Field label={label} hint={hint && t(hint)} error={fieldError(name)}>
              <textarea rows={3} maxLength={spec.maxLength} {...text(form[name] as string)} />
            </Field>
          ) : (
            <Field label={label} hint={hint && t(hint)} error={fieldError(name)} required={'required' in spec ? spec.required : undefined}>
              <input type="text" autoComplete="off" maxLength={spec.maxLength} list={list} {...text(form[name] as string)} />
            </Field>
          );
    }
    return wide ? (
      <div key={name} className="span-2">
        {field}
      </div>
    ) : (
      <Fragment key={name}>{field}</Fragment>
    );
  }

  return (
    // A disabled fieldset: every control inside is locked and looks it, and cannot be focused to type in.
    <fieldset className="draft-fields" disabled={locked}>
      <div className="form-grid">
        {DRAFT_FIELDS.map((name) => (
          <Fragment key={name}>
            {control(name)}
            {name === 'summary' ? (
              // The number is shown, never typed: the outgoing register gives it.
              <Field label={t('draft.codeNumber')} hint={t('draft.codeNumber.fromRegister')}>
                <output className="field-value">{saved.codeNumber || t('draft.codeNumber.none')}</output>
              </Field>
            ) : null}
          </Fragment>
        ))}
      </div>
      <datalist id="document-type-names">
        {DOCUMENT_TYPE_NAMES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <datalist id="signer-competence-prefixes">
        {SIGNER_COMPETENCE_PREFIXES.map((prefix) => (
          <option key={prefix} value={prefix} />
        ))}
      </datalist>
    </fieldset>
  );
}
