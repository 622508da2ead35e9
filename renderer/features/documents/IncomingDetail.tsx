/**
 * A document another agency sent us: what it is, its attachments and history, and the clerk's
 * next steps (accept or return it, then assign, in progress, finished), only ever forward.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { DocumentDetail, PendingRequest } from '../../../shared/api/documents.js';
import type { PlainMessageKey } from '../../../shared/i18n/messages.js';
import { formatDocumentNumber } from '../../../shared/text/display-formats.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { documentHref } from '../../router.js';
import { CLERK_ACTION_RESULT, CLERK_ACTION_STATUS, clerkActions, isRevoked, type ClerkAction } from './actions.js';
import { AcceptDialog, acceptVerdictOf, AgreeDialog, AssignDialog, RefuseDialog, ReturnDialog, type Done } from './dialogs.js';
import { DocumentPage } from './parts.js';
import { useDocumentMutation } from './use-document-mutation.js';
import { SignaturePanel } from '../verification/SignaturePanel.js';
import { ConflictPanel } from './ConflictPanel.js';
import { useRegisterChoice } from '../registers/register-choice.js';
import { RecordsSections } from '../records/RecordsSections.js';
import { HeldStatus } from './HeldStatus.js';
import { ArrivalWorkPanel } from '../work/ArrivalWorkPanel.js';

const ACTION_LABEL: Record<ClerkAction, PlainMessageKey> = {
  accept: 'clerk.accept',
  return: 'clerk.return',
  assign: 'clerk.assign',
  process: 'clerk.process',
  finish: 'clerk.finish',
};
const ACTION_HINT: Record<ClerkAction, PlainMessageKey> = {
  accept: 'clerk.accept.hint',
  return: 'clerk.return.hint',
  assign: 'clerk.assign.hint',
  process: 'clerk.process.hint',
  finish: 'clerk.finish.hint',
};

export function IncomingDetail({ detail }: { detail: DocumentDetail }) {
  return (
    <DocumentPage detail={detail}>
      {detail.pendingRequest && !isRevoked(detail) ? <PendingRequestBanner detail={detail} request={detail.pendingRequest} /> : null}
      {detail.conflicts.map((conflict) => (
        <ConflictPanel key={conflict.id} detail={detail} conflict={conflict} />
      ))}
      <ArrivalWorkPanel documentId={detail.id} />
      <ClerkActions detail={detail} />
      <SignaturePanel detail={detail} />
      <RecordsSections detail={detail} />
    </DocumentPage>
  );
}

function ClerkActions({ detail }: { detail: DocumentDetail }) {
  const i18n = useI18n();
  const { t } = i18n;
  const headingId = useId();
  const [dialog, setDialog] = useState<'return' | 'assign' | 'accept' | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const sectionRef = useRef<HTMLElement>(null);
  /** Set when a step went through: the button pressed may be gone, the keyboard stays here. */
  const focusAfterChange = useRef(false);
  const respond = useDocumentMutation('documents.respond');
  const actions = detail.direction === 'incoming' && !isRevoked(detail) ? clerkActions(detail.state) : [];
  const registerChoice = useRegisterChoice('in', actions.includes('accept'));

  useEffect(() => {
    const section = sectionRef.current;
    if (!focusAfterChange.current || respond.isPending || !section) return;
    focusAfterChange.current = false;
    if (section.contains(document.activeElement)) return;
    section.querySelector<HTMLElement>('.action-buttons button:not(:disabled), .action-result')?.focus();
  });

  if (detail.direction !== 'incoming' || isRevoked(detail)) return null;

  const keepFocus = () => {
    focusAfterChange.current = true;
  };

  function run(action: ClerkAction) {
    setDone(null);
    // Accepting a document whose signatures are not all valid asks first, showing the verdict.
    if (action === 'return' || action === 'assign' || (action === 'accept' && acceptVerdictOf(detail) !== 'TOTAL_PASSED')) {
      setDialog(action);
      return;
    }
    respond.mutate(
      { id: detail.id, status: CLERK_ACTION_STATUS[action], description: '', ...(action === 'accept' && registerChoice.register !== undefined && { register: registerChoice.register }) },
      {
        onSuccess: (result) => {
          const arrivalNumber = result.arrivalNumber;
          setDone({
            text: ({ t }) =>
              action === 'accept' && arrivalNumber !== null
                ? t('clerk.accepted', { number: formatDocumentNumber(arrivalNumber) })
                : t('clerk.updated', { state: t(`docState.${CLERK_ACTION_RESULT[action]}`) }),
          });
          keepFocus();
        },
      },
    );
  }

  const finish = (result: Done) => {
    setDialog(null);
    setDone(result);
    keepFocus();
  };

  return (
    <section ref={sectionRef} className="action-bar" aria-labelledby={headingId}>
      <h2 id={headingId} className="action-bar-title">
        {t('clerk.actions')}
      </h2>
      {actions.includes('accept') ? registerChoice.control : null}
      {actions.length > 0 ? (
        <div className="action-buttons">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`button ${action === 'accept' ? 'button-primary' : action === 'return' ? 'button-danger-outline' : ''}`}
              title={t(ACTION_HINT[action])}
              disabled={respond.isPending}
              onClick={() => run(action)}
            >
              {t(ACTION_LABEL[action])}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted">{t('clerk.none')}</p>
      )}
      <div aria-live="polite" className="action-result" tabIndex={-1}>
        {respond.isPending ? <p className="pending-text">{t('dialog.pending')}</p> : done ? <p className="success-text">{done.text(i18n)}</p> : null}
      </div>
      <HeldStatus detail={detail} onUndone={(undone) => finish(undone)} />
      {dialog === 'return' ? <ReturnDialog detail={detail} onClose={() => setDialog(null)} onDone={finish} /> : null}
      {dialog === 'assign' ? <AssignDialog detail={detail} onClose={() => setDialog(null)} onDone={finish} /> : null}
      {dialog === 'accept' ? <AcceptDialog detail={detail} register={registerChoice.register} onClose={() => setDialog(null)} onDone={finish} /> : null}
    </section>
  );
}

const REQUEST_TEXT = {
  takeback: 'request.takeback',
  revoke: 'request.revoke',
  update: 'request.update',
  replace: 'request.replace',
} as const satisfies Record<PendingRequest['kind'], PlainMessageKey>;

/** A take-back, revoke, update or replace request from the sender, waiting for our answer. */
function PendingRequestBanner({ detail, request }: { detail: DocumentDetail; request: PendingRequest }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const headingId = useId();
  const [dialog, setDialog] = useState<'agree' | 'refuse' | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const finish = (result: Done) => {
    setDialog(null);
    setDone(result);
  };
  return (
    <section className="banner banner-request" aria-labelledby={headingId}>
      <h2 id={headingId} className="banner-title">
        {t(REQUEST_TEXT[request.kind])}
      </h2>
      <p>{t('request.reason', { reason: request.reason })}</p>
      <p className="muted">{t('request.receivedAt', { time: formatDateTime(request.receivedAt, lang) })}</p>
      {request.replacementId !== null ? (
        <p>
          <a href={documentHref('incoming', request.replacementId)}>{t('request.replacement')}</a>
        </p>
      ) : null}
      <div className="banner-actions">
        <button type="button" className="button button-primary" onClick={() => setDialog('agree')}>
          {t('request.agree')}
        </button>
        <button type="button" className="button button-danger-outline" onClick={() => setDialog('refuse')}>
          {t('request.refuse')}
        </button>
      </div>
      <div aria-live="polite">{done ? <p className="success-text">{done.text(i18n)}</p> : null}</div>
      {dialog === 'agree' ? <AgreeDialog detail={detail} kind={request.kind} onClose={() => setDialog(null)} onDone={finish} /> : null}
      {dialog === 'refuse' ? <RefuseDialog detail={detail} onClose={() => setDialog(null)} onDone={finish} /> : null}
    </section>
  );
}
