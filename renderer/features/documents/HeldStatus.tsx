/**
 * "Hoàn tác" for a "Đang xử lý" or "Hoàn thành" that has not left yet: the core holds the status
 * a few seconds (DocumentDetail.heldStatus), and this bar counts them down. It stops offering the
 * undo a second before the core's deadline, so that a click never arrives just too late.
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import { errorText, statusCodeText } from '../../../shared/i18n/messages.js';
import { apiQueryKey } from '../../api/client.js';
import { useI18n } from '../../i18n.js';
import type { Done } from './dialogs.js';
import { useDocumentMutation } from './use-document-mutation.js';

const MARGIN_MS = 1000;

export function secondsLeft(until: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(until) - MARGIN_MS - now) / 1000));
}

export function HeldStatus({ detail, onUndone }: { detail: DocumentDetail; onUndone(done: Done): void }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const held = detail.heldStatus;
  const [now, setNow] = useState(() => Date.now());
  const undo = useDocumentMutation('documents.undoStatus', {
    inline: true,
    onSuccess: (back) => onUndone({ text: ({ t }) => t('undo.done', { state: t(`docState.${back.state}`) }) }),
  });
  const left = held ? secondsLeft(held.until, now) : 0;

  useEffect(() => {
    if (!held) return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [held]);

  useEffect(() => {
    // The status has left (or is about to): the page shows where the document stands now.
    if (held && left === 0) void queryClient.invalidateQueries({ queryKey: apiQueryKey('documents.get', { id: detail.id }) });
  }, [held, left, detail.id, queryClient]);

  if (!held || left === 0) return null;
  return (
    <div className="undo-bar" role="status">
      <span>{t('undo.pending', { status: statusCodeText(held.code, lang), seconds: left })}</span>
      <button type="button" className="button button-small" disabled={undo.isPending} onClick={() => undo.mutate({ id: detail.id })}>
        {t('undo.button')}
      </button>
      {undo.error ? (
        <span className="form-error" title={undo.error.message}>
          {undo.error.code === 'conflict' ? t('undo.tooLate') : errorText(undo.error.code, lang)}
        </span>
      ) : null}
    </div>
  );
}
