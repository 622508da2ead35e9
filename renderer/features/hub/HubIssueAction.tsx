/**
 * "Cấp số và ký số" and "Gửi" on a draft of the agency server, for the clerk at her desk: once the
 * leader has signed, she asks the server for the number (a `draft.number` queued like any work:
 * offline it waits, and the number comes with the feed), then fills it in and signs with the
 * agency's certificate here (TokenPinForm, the PIN never kept; the sealed file waits in the queue
 * as the leader's signature does), then chooses the receiving agencies and sends (`draft.send`, the
 * server's exchange sends it over the axis). She chooses them with the standalone desk's picker,
 * over the agency server's directory (the desk keeps no copy); the recipients of her last "Gửi" of
 * the draft come back chosen, named by the server (by their codes while it does not answer).
 * An internal document (văn bản nội bộ) is sent instead to units of the agency she picks from the
 * directory ("Gửi nội bộ", `draft.sendInternal`): the server delivers it inside, never over the
 * axis. Shows nothing to anyone else.
 */
import { useEffect, useReducer, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { HubDirectory } from '../../../shared/api/hub-link.js';
import type { HubSigningView } from '../../../shared/api/hub-signing.js';
import { formatDateTime } from '../../format.js';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/client.js';
import { useI18n } from '../../i18n.js';
import { INITIAL_PICKER, pickerReducer, type PickedAgency } from '../drafts/recipient-picker.js';
import { RecipientPicker } from '../drafts/RecipientPicker.js';
import { TokenPinForm } from '../signing/TokenPinForm.js';
import { commandOn, isPending, useAgencyDesk, useHubCommands, useQueueCommand } from './agency-desk.js';
import { HolderChecks } from './AssignForm.js';
import { chosenHolders, useDirectory, type HolderKey } from './work-desk.js';
import { CommandNotice } from './CommandNotice.js';

export function HubIssueAction({ documentId }: { documentId: number }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const key = apiQueryKey('hub.signingView', { documentId });
  const view = useApiQuery('hub.signingView', { documentId });
  const commands = useHubCommands();
  const queue = useQueueCommand();
  const [opened, setOpened] = useState<NonNullable<HubSigningView['file']> | null>(null);
  const [picker, dispatch] = useReducer(pickerReducer, INITIAL_PICKER);
  const [recipientsMissing, setRecipientsMissing] = useState(false);
  const offline = useAgencyDesk()?.phase === 'offline';
  const show = (next: HubSigningView) => queryClient.setQueryData(key, next);
  const prepare = useApiMutation('hub.signingView', {
    meta: { inlineErrors: true },
    onSuccess: (next) => {
      show(next);
      setOpened(next.clerkStep === 'seal' && next.fileHere ? next.file : null);
    },
  });
  const seal = useApiMutation('hub.sealRevision', {
    meta: { inlineErrors: true },
    onSuccess: (next) => {
      show(next);
      setOpened(null);
    },
  });

  const current = view.data;
  const previous = usePreviousRecipients(current?.clerkStep === 'send' ? current.recipients : []);
  // Chosen once: a recipient she then removes stays removed.
  const seeded = useRef(false);
  useEffect(() => {
    if (!previous || seeded.current) return;
    seeded.current = true;
    dispatch({ type: 'addMany', agencies: previous });
  }, [previous]);

  if (!current?.clerkStep) return null;
  const { clerkStep: step, last, number } = current;
  const latest = commandOn(commands.data, documentId, ['draft.number', 'draft.send', 'draft.sendInternal']);
  const waiting = latest !== null && isPending(latest);

  if (opened) {
    return (
      <div>
        <TokenPinForm
          heading={t('signing.agency.heading')}
          headingId={`hub-issue-${documentId}-heading`}
          status={t('hubIssue.file', { number: number ?? '', name: opened.name })}
          button={t('signing.agency.button')}
          kind="organization"
          pending={seal.isPending}
          error={seal.error}
          onSign={(choice) => seal.mutate({ documentId, baseSha256: opened.sha256, ...choice })}
        />
        <button type="button" className="button" disabled={seal.isPending} onClick={() => setOpened(null)}>
          {t('common.cancel')}
        </button>
      </div>
    );
  }

  return (
    <section className="banner" aria-labelledby={`hub-issue-${documentId}-title`}>
      <h2 id={`hub-issue-${documentId}-title`} className="banner-title">
        {t('signing.agency.heading')}
      </h2>
      {step === 'number' ? (
        <>
          <p>{t('hubIssue.numberHint')}</p>
          <div className="banner-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={queue.isPending || waiting}
              onClick={() => queue.mutate({ kind: 'draft.number', payload: { documentId } })}
            >
              {t('hubIssue.number')}
            </button>
          </div>
        </>
      ) : null}
      {step === 'seal' && current.signedCurrent && last?.state === 'queued' ? (
        <p role="status">{t('hubIssue.sealQueued', { time: formatDateTime(last.createdAt, lang) })}</p>
      ) : null}
      {step === 'seal' && !current.signedCurrent ? (
        <>
          <p>{t('hubIssue.numbered', { number: number ?? '' })}</p>
          {last?.state === 'refused' ? <p role="alert">{t(last.refusal?.reason === 'stale' ? 'hubSign.stale' : 'hubSign.refused')}</p> : null}
          {prepare.data && !prepare.data.fileHere ? <p role="alert">{t('hubSign.fileNotHere')}</p> : null}
          <div className="banner-actions">
            <button type="button" className="button button-primary" disabled={prepare.isPending} onClick={() => prepare.mutate({ documentId, refresh: true })}>
              {t('signing.agency.button')}
            </button>
          </div>
        </>
      ) : null}
      {step === 'send' && current.internal ? <InternalSendForm documentId={documentId} number={number} disabled={queue.isPending || waiting} onSend={(units) => queue.mutate({ kind: 'draft.sendInternal', payload: { documentId, units } })} /> : null}
      {step === 'send' && !current.internal ? (
        <div>
          <p>{t('hubIssue.sealed', { number: number ?? '' })}</p>
          {offline ? <p className="field-hint">{t('send.directoryOffline')}</p> : null}
          <RecipientPicker
            state={picker}
            dispatch={(action) => {
              if (action.type === 'add' || action.type === 'addMany') setRecipientsMissing(false);
              dispatch(action);
            }}
            selfId={null}
            error={recipientsMissing ? t('send.recipients.required') : null}
            directory="hub"
          />
          <div className="banner-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={queue.isPending || waiting}
              onClick={() => {
                if (picker.chosen.length === 0) return setRecipientsMissing(true);
                queue.mutate({ kind: 'draft.send', payload: { documentId, recipients: picker.chosen.map((agency) => agency.id) } });
              }}
            >
              {t('hubIssue.send')}
            </button>
            {picker.chosen.length > 0 ? <span className="muted">{t('send.chosen.count', { count: picker.chosen.length })}</span> : null}
          </div>
        </div>
      ) : null}
      <div aria-live="polite">{latest ? <CommandNotice item={latest} /> : null}</div>
    </section>
  );
}

/**
 * The recipients of the last "Gửi" of the draft at this desk, named from the server's directory
 * (a code it no longer has, or all of them while it does not answer, shown by its code), once the
 * server answered or failed to; null until then, or when there were none.
 */
function usePreviousRecipients(codes: readonly string[]): PickedAgency[] | null {
  const named = useApiQuery('hub.agencyNames', { ids: [...codes] }, { enabled: codes.length > 0, retry: false, staleTime: Infinity });
  if (codes.length === 0 || named.isPending) return null;
  const found = new Map((named.data ?? []).map((agency) => [agency.id, agency]));
  return codes.map((id) => ({ id, name: found.get(id)?.name ?? id, parents: found.get(id)?.parents ?? [] }));
}

/** "Gửi nội bộ": the units of the agency that receive the internal document, chosen from the directory; at least one. */
function InternalSendForm({ documentId, number, disabled, onSend }: { documentId: number; number: string | null; disabled: boolean; onSend(units: number[]): void }) {
  const { t } = useI18n();
  const directory = useDirectory();
  const [chosen, setChosen] = useState<ReadonlySet<HolderKey>>(new Set());
  const [missing, setMissing] = useState(false);
  if (!directory.data) return null;
  const units: HubDirectory = { units: directory.data.units, users: [] };
  return (
    <form
      aria-label={t('hubIssue.sendInternal')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const ids = chosenHolders(chosen).units;
        setMissing(ids.length === 0);
        if (ids.length > 0) onSend(ids);
      }}
    >
      <p>{t('hubIssue.sealedInternal', { number: number ?? '' })}</p>
      <HolderChecks legend={t('hubIssue.internalUnits')} directory={units} chosen={chosen} onChange={setChosen} />
      {missing ? <p className="form-error">{t('hubIssue.needUnit')}</p> : null}
      <div className="banner-actions">
        <button type="submit" className="button button-primary" disabled={disabled} aria-describedby={`hub-issue-${documentId}-title`}>
          {t('hubIssue.sendInternal')}
        </button>
      </div>
    </form>
  );
}
