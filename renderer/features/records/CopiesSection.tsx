/**
 * "Bản sao": the certified copies of a received or issued document (sao y, sao lục, trích sao),
 * each numbered in the copies register and signed with the agency's token; a copy opens as a file.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import { COPY_KINDS, type CopyKind } from '../../../shared/api/records.js';
import { useApiMutation, useApiQuery } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';
import { Field } from '../../components/Field.js';
import { saveLink } from '../../components/open-blob.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { TokenPinForm } from '../signing/TokenPinForm.js';

export function CopiesSection({ detail }: { detail: DocumentDetail }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const copies = useApiQuery('copies.list', { documentId: detail.id });
  const [kind, setKind] = useState<CopyKind>('SY');
  const [pages, setPages] = useState('');
  const [sourceCopyId, setSourceCopyId] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [made, setMade] = useState<string | null>(null);
  const create = useApiMutation('copies.create', {
    meta: { inlineErrors: true },
    onSuccess: (copy) => {
      setMade(copy.notation);
      setPages('');
      setNote('');
      void queryClient.invalidateQueries({ queryKey: methodKey('copies.list') });
    },
  });
  const read = useApiMutation('copies.read', { onSuccess: (file) => saveLink(file) });
  const list = copies.data ?? [];
  const certified = list.filter((copy) => copy.kind === 'SY');
  const source = sourceCopyId ?? certified[0]?.id ?? null;
  const incomplete = (kind === 'TrS' && pages.trim() === '') || (kind === 'SL' && source === null);

  return (
    <section className="document-section copies-section" aria-labelledby="copies-heading">
      <h2 id="copies-heading">{t('records.copies.heading')}</h2>
      {list.length === 0 ? (
        <p className="muted">{t('records.copies.none')}</p>
      ) : (
        <ul>
          {list.map((copy) => (
            <li key={copy.id}>
              {t('records.copies.row', { notation: copy.notation, kind: t(`copies.kind.${copy.kind}`), time: formatDateTime(copy.createdAt, lang) })}{' '}
              <button type="button" className="button button-small" onClick={() => read.mutate({ id: copy.id })}>
                {t('records.copies.open', { notation: copy.notation })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {made ? (
        <p className="success-text" role="status">
          {t('records.copies.made', { notation: made })}
        </p>
      ) : null}
      <details className="copies-new">
        <summary>{t('records.copies.new')}</summary>
        <TokenPinForm
          heading={t('records.copies.sign.heading')}
          kind="organization"
          headingId="copies-sign-heading"
          button={t('records.copies.sign.button')}
          pending={create.isPending}
          error={create.error}
          disabled={incomplete}
          onSign={(choice) => {
            setMade(null);
            create.mutate({
              documentId: detail.id,
              kind,
              note: note.trim(),
              ...(kind === 'TrS' ? { pages: pages.trim() } : {}),
              ...(kind === 'SL' && source !== null ? { sourceCopyId: source } : {}),
              ...choice,
            });
          }}
        >
          <Field label={t('records.copies.kind')}>
            <select value={kind} onChange={(event) => setKind(event.target.value as CopyKind)}>
              {COPY_KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`copies.kind.${value}`)}
                </option>
              ))}
            </select>
          </Field>
          {kind === 'TrS' ? (
            <Field label={t('records.copies.pages')} hint={t('records.copies.pages.hint')} required error={create.error?.fields?.pages ? t('records.copies.pages.error') : null}>
              <input value={pages} maxLength={100} onChange={(event) => setPages(event.target.value)} />
            </Field>
          ) : null}
          {kind === 'SL' ? (
            <Field label={t('records.copies.source')} hint={certified.length === 0 ? t('records.copies.source.none') : undefined}>
              <select value={source ?? ''} onChange={(event) => setSourceCopyId(Number(event.target.value))}>
                {certified.map((copy) => (
                  <option key={copy.id} value={copy.id}>
                    {copy.notation}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <Field label={t('records.copies.note')}>
            <input value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
          </Field>
        </TokenPinForm>
      </details>
    </section>
  );
}
