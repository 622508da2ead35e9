/**
 * Điều hành on an arrival's page at a desk in agency mode: what this person may do with it now
 * (the clerk presents it to a leader; the leader gives his instruction; a unit leader passes his
 * unit's part on; whoever holds an item starts, records progress, finishes; those who may return
 * it) and its timeline. Each is a command queued for the server, offline too; while one waits, the
 * page's notice says "Đang chờ máy chủ" and the forms wait with it. docs/architecture.md, "The desk in agency mode".
 */
import { useId, useState } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { HubDeskUser, HubDirectory } from '../../../shared/api/hub-link.js';
import type { CommandKind } from '../../../shared/hub/commands.js';
import { holdsItem } from '../../../shared/hub/my-work.js';
import { HANDLING_STATES } from '../../../shared/domain/handling-status.js';
import type { DocumentWorkflow, WorkItem } from '../../../shared/hub/workflow.js';
import { formatDayMonthYear } from '../../../shared/text/display-formats.js';
import { Field } from '../../components/Field.js';
import { parseTypedDate } from '../../components/typed-date.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { commandOn, isPending, useHubCommands, useQueueCommand } from './agency-desk.js';
import { AssignForm, HolderOptions } from './AssignForm.js';
import { holderName, useDirectory, useDocumentWork } from './work-desk.js';

const WORK_COMMANDS: readonly CommandKind[] = ['arrival.present', 'arrival.assign', 'assignment.pass', 'assignment.progress', 'assignment.done', 'arrival.return'];

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
              <ItemWork key={item.id} documentId={detail.id} item={item} user={user} directory={directory.data!} />
            ))}
          {mayReturn ? <ReturnForm documentId={detail.id} /> : null}
        </>
      ) : null}
      <WorkTimeline workflow={workflow} />
    </section>
  );
}

/** "Trình lãnh đạo": the clerk names a leader and may suggest how to handle it. */
function PresentForm({ documentId, directory }: { documentId: number; directory: HubDirectory }) {
  const { t } = useI18n();
  const queue = useQueueCommand();
  const leaders = directory.users.filter((user) => user.roles.includes('leader'));
  const [leaderId, setLeaderId] = useState('');
  const [suggestion, setSuggestion] = useState('');
  const [missing, setMissing] = useState(false);
  if (leaders.length === 0) return <p className="muted">{t('flow.present.noLeaders')}</p>;
  return (
    <form
      className="work-form"
      aria-label={t('flow.present.title')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setMissing(leaderId === '');
        if (leaderId !== '') queue.mutate({ kind: 'arrival.present', payload: { documentId, leaderId: Number(leaderId), suggestion: suggestion.trim() } });
      }}
    >
      <h3>{t('flow.present.title')}</h3>
      <Field label={t('flow.present.leader')} required error={missing ? t('flow.present.needLeader') : undefined}>
        <select value={leaderId} onChange={(event) => setLeaderId(event.target.value)}>
          <option value="">{t('flow.present.choose')}</option>
          {leaders.map((leader) => (
            <option key={leader.id} value={leader.id}>
              {leader.displayName}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('flow.present.suggestion')}>
        <textarea rows={2} maxLength={2000} value={suggestion} onChange={(event) => setSuggestion(event.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={queue.isPending}>
          {t('flow.present.submit')}
        </button>
      </div>
    </form>
  );
}

/** An item this person holds: start, record progress, finish; a unit leader may pass it on instead. */
function ItemWork({ documentId, item, user, directory }: { documentId: number; item: WorkItem; user: HubDeskUser; directory: HubDirectory }) {
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
      {user.roles.includes('unit_leader') && item.role !== 'inform' ? <PassForm documentId={documentId} item={item} user={user} directory={directory} /> : null}
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
  return (
    <div className="work-timeline">
      <h3>{t('flow.timeline')}</h3>
      {workflow.steps.length === 0 ? (
        <p className="muted">{t('flow.timeline.empty')}</p>
      ) : (
        <ol>
          {workflow.steps.map((step) => {
            const item = step.itemId !== null ? items.get(step.itemId) : undefined;
            return (
              <li key={step.id}>
                <span className="work-when">{formatDateTime(step.at, lang)}</span> <strong>{step.actorName}</strong>: {t(`flow.step.${step.kind}`)}
                {item && step.kind !== 'progress' && step.kind !== 'done' ? ` → ${holderName(directory.data, item)}` : ''}
                {item?.deadline && (step.kind === 'assigned' || step.kind === 'passed') ? ` (${t('flow.item.deadline', { deadline: formatDayMonthYear(item.deadline) })})` : ''}
                {step.text ? <p className="work-note">{step.text}</p> : null}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
