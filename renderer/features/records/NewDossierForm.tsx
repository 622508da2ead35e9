/** "Thêm hồ sơ vào danh mục": a dossier of the year's list (code, title, retention, who keeps it). */
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../../shared/i18n/messages.js';
import { useApiMutation } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';

export function NewDossierForm({ year }: { year: number }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [heading, setHeading] = useState('');
  const [permanent, setPermanent] = useState(false);
  const [years, setYears] = useState('10');
  const [keeper, setKeeper] = useState('');
  const [unit, setUnit] = useState('');
  const [types, setTypes] = useState('');
  const create = useApiMutation('dossiers.create', {
    meta: { inlineErrors: true },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: methodKey('dossiers.list') });
      setCode('');
      setTitle('');
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({
      year,
      code: code.trim(),
      title: title.trim(),
      heading: heading.trim(),
      retentionYears: permanent ? null : Number(years),
      keeper: keeper.trim(),
      unit: unit.trim(),
      typeNames: types.split(',').map((type) => type.trim()).filter(Boolean),
      description: '',
    });
  }

  return (
    <details className="new-dossier">
      <summary>{t('dossiers.new.heading')}</summary>
      <form onSubmit={submit} aria-label={t('dossiers.new.heading')} className="form-grid">
        <Field label={t('dossiers.new.code')} hint={t('dossiers.new.code.hint')} required error={create.error?.fields?.code ? t('dossiers.new.code.error') : null}>
          <input value={code} maxLength={20} required onChange={(event) => setCode(event.target.value)} />
        </Field>
        <Field label={t('dossiers.new.title')} required>
          <input value={title} maxLength={500} required onChange={(event) => setTitle(event.target.value)} />
        </Field>
        <Field label={t('dossiers.new.headingField')}>
          <input value={heading} maxLength={300} onChange={(event) => setHeading(event.target.value)} />
        </Field>
        <Field label={t('dossiers.new.keeper')} required>
          <input value={keeper} maxLength={100} required onChange={(event) => setKeeper(event.target.value)} />
        </Field>
        <Field label={t('dossiers.new.retention')}>
          <input type="number" min={1} max={100} value={years} disabled={permanent} onChange={(event) => setYears(event.target.value)} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={permanent} onChange={(event) => setPermanent(event.target.checked)} />
          {t('dossiers.retention.permanent')}
        </label>
        <Field label={t('dossiers.new.unit')}>
          <input value={unit} maxLength={200} onChange={(event) => setUnit(event.target.value)} />
        </Field>
        <Field label={t('dossiers.new.types')} hint={t('dossiers.new.types.hint')}>
          <input value={types} maxLength={500} onChange={(event) => setTypes(event.target.value)} />
        </Field>
        <div className="form-actions span-2">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('dossiers.new.submit')}
          </button>
          {create.error && !create.error.fields?.code ? (
            <p className="form-error" role="alert" title={create.error.message}>
              {errorText(create.error.code, lang)}
            </p>
          ) : null}
        </div>
      </form>
    </details>
  );
}
