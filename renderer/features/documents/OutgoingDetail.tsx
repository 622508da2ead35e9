/**
 * A document this agency sent: what it is, where it stands at each recipient, its history, and
 * the sender's requests (take back, correct, revoke, replace), each confirmed in a dialog.
 */
import { useId, useState } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { PlainMessageKey } from '../../../shared/i18n/messages.js';
import { useI18n } from '../../i18n.js';
import { senderActions, type SenderAction } from './actions.js';
import { ReplaceDialog, RevokeDialog, TakeBackDialog, UpdateDialog, type Done } from './dialogs.js';
import { DocumentPage, RecipientTable } from './parts.js';
import { RecordsSections } from '../records/RecordsSections.js';
import { senderRequest } from './request-wording.js';

const ACTION_LABEL: Record<SenderAction, PlainMessageKey> = {
  takeBack: 'sender.takeBack',
  update: 'sender.update',
  revoke: 'sender.revoke',
  replace: 'sender.replace',
};

export function OutgoingDetail({ detail }: { detail: DocumentDetail }) {
  return (
    <DocumentPage detail={detail}>
      <SenderActions detail={detail} />
      <RecipientTable recipients={detail.recipients} request={senderRequest(detail)} />
      <RecordsSections detail={detail} />
    </DocumentPage>
  );
}

function SenderActions({ detail }: { detail: DocumentDetail }) {
  const i18n = useI18n();
  const { t } = i18n;
  const headingId = useId();
  const [dialog, setDialog] = useState<SenderAction | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const actions = senderActions(detail);
  if (actions.length === 0 && !done) return null;

  const finish = (result: Done) => {
    setDialog(null);
    setDone(result);
  };
  const close = () => setDialog(null);

  return (
    <section className="action-bar" aria-labelledby={headingId}>
      <h2 id={headingId} className="action-bar-title">
        {t('sender.actions')}
      </h2>
      {actions.length > 0 ? (
        <div className="action-buttons">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`button ${action === 'revoke' ? 'button-danger-outline' : ''}`}
              onClick={() => {
                setDone(null);
                setDialog(action);
              }}
            >
              {t(ACTION_LABEL[action])}
            </button>
          ))}
        </div>
      ) : null}
      <div aria-live="polite">{done ? <p className="success-text">{done.text(i18n)}</p> : null}</div>
      {dialog === 'takeBack' ? <TakeBackDialog detail={detail} onClose={close} onDone={finish} /> : null}
      {dialog === 'revoke' ? <RevokeDialog detail={detail} onClose={close} onDone={finish} /> : null}
      {dialog === 'replace' ? <ReplaceDialog detail={detail} onClose={close} onDone={finish} /> : null}
      {dialog === 'update' ? <UpdateDialog detail={detail} onClose={close} onDone={finish} /> : null}
    </section>
  );
}
