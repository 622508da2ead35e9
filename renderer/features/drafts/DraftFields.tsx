/**
 * The header fields of a draft (docs/formats.md#edxml-header), locked (read-only, greyed) while the
 * draft is with the signers. The number is shown, never typed: the outgoing register gives it.
 */
import type { DocumentMetadata } from '../../../shared/api/documents.js';
import type { PlainMessageKey } from '../../../shared/i18n/messages.js';
import { DateInput } from '../../components/DateInput.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';
import { DOCUMENT_TYPE_NAMES, SIGNER_COMPETENCE_PREFIXES } from './document-types.js';
import type { DraftField, DraftForm, TextField } from './draft-form.js';
import { PrioritySelect } from './PrioritySelect.js';
import type { Problems } from './use-draft-form.js';

const LABEL: Record<DraftField, PlainMessageKey> = {
  subject: 'draft.subject',
  summary: 'draft.summary',
  codeNotation: 'draft.codeNotation',
  typeName: 'draft.typeName',
  signerFullName: 'draft.signerFullName',
  signerPosition: 'draft.signerPosition',
  signerCompetence: 'draft.signerCompetence',
  place: 'draft.place',
  toPlaces: 'draft.toPlaces',
  dueDate: 'draft.dueDate',
  priority: 'draft.priority',
};

const MAX_LENGTH: Record<TextField, number> = {
  subject: 500,
  summary: 500,
  codeNotation: 50,
  typeName: 100,
  signerFullName: 50,
  signerPosition: 100,
  signerCompetence: 100,
  place: 100,
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

  const text = (name: TextField, extra: { hint?: string; list?: string; required?: boolean } = {}) => (
    <Field label={t(LABEL[name])} hint={extra.hint} error={fieldError(name)} required={extra.required}>
      <input
        type="text"
        autoComplete="off"
        maxLength={MAX_LENGTH[name]}
        list={extra.list}
        title={fieldTitle(name)}
        value={form[name]}
        onChange={(event) => set(name, event.target.value)}
      />
    </Field>
  );

  return (
    // A disabled fieldset: every control inside is locked and looks it, and cannot be focused to type in.
    <fieldset className="draft-fields" disabled={locked}>
      <div className="form-grid">
        <div className="span-2">{text('subject', { required: true })}</div>
        <div className="span-2">
          <Field label={t('draft.summary')} hint={t('common.optional')} error={fieldError('summary')}>
            <textarea rows={3} maxLength={MAX_LENGTH.summary} title={fieldTitle('summary')} value={form.summary} onChange={(event) => set('summary', event.target.value)} />
          </Field>
        </div>
        <Field label={t('draft.codeNumber')} hint={t('draft.codeNumber.fromRegister')}>
          <output className="field-value">{saved.codeNumber || t('draft.codeNumber.none')}</output>
        </Field>
        {text('codeNotation', { hint: t('draft.codeNotation.hint') })}
        {text('typeName', { hint: t('draft.typeName.hint'), list: 'document-type-names' })}
        <PrioritySelect value={form.priority} onChange={(priority) => set('priority', priority)} error={fieldError('priority')} />
        {text('signerCompetence', { hint: t('draft.signerCompetence.hint'), list: 'signer-competence-prefixes' })}
        {text('signerPosition')}
        {text('signerFullName')}
        {text('place')}
        <Field label={t('draft.dueDate')} hint={t('common.optional')} error={fieldError('dueDate')}>
          <DateInput title={fieldTitle('dueDate')} value={form.dueDate} onChange={(iso) => set('dueDate', iso)} />
        </Field>
        <div className="span-2">
          <Field label={t('draft.toPlaces')} hint={t('draft.toPlaces.hint')} error={fieldError('toPlaces')}>
            <textarea rows={4} title={fieldTitle('toPlaces')} value={form.toPlaces} onChange={(event) => set('toPlaces', event.target.value)} />
          </Field>
        </div>
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
