/**
 * "Ký duyệt" on a document of the agency server, for the detail view of agency mode: the leader
 * signs the current revision with his token here (TokenPinForm: the PIN is never kept), and the
 * bar then says where his signature stands: waiting to be sent (it goes by itself when the server
 * is back), taken, or refused. A refusal because someone changed the file first is said in plain
 * words, and only the leader's click (and PIN) signs the new revision: never the desk by itself.
 * Shows nothing to whoever cannot sign the document here.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { HubSigningView } from '../../../shared/api/hub-signing.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/client.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { TokenPinForm } from '../signing/TokenPinForm.js';

export interface HubSignActionProps {
  /** The hub's id of the document (the replica's). */
  documentId: number;
  /** The draft's "Người ký", so the form warns when the certificate is someone else's. */
  signerName?: string;
}

export function HubSignAction({ documentId, signerName = '' }: HubSignActionProps) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const key = apiQueryKey('hub.signingView', { documentId });
  const view = useApiQuery('hub.signingView', { documentId });
  const show = (next: HubSigningView) => queryClient.setQueryData(key, next);
  /** The revision the leader was shown when he opened the form: the one he signs. */
  const [opened, setOpened] = useState<NonNullable<HubSigningView['file']> | null>(null);
  const [changed, setChanged] = useState(false);
  const prepare = useApiMutation('hub.signingView', {
    meta: { inlineErrors: true },
    onSuccess: (next) => {
      show(next);
      setOpened(next.fileHere && !next.blocked ? next.file : null);
    },
  });
  const sign = useApiMutation('hub.signRevision', {
    meta: { inlineErrors: true },
    onSuccess: (next) => {
      show(next);
      setOpened(null);
    },
    onError: (error) => {
      // The server has a newer revision than the one shown: the leader looks at it before signing.
      if (error.fields?.baseSha256 === 'changed') {
        setOpened(null);
        setChanged(true);
        void queryClient.invalidateQueries({ queryKey: key });
      }
    },
  });

  const current = view.data;
  if (!current || current.blocked) return null;
  const { last } = current;
  const open = () => {
    setChanged(false);
    prepare.mutate({ documentId, refresh: true });
  };
  const details = (text: string | null | undefined) =>
    text ? (
      <details className="status-details">
        <summary>{t('common.details')}</summary>
        <p className="mono">{text}</p>
      </details>
    ) : null;

  if (opened) {
    return (
      <div>
        <TokenPinForm
          heading={t('signing.leader.heading')}
          headingId={`hub-sign-${documentId}-heading`}
          status={t('hubSign.file', { name: opened.name })}
          button={t('signing.leader.button')}
          kind="person"
          signerName={signerName}
          pending={sign.isPending}
          error={sign.error}
          onSign={(choice) => sign.mutate({ documentId, baseSha256: opened.sha256, ...choice })}
        />
        <button type="button" className="button" disabled={sign.isPending} onClick={() => setOpened(null)}>
          {t('common.cancel')}
        </button>
      </div>
    );
  }

  const stale = last?.state === 'refused' && last.refusal?.reason === 'stale';
  const refused = last?.state === 'refused';
  return (
    <section className="banner" aria-labelledby={`hub-sign-${documentId}-title`}>
      <h2 id={`hub-sign-${documentId}-title`} className="banner-title">
        {t('signing.leader.heading')}
      </h2>
      {current.signedCurrent && last?.state === 'queued' ? (
        <div role="status">
          <p>{t('hubSign.queued', { time: formatDateTime(last.createdAt, lang) })}</p>
          {details(last.lastError)}
        </div>
      ) : null}
      {current.signedCurrent && last?.state === 'applied' ? <p role="status">{t('hubSign.applied')}</p> : null}
      {refused ? (
        <div role="alert">
          <p>{t(stale ? 'hubSign.stale' : 'hubSign.refused')}</p>
          {details(last.refusal?.message)}
        </div>
      ) : null}
      {changed ? <p role="alert">{t('hubSign.changed')}</p> : null}
      {prepare.data && !prepare.data.fileHere ? <p role="alert">{t('hubSign.fileNotHere')}</p> : null}
      {prepare.error ? <p className="form-error">{errorText(prepare.error.code, lang)}</p> : null}
      {current.signedCurrent ? null : (
        <div className="banner-actions">
          <button type="button" className="button button-primary" disabled={prepare.isPending} onClick={open}>
            {t(stale ? 'hubSign.signNew' : refused ? 'hubSign.signAgain' : 'signing.leader.button')}
          </button>
        </div>
      )}
    </section>
  );
}
