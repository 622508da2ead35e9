/**
 * Điều hành on an arrival's page at a desk in agency mode: what this person may do with it now
 * (the clerk presents it to a leader; the leader gives his instruction; a unit leader passes his
 * unit's part on; whoever holds an item starts, records progress, finishes; those who may return
 * it; the holder asks for more time, gia hạn, and one above the item decides) and its timeline.
 * Each is a command queued for the server, offline too; while one waits, the page's notice says
 * "Đang chờ máy chủ" and the forms wait with it. docs/architecture.md, "The desk in agency mode".
 */
import { useId, useState } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { HubDeskUser, HubDirectory } from '../../../shared/api/hub-link.js';
import type { CommandKind } from '../../../shared/hub/commands.js';
import { MAX_EXTENSION_REASON } from '../../../shared/domain/working-days.js';
import { HANDLING_STATES } from '../../../shared/domain/handling-status.js';
import { decisionsOn, holdsItem, waitingExtension } from '../../../shared/hub/my-work.js';
import type { DocumentWorkflow, ExtensionRequest, WorkItem } from '../../../shared/hub/workflow.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { Field } from '../../components/Field.js';
import { parseTypedDate } from '../../components/typed-date.js';
import { formatDateTime } from '../../format.js';
import { CreateDraftForm } from '../drafts/CreateDraftForm.js';
import { useI18n } from '../../i18n.js';
import { commandOn, isPending, useHubCommands, useQueueCommand } from './agency-desk.js';
import { AssignForm, HolderOptions } from './AssignForm.js';
import { LeaderNoteForm } from './LeaderNoteForm.js';
import { holderName, useDirectory, useDocumentWork } from './work-desk.js';

const WORK_COMMANDS: readonly CommandKind[] = [
  'arrival.present',
  'arrival.assign',
  'assignment.pass',
  'assignment.progress',
  'assignment.done',
  'assignment.askExtension',
  'assignment.decideExtension',
  'arrival.return',
];

export function DocumentWork({ detail, user }: { detail: DocumentDetail; user: HubDeskUser }) {
  const { t } = useI18n();
  const headingId = useId();
  const work = useDocumentWork(detail.id);
  const directory = useDirectory();
  const commands = useHubCommands();
  if (detail.direction !== 'incoming' || !work.data) return null;
  const workflow = work.data;
  const pending = commandOn(commands.data, detail.id, WORK_COMMANDS);
  const handling = HANDLING_STATES.includes(detail.state);
  const mine = workflow.items.filter((item) => holdsItem(user, item));
  const deciding = mine.some((item) => item.role === 'decide');
  const mayReturn = handling && (user.roles.includes('clerk') || user.roles.includes('leader') || mine.some((item) => item.role === 'lead'));
  return (
    <section className="document-section work-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('flow.title')}</h2>
      {handling && commands.data && !(pending && isPending(pending)) && directory.data ? (
        <>
          {user.roles.includes('clerk') ? <PresentForm documentId={detail.id} directory={directory.data} /> : null}
          {deciding && user.roles.includes('leader') ? <AssignForm key={detail.id} documentId={detail.id} directory={directory.data} /> : null}
          {mine
            .filter((item) => item.role !== 'decide')
            .map((item) => (
              <ItemWork key={item.id} documentId={detail.id} item={item} user={user} directory={directory.data!} asked={waitingExtension(workflow, item.id)} />
            ))}
          {decisionsOn(user, workflow).map(({ item, extension }) => (
            <ExtensionDecision key={extension.id} documentId={detail.id} item={item} extension={extension} directory={directory.data!} />
          ))}
          {mine.some((item) => item.role === 'lead') ? <CreateDraftForm answers={detail.id} /> : null}
          {mayReturn ? <ReturnForm documentId={detail.id} /> : null}
        </>
      ) : null}
      <WorkTimeline workflow={workflow} />
    </section>
  );
}

/** "Trình lãnh đạo": the clerk names a leader and may suggest how to handle it. */
function PresentForm({ documentId, directory }: { documentId: number; directory: HubDirectory }) {
  const queue = useQueueCommand();
  return (
    <LeaderNoteForm
      title="flow.present.title"
      heading
      leaders={directory.users.filter((user) => user.roles.includes('leader'))}
      leaderLabel="flow.present.leader"
      noteLabel="flow.present.suggestion"
      button="flow.present.submit"
      pending={queue.isPending}
      onSend={(leaderId, suggestion) => queue.mutate({ kind: 'arrival.present', payload: { documentId, leaderId, suggestion } })}
    />
  );
}

/** An item this person holds: start, record progress, finish; a unit leader may pass it on instead. */
function ItemWork({ documentId, item, user, directory, asked }: { documentId: number; item: WorkItem; user: HubDeskUser; directory: HubDirectory; asked: ExtensionRequest | null }) {
  const { t } = useI18n();
  const queue = useQueueCommand();
  const [note, setNote] = useState('');
  const noteId = useId();
  const step = (kind: 'assignment.progress' | 'assignment.done') => queue.mutate({ kind, payload: { documentId, itemId: item.id, note: note.trim() } });
  return (
    <div className="work-item">
      <h3>{t('flow.item.yours', { role: t(`work.role.${item.role}`) })}</h3>
      {item.deadline ? <p>{t('flow.item.deadline', { deadline: formatDayMonthYear(item.deadline) })}</p> : null}
      {item.note ? <p className="work-note">{item.note}</p> : null}
      <label htmlFor={noteId} className="field-label">
        {t('flow.item.note')}
      </label>
      <textarea id={noteId} rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      <div className="form-actions">
        {item.role !== 'inform' ? (
          <button type="button" className="button" disabled={queue.isPending} onClick={() => step('assignment.progress')}>
            {t(item.state === 'open' ? 'flow.item.start' : 'flow.item.progress')}
          </button>
        ) : null}
        <button type="button" className="button button-primary" disabled={queue.isPending} onClick={() => step('assignment.done')}>
          {t(item.role === 'inform' ? 'flow.item.read' : 'flow.item.done')}
        </button>
      </div>
      {asked ? <p className="work-extension-waiting">{t('flow.extension.waiting', { date: formatDayMonthYear(asked.proposed) })}</p> : null}
      {!asked && item.deadline && item.role !== 'inform' ? <ExtensionAskForm documentId={documentId} itemId={item.id} deadline={item.deadline} /> : null}
      {user.roles.includes('unit_leader') && item.role !== 'inform' ? <PassForm documentId={documentId} item={item} user={user} directory={directory} /> : null}
    </div>
  );
}

/** "Xin gia hạn": the holder gives the reason and a day later than his deadline; one above the item decides. */
function ExtensionAskForm({ documentId, itemId, deadline }: { documentId: number; itemId: number; deadline: string }) {
  const { t } = useI18n();
  const queue = useQueueCommand();
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const [problems, setProblems] = useState<{ reason: boolean; date: 'format' | 'notLater' | null }>({ reason: false, date: null });
  return (
    <details className="work-extension">
      <summary>{t('flow.extension.ask')}</summary>
      <form
        className="work-form"
        aria-label={t('flow.extension.ask')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const typed = parseTypedDate(date);
          const asked = typed.kind === 'date' ? typed.iso : null;
          const found = { reason: reason.trim() === '', date: asked === null ? ('format' as const) : asked <= deadline ? ('notLater' as const) : null };
          setProblems(found);
          if (!found.reason && asked !== null && found.date === null) queue.mutate({ kind: 'assignment.askExtension', payload: { documentId, itemId, reason: reason.trim(), deadline: asked } });
        }}
      >
        <Field label={t('flow.extension.reason')} required error={problems.reason ? t('flow.extension.needReason') : undefined}>
          <textarea rows={2} maxLength={MAX_EXTENSION_REASON} value={reason} onChange={(event) => setReason(event.target.value)} />
        </Field>
        <Field
          label={t('flow.extension.date', { deadline: formatDayMonthYear(deadline) })}
          required
          error={problems.date === 'format' ? t('flow.extension.badDate') : problems.date === 'notLater' ? t('flow.extension.notLater', { deadline: formatDayMonthYear(deadline) }) : undefined}
        >
          <input type="text" inputMode="numeric" placeholder={t('flow.dateFormat')} value={date} onChange={(event) => setDate(event.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" disabled={queue.isPending}>
            {t('flow.extension.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}

/** An extension waiting for this person's decision: who asks, the deadlines, the reason; he approves or refuses, with a note. */
function ExtensionDecision({ documentId, item, extension, directory }: { documentId: number; item: WorkItem; extension: ExtensionRequest; directory: HubDirectory }) {
  const { t } = useI18n();
  const queue = useQueueCommand();
  const [note, setNote] = useState('');
  const noteId = useId();
  const title = t('flow.extension.decideTitle', { holder: holderName(directory, item) });
  const decide = (decision: 'approve' | 'refuse') =>
    queue.mutate({ kind: 'assignment.decideExtension', payload: { documentId, itemId: item.id, extensionId: extension.id, decision, note: note.trim() } });
  return (
    <div className="work-item" role="group" aria-label={title}>
      <h3>{title}</h3>
      <p>{t('flow.extension.asked', { from: formatDayMonthYear(extension.from), to: formatDayMonthYear(extension.proposed) })}</p>
      <p className="work-note">{extension.reason}</p>
      <label htmlFor={noteId} className="field-label">
        {t('flow.extension.note')}
      </label>
      <textarea id={noteId} rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={queue.isPending} onClick={() => decide('approve')}>
          {t('flow.extension.approve')}
        </button>
        <button type="button" className="button" disabled={queue.isPending} onClick={() => decide('refuse')}>
          {t('flow.extension.refuse')}
        </button>
      </div>
    </div>
  );
}

/** "Giao chuyên viên": a unit leader passes the item to a person of his unit, the deadline not after his own. */
function PassForm({ documentId, item, user, directory }: { documentId: number; item: WorkItem; user: HubDeskUser; directory: HubDirectory }) {
  const { t } = useI18n();
  const queue = useQueueCommand();
  const people = directory.users.filter((person) => person.unitId === user.unitId && person.id !== user.id);
  const [person, setPerson] = useState('');
  const [note, setNote] = useState('');
  const [deadline, setDeadline] = useState(item.deadline ? formatDayMonthYear(item.deadline) : '');
  const [problem, setProblem] = useState<'person' | 'format' | 'late' | null>(null);
  return (
    <form
      className="work-form"
      aria-label={t('flow.pass.title')}
      onSubmit={(event) => {
        event.preventDefault();
        const typed = parseTypedDate(deadline);
        const found = person === '' ? 'person' : typed.kind === 'invalid' ? 'format' : typed.kind === 'date' && item.deadline !== null && typed.iso > item.deadline ? 'late' : null;
        setProblem(found);
        if (found) return;
        queue.mutate({ kind: 'assignment.pass', payload: { documentId, itemId: item.id, userId: Number(person.slice(2)), note: note.trim(), deadline: typed.kind === 'date' ? typed.iso : null } });
      }}
    >
      <h4>{t('flow.pass.title')}</h4>
      <Field label={t('flow.pass.person')} error={problem === 'person' ? t('flow.pass.needPerson') : undefined}>
        <select value={person} onChange={(event) => setPerson(event.target.value)}>
          <option value="">{t('flow.pass.choose')}</option>
          <HolderOptions directory={{ units: [], users: [] }} people={people} t={t} />
        </select>
      </Field>
      <Field label={t('flow.pass.note')}>
        <textarea rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
      <Field
        label={item.deadline ? t('flow.pass.deadline', { deadline: formatDayMonthYear(item.deadline) }) : t('flow.assign.deadline')}
        error={problem === 'format' ? t('flow.assign.badDeadline') : problem === 'late' ? t('flow.pass.lateDeadline') : undefined}
      >
        <input type="text" inputMode="numeric" placeholder={t('flow.dateFormat')} value={deadline} onChange={(event) => setDeadline(event.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={queue.isPending}>
          {t('flow.pass.submit')}
        </button>
      </div>
    </form>
  );
}

/** "Trả lại": the reason goes to the sender. */
function ReturnForm({ documentId }: { documentId: number }) {
  const { t } = useI18n();
  const queue = useQueueCommand();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <details className="work-return">
      <summary>{t('flow.return.title')}</summary>
      <form
        className="work-form"
        aria-label={t('flow.return.title')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setMissing(reason.trim() === '');
          if (reason.trim() !== '') queue.mutate({ kind: 'arrival.return', payload: { documentId, reason: reason.trim() } });
        }}
      >
        <Field label={t('flow.return.reason')} required error={missing ? t('flow.return.needReason') : undefined}>
          <textarea rows={2} maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-danger" disabled={queue.isPending}>
            {t('flow.return.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}

/** The workflow's steps, oldest first: when, who, what, and the words written with it. */
export function WorkTimeline({ workflow }: { workflow: DocumentWorkflow }) {
  const { t, lang } = useI18n();
  const directory = useDirectory();
  const items = new Map(workflow.items.map((item) => [item.id, item]));
  const moved = approvedByStep(workflow);
  return (
    <div className="work-timeline">
      <h3>{t('flow.timeline')}</h3>
      {workflow.steps.length === 0 ? (
        <p className="muted">{t('flow.timeline.empty')}</p>
      ) : (
        <ol>
          {workflow.steps.map((step) => {
            const item = step.itemId !== null ? items.get(step.itemId) : undefined;
            const change = moved.get(step.id);
            return (
              <li key={step.id}>
                <span className="work-when">{formatDateTime(step.at, lang)}</span> <strong>{step.actorName}</strong>: {t(`flow.step.${step.kind}`)}
                {item && step.kind !== 'progress' && step.kind !== 'done' && step.kind !== 'extension_asked' ? ` → ${holderName(directory.data, item)}` : ''}
                {item?.deadline && (step.kind === 'assigned' || step.kind === 'passed') ? ` (${t('flow.item.deadline', { deadline: formatDayMonthYear(item.deadline) })})` : ''}
                {change ? ` (${t('flow.extension.moved', { from: formatDayMonthYear(change.from), to: formatDayMonthYear(change.to) })})` : ''}
                {step.text ? <p className="work-note">{step.text}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

/**
 * Each "Đồng ý gia hạn" step with the extension it approved: an item's approved extensions and
 * its approval steps are both oldest first, so the n-th of one is the n-th of the other.
 */
function approvedByStep(workflow: DocumentWorkflow): Map<number, { from: string; to: string }> {
  const approved = workflow.extensions.filter((extension) => extension.state === 'approved');
  const seen = new Map<number, number>();
  const byStep = new Map<number, { from: string; to: string }>();
  for (const step of workflow.steps) {
    if (step.kind !== 'extension_approved' || step.itemId === null) continue;
    const nth = seen.get(step.itemId) ?? 0;
    seen.set(step.itemId, nth + 1);
    const extension = approved.filter((candidate) => candidate.itemId === step.itemId)[nth];
    if (extension?.to) byStep.set(step.id, { from: extension.from, to: extension.to });
  }
  return byStep;
}
