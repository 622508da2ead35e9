/**
 * "Thêm sổ đăng ký": a new register (e.g. for secret documents, or one kind of document). Its
 * code names its series of numbers for good, so it is asked for once and never edited.
 */
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { RegisterDirection } from '../../../shared/api/registers.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { useApiMutation } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';

export function NewRegisterForm({ onCreated }: { onCreated: (id: number) => void }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [direction, setDirection] = useState<RegisterDirection>('in');
  const [scope, setScope] = useState('');
  const create = useApiMutation('registers.create', {
    meta: { inlineErrors: true },
    onSuccess: (register) => {
      void queryClient.invalidateQueries({ queryKey: methodKey('registers.list') });
      setCode('');
      setName('');
      setScope('');
      onCreated(register.id);
    },
  });
  const fieldError = (field: 'code' | 'name') => (create.error?.fields?.[field] !== undefined ? t(`registers.new.error.${field}`) : null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ code: code.trim(), name: name.trim(), direction, scope: scope.trim() });
  }

  return (
    <details className="new-register no-print">
      <summary>{t('registers.new.heading')}</summary>
      <form onSubmit={submit} aria-label={t('registers.new.heading')} className="form-grid">
        <Field label={t('registers.new.name')} required error={fieldError('name')}>
          <input value={name} maxLength={200} onChange={(event) => setName(event.target.value)} />
        </Field>
        <Field label={t('registers.new.code')} hint={t('registers.new.code.hint')} required error={fieldError('code')}>
          <input value={code} maxLength={40} pattern="[a-z0-9][a-z0-9\-]*" onChange={(event) => setCode(event.target.value)} />
        </Field>
        <Field label={t('registers.new.direction')}>
          <select value={direction} onChange={(event) => setDirection(event.target.value as RegisterDirection)}>
            <option value="in">{t('registers.direction.in')}</option>
            <option value="out">{t('registers.direction.out')}</option>
          </select>
        </Field>
        <Field label={t('registers.new.scope')} hint={t('registers.new.scope.hint')}>
          <input value={scope} maxLength={300} onChange={(event) => setScope(event.target.value)} />
        </Field>
        <div className="form-actions span-2">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('registers.new.submit')}
          </button>
          {create.error && !create.error.fields ? (
            <p className="form-error" role="alert">
              {errorText(create.error.code, lang)}
            </p>
          ) : null}
        </div>
      </form>
    </details>
  );
}
