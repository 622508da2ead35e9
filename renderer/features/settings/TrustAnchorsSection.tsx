/**
 * Settings → "Chứng thư gốc tin cậy": the roots signatures must chain to. Lists what the
 * trust-anchors folder holds (also files IT staff copied there, and those it cannot read),
 * adds a certificate file, removes an anchor. Adding one verifies again, in the core, every
 * document that had no trusted chain; removing one changes no stored verdict until a document is
 * verified again.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { MAX_TRUST_ANCHOR_BYTES } from '../../../shared/api/limits.js';
import type { TrustAnchorList } from '../../../shared/api/trust-anchors.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/client.js';
import { FilePicker } from '../../components/FilePicker.js';
import { QueryError } from '../../components/QueryError.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { nameInDn } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { TechnicalDetails } from '../../components/TechnicalDetails.js';

export function TrustAnchorsSection() {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const list = useApiQuery('trustAnchors.list', {});
  const [message, setMessage] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: apiQueryKey('trustAnchors.list', {}) });
  const add = useApiMutation('trustAnchors.add', {
    meta: { inlineErrors: true },
    onSuccess: (added) => {
      refresh();
      setMessage(t('trust.added', { subject: added.map((anchor) => anchor.commonName ?? anchor.subject).join(', ') }));
    },
  });
  const remove = useApiMutation('trustAnchors.remove', {
    meta: { inlineErrors: true },
    onSuccess: (result: TrustAnchorList) => {
      queryClient.setQueryData(apiQueryKey('trustAnchors.list', {}), result);
      setMessage(t('trust.removed'));
    },
  });
  const error = add.error ?? remove.error;

  async function onFileChosen(file: File) {
    setMessage(null);
    setTooLarge(false);
    if (file.size > MAX_TRUST_ANCHOR_BYTES) setTooLarge(true);
    else add.mutate({ bytes: new Uint8Array(await file.arrayBuffer()) });
  }

  return (
    <section className="document-section trust-anchors" aria-labelledby="trust-anchors-heading">
      <h2 id="trust-anchors-heading">{t('trust.heading')}</h2>
      {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <p className="field-hint">{t('trust.intro', { folder: list.data.folder })}</p>
          {list.data.anchors.length === 0 ? (
            <p className="empty-state">{t('trust.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table trust-anchor-table" aria-labelledby="trust-anchors-heading">
                <thead>
                  <tr>
                    <th scope="col">{t('trust.col.subject')}</th>
                    <th scope="col">{t('trust.col.issuer')}</th>
                    <th scope="col">{t('trust.col.validity')}</th>
                    <th scope="col">{t('trust.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.anchors.map((anchor) => (
                    <tr key={anchor.sha256}>
                      <td>
                        <div>{anchor.commonName ?? anchor.organization ?? nameInDn(anchor.subject)}</div>
                        <TechnicalDetails>
                          <p>{t('trust.details.subject', { dn: anchor.subject })}</p>
                          <p>{t('trust.details.issuer', { dn: anchor.issuer })}</p>
                          <p>{t('trust.details.file', { file: anchor.file })}</p>
                          <p className="mono">{t('trust.details.sha256', { sha256: anchor.sha256 })}</p>
                        </TechnicalDetails>
                      </td>
                      <td>{nameInDn(anchor.issuer)}</td>
                      <td className="nowrap">{t('trust.validity', { from: formatDayMonthYear(anchor.notBefore.slice(0, 10)), to: formatDayMonthYear(anchor.notAfter.slice(0, 10)) })}</td>
                      <td className="nowrap">
                        <button
                          type="button"
                          className="button button-small button-danger-outline"
                          aria-label={t('trust.remove.label', { subject: anchor.commonName ?? anchor.subject })}
                          disabled={remove.isPending}
                          onClick={() => {
                            setMessage(null);
                            remove.mutate({ sha256: anchor.sha256 });
                          }}
                        >
                          {t('trust.remove')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.data.unreadable.map((item) => (
            <p key={item.file} className="form-error">
              {t('trust.unreadable', item)}
            </p>
          ))}
        </>
      ) : null}
      <FilePicker
        className="add-attachment"
        id="trust-anchor-file"
        label={t('trust.add')}
        hint={t('trust.add.hint')}
        accept=".cer,.crt,.pem,.der,application/pkix-cert,application/x-x509-ca-cert"
        disabled={add.isPending}
        onFile={onFileChosen}
      />
      <div aria-live="polite">
        {message ? <p className="success-text">{message}</p> : null}
        {tooLarge ? <p className="form-error">{t('trust.add.tooLarge')}</p> : null}
        {error ? (
          <p className="form-error" role="alert" title={error.message}>
            {error.code === 'invalid_input' ? t('trust.error.invalid') : error.code === 'conflict' ? t('trust.error.conflict') : errorText(error.code, lang)}
          </p>
        ) : null}
      </div>
    </section>
  );
}
