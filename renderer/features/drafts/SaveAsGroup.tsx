/** "Lưu thành nhóm…": the recipients chosen, kept under a name the agency picks again as one. */
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../../shared/i18n/messages.js';
import { apiQueryKey, useApiMutation } from '../../api/client.js';
import { useI18n } from '../../i18n.js';
import type { PickedAgency } from './recipient-picker.js';

export function SaveAsGroup({ agencies }: { agencies: readonly PickedAgency[] }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useApiMutation('recipientGroups.save', {
    meta: { inlineErrors: true },
    onSuccess: (group) => {
      void queryClient.invalidateQueries({ queryKey: apiQueryKey('recipientGroups.list', {}) });
      setSaved(t('send.group.saved', { name: group.name, count: group.members.length }));
      setOpen(false);
      setName('');
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    event.stopPropagation();
    if (name.trim()) save.mutate({ name: name.trim(), members: agencies.map((agency) => agency.id) });
  }

  return (
    <div className="save-as-group">
      {open ? (
        <form className="save-as-group-form" onSubmit={submit} aria-label={t('send.group.form')}>
          <label>
            <span className="field-label">{t('send.group.name')}</span>
            <input type="text" maxLength={200} autoComplete="off" placeholder={t('send.group.name.placeholder')} value={name} onChange={(event) => setName(event.target.value)} autoFocus />
          </label>
          <button type="submit" className="button button-small button-primary" disabled={save.isPending || !name.trim()}>
            {t('send.group.saveButton')}
          </button>
          <button type="button" className="button button-small" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
          {save.error ? (
            <p className="field-error" role="alert" title={save.error.message}>
              {save.error.code === 'conflict' ? t('send.group.taken') : errorText(save.error.code, lang)}
            </p>
          ) : null}
        </form>
      ) : (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            setSaved(null);
            setOpen(true);
          }}
        >
          {t('send.group.save', { count: agencies.length })}
        </button>
      )}
      <span className="success-text" role="status">
        {saved}
      </span>
    </div>
  );
}
