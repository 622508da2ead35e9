/**
 * The signatures of an incoming document, as DigiDoc4 and Acrobat show them: the verdict first
 * (with the sender check), then per file and per signature who signed, for which agency, when
 * (Vietnam time and UTC), whether the whole document is covered, and the technical details
 * folded away. A failed verification offers "Trả lại" with the reason filled in.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { CertificateSummary, ChangeAfterSignature, PdfVerification, SenderCheck, SignatureChecks, SignatureReport } from '../../../shared/api/verification.js';
import { warrantsReturn } from '../../../shared/domain/verification.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/client.js';
import { invalidateDocumentLists } from '../../api/query-keys.js';
import { QueryError } from '../../components/QueryError.js';
import { formatDateTime, formatInstant } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { clerkActions, isRevoked } from '../documents/actions.js';
import { ReturnDialog, type Done } from '../documents/dialogs.js';
import { Item } from '../../components/MetaItem.js';
import { VerificationBadge } from './VerificationBadge.js';
import { certificateTitle, reasonText, returnReason, summaryText } from './verdict.js';

export function SignaturePanel({ detail }: { detail: DocumentDetail }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const queryClient = useQueryClient();
  const query = useApiQuery('documents.verification', { id: detail.id });
  const verify = useApiMutation('documents.verify', {
    meta: { inlineErrors: true },
    onSuccess: (result) => {
      queryClient.setQueryData(apiQueryKey('documents.verification', { id: detail.id }), result);
      invalidateDocumentLists(queryClient);
    },
  });
  const [returning, setReturning] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const verification = query.data ?? null;
  const canReturn = verification !== null && warrantsReturn(verification) && !isRevoked(detail) && clerkActions(detail.state).includes('return');

  return (
    <section className="document-section signature-panel" aria-labelledby="signature-heading">
      <h2 id="signature-heading">{t('verify.heading')}</h2>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <div className="signature-summary">
          <VerificationBadge verdict={verification} />
          <p>{verification ? summaryText(verification, t) : t('verify.summary.pending')}</p>
          {verification ? <span className="muted">{t('verify.verifiedAt', { time: formatDateTime(verification.verifiedAt, lang) })}</span> : null}
        </div>
      )}
      {verification ? <SenderLine sender={verification.sender} /> : null}
      <div className="form-actions">
        {canReturn ? (
          <button type="button" className="button button-danger-outline" title={t('verify.return.hint')} onClick={() => setReturning(true)}>
            {t('verify.return')}
          </button>
        ) : null}
        <button type="button" className="button" title={t('verify.again.hint')} disabled={verify.isPending} onClick={() => verify.mutate({ id: detail.id })}>
          {t('verify.again')}
        </button>
        <span aria-live="polite">
          {verify.isPending ? <span className="pending-text">{t('verify.checking')}</span> : done ? <span className="success-text">{done.text(i18n)}</span> : null}
        </span>
      </div>
      {verify.error ? (
        <p className="form-error" role="alert" title={verify.error.message}>
          {errorText(verify.error.code, lang)}
        </p>
      ) : null}
      {verification?.files.map((file, index) => <FileSignatures key={`${index}-${file.sha256}`} file={file} />)}
      {returning && verification ? (
        <ReturnDialog
          detail={detail}
          initialReason={returnReason(verification, t).slice(0, 500)}
          onClose={() => setReturning(false)}
          onDone={(result) => {
            setReturning(false);
            setDone(result);
          }}
        />
      ) : null}
    </section>
  );
}

function SenderLine({ sender }: { sender: SenderCheck }) {
  const { t } = useI18n();
  if (sender.matches === null) return null;
  if (sender.matches) return <p className="success-text">✓ {t('verify.sender.match', { signedBy: sender.signedBy ?? '', expected: sender.expectedName })}</p>;
  return (
    <p className="signature-sender-mismatch" role="note">
      ✕ {sender.signedBy ? t('verify.sender.mismatch', { signedBy: sender.signedBy, expected: sender.expectedName }) : t('verify.sender.noOrganization', { expected: sender.expectedName })}
    </p>
  );
}

function FileSignatures({ file }: { file: PdfVerification }) {
  const { t } = useI18n();
  return (
    <div className="signature-file">
      <h3>
        <span>{file.name}</span>
        <VerificationBadge verdict={{ indication: file.indication ?? 'UNSIGNED' }} />
      </h3>
      {file.error && file.signatures.length > 0 ? <p className="form-error">{t('verify.file.damaged')}</p> : null}
      {file.error && file.signatures.length === 0 ? (
        <p className="form-error">{t('verify.file.error', { error: file.error })}</p>
      ) : file.signatures.length === 0 ? (
        <p className="muted">{t('verify.file.unsigned')}</p>
      ) : (
        <ol className="card-list">
          {file.signatures.map((signature, index) => (
            <SignatureCard key={index} n={index + 1} signature={signature} fileSha256={file.sha256} />
          ))}
        </ol>
      )}
    </div>
  );
}

function Instant({ iso }: { iso: string }) {
  const { t, lang } = useI18n();
  return <time dateTime={iso}>{t('verify.time', { local: formatInstant(iso, lang, 'local'), utc: formatInstant(iso, lang, 'utc') })}</time>;
}

function SignatureCard({ n, signature, fileSha256 }: { n: number; signature: SignatureReport; fileSha256: string }) {
  const { t } = useI18n();
  const signer = signature.signer;
  const title = signer ? certificateTitle(signer) : null;
  const none = <span className="muted">{t('common.none')}</span>;
  return (
    <li className={`card-item signature-card signature-card-${signature.indication === 'TOTAL_FAILED' ? 'invalid' : 'ok'}`}>
      <h4>
        <VerificationBadge verdict={signature} />
        <span>{t('verify.signature', { n })}</span>
      </h4>
      {signature.indication !== 'TOTAL_PASSED' ? <p>{reasonText(signature.subIndication, t)}</p> : null}
      <ChangesWarning changes={signature.changesAfter} />
      <dl className="meta-grid">
        <Item label={t('verify.signer')}>{signer?.commonName ?? none}</Item>
        <Item label={t('verify.organization')}>{signer?.organization ?? none}</Item>
        {title ? <Item label={t('verify.title')}>{title}</Item> : null}
        {signature.certification ? <Item label={t('verify.certification')}>{t(`verify.certification.${signature.certification}`)}</Item> : null}
        <Item label={t('verify.signingTime')}>{signature.claimedSigningTime ? <Instant iso={signature.claimedSigningTime} /> : none}</Item>
        {signature.timestamp ? <TimestampItem label={t('verify.timestamp')} invalid={t('verify.timestamp.invalid')} stamp={signature.timestamp} /> : null}
        {signature.level ? <Item label={t('verify.level')}>{t(`verify.level.${signature.level}`)}</Item> : null}
        {signature.archiveTimestamp ? (
          <TimestampItem label={t('verify.archiveTimestamp')} invalid={t('verify.archiveTimestamp.invalid')} stamp={signature.archiveTimestamp} />
        ) : null}
        <Item label={t('verify.coverage')}>
          {signature.coversWholeDocument ? t('verify.coverage.whole') : t('verify.coverage.later', { changes: changeList(signature.changesAfter, t) })}
        </Item>
      </dl>
      <details className="signature-details">
        <summary>{t('verify.details')}</summary>
        <dl className="meta-grid">
          <Item label={t('verify.details.indication')}>
            <span className="mono">{signature.subIndication ? `${signature.indication} / ${signature.subIndication}` : signature.indication}</span>
          </Item>
          <Item label={t('verify.details.subFilter')}>
            <span className="mono">{signature.subFilter ?? t('common.none')}</span>
          </Item>
          {signature.validatedAt ? (
            <Item label={t('verify.validatedAt')}>
              <Instant iso={signature.validatedAt} />
            </Item>
          ) : null}
          <Item label={t('verify.details.revision')}>{t('verify.details.revisionValue', { revision: signature.revision, revisions: signature.revisions })}</Item>
          <Item label={t('verify.details.fileHash')}>
            <span className="mono">{fileSha256}</span>
          </Item>
        </dl>
        <h5>{t('verify.details.checks')}</h5>
        <Checks checks={signature.checks} />
        {signature.changesAfter.length > 0 ? <h5>{t('verify.details.changes')}</h5> : null}
        {signature.changesAfter.length > 0 ? (
          <ul>
            {signature.changesAfter.map((change, index) => (
              <li key={index}>
                {t('verify.details.changeAt', { revision: change.revision, change: changeText(change, t) })} — <span className="mono">{change.detail}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <h5>{t('verify.details.chain')}</h5>
        <ol>
          {signature.chain.map((certificate) => (
            <ChainEntry key={certificate.sha256} certificate={certificate} />
          ))}
        </ol>
      </details>
    </li>
  );
}

/** A time-stamp's time and TSA, or why it does not hold: the signature's own (B-T) or the archival one (B-LTA). */
function TimestampItem({ label, invalid, stamp }: { label: string; invalid: string; stamp: { time: string; tsa: string | null; valid: boolean } }) {
  return (
    <Item label={label}>
      {stamp.valid ? null : <span className="form-error">{invalid}: </span>}
      <Instant iso={stamp.time} />
      {stamp.tsa ? ` — ${stamp.tsa}` : null}
    </Item>
  );
}

type T = ReturnType<typeof useI18n>['t'];

function changeText(change: ChangeAfterSignature, t: T): string {
  const what = t(`verify.change.${change.kind}`);
  if (change.forbiddenBy === 'certification' || change.forbiddenBy === 'field_lock') return t(`verify.change.notAllowed.${change.forbiddenBy}`, { change: what });
  return change.allowed ? what : t('verify.change.notAllowed', { change: what });
}

/** Allowed changes after a signature leave it valid, but the clerk is told what they were (as Acrobat and DSS do). */
function ChangesWarning({ changes }: { changes: readonly ChangeAfterSignature[] }) {
  const { t } = useI18n();
  if (changes.length === 0 || changes.some((change) => !change.allowed)) return null;
  return (
    <p className="signature-changes-warning" role="note">
      ⚠ {t('verify.changes.warning', { changes: changeList(changes, t) })}
    </p>
  );
}

function changeList(changes: readonly ChangeAfterSignature[], t: T): string {
  // Filling two fields is one "form filling" to the reader; the details list each change.
  return [...new Set(changes.map((change) => changeText(change, t)))].join('; ');
}

const BOOLEAN_CHECKS = ['integrity', 'cryptographic', 'chainTrusted', 'validAtSigningTime', 'keyUsage', 'noDisallowedChanges'] as const;

function Checks({ checks }: { checks: SignatureChecks }) {
  const { t } = useI18n();
  const outcome = (value: boolean | null) => (value === null ? t('verify.check.unknown') : value ? `✓ ${t('verify.check.yes')}` : `✕ ${t('verify.check.no')}`);
  return (
    <ul>
      {BOOLEAN_CHECKS.map((name) => (
        <li key={name}>
          {t(`verify.check.${name}`)}: {outcome(checks[name])}
        </li>
      ))}
      <li>
        {t('verify.check.revocation')}: {t(`verify.revocation.${checks.revocation}`)}
      </li>
    </ul>
  );
}

function ChainEntry({ certificate }: { certificate: CertificateSummary }) {
  const { t, lang } = useI18n();
  return (
    <li>
      <div>{certificate.subject}</div>
      <div className="muted">
        {t('verify.details.serial')}: <span className="mono">{certificate.serialNumber}</span> · {t('verify.details.validity')}: {formatDateTime(certificate.notBefore, lang)} –{' '}
        {formatDateTime(certificate.notAfter, lang)}
      </div>
      <div className="muted">
        {t('verify.details.sha256')}: <span className="mono">{certificate.sha256}</span>
      </div>
    </li>
  );
}
