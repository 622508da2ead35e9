/**
 * The leader's instruction on a document presented to him (arrival.assign), beside its PDF and
 * made for the keyboard: a leader clears many arrivals in a row. The instruction (with quick
 * phrases, Alt+1…9), one unit or person in charge (chủ trì), those who cooperate (phối hợp) and
 * those told (để biết), a deadline typed dd/MM/yyyy; Ctrl+Enter assigns and opens the next
 * document waiting for him; "Lưu/Để biết" settles it himself. docs/architecture.md, "The desk in agency mode".
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { HubDirectory } from '../../../shared/api/hub-link.js';
import { INSTRUCTION_PHRASES } from '../../../shared/hub/instruction-phrases.js';
import { Field } from '../../components/Field.js';
import { parseTypedDate } from '../../components/typed-date.js';
import { vietnamToday } from '../../format.js';
import { useI18n, type Translate } from '../../i18n.js';
import { navigate } from '../../router.js';
import { useQueueCommand } from './agency-desk.js';
import { holderInput, nextWaiting, useMyWork, type HolderKey } from './work-desk.js';

type Problem = 'needLead' | 'leadTwice' | 'badDeadline' | 'pastDeadline';

export function AssignForm({ documentId, directory }: { documentId: number; directory: HubDirectory }) {
  const { t } = useI18n();
  const queue = useQueueCommand();
  const myWork = useMyWork();
  const [instruction, setInstruction] = useState('');
  const [lead, setLead] = useState<HolderKey | ''>('');
  const [cooperate, setCooperate] = useState<ReadonlySet<HolderKey>>(new Set());
  const [inform, setInform] = useState<ReadonlySet<HolderKey>>(new Set());
  const [deadline, setDeadline] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const instructionRef = useRef<HTMLTextAreaElement>(null);
  // Opened by Ctrl+Enter from the previous one, the next document is typed into at once.
  useEffect(() => instructionRef.current?.focus({ preventScroll: true }), []);

  const addPhrase = (phrase: string) => setInstruction((text) => (text.trim() === '' ? phrase : `${text.trimEnd()} ${phrase}`));

  function send(settle: boolean, openNext: boolean) {
    const typed = parseTypedDate(deadline);
    const found: Problem | null =
      !settle && lead === ''
        ? 'needLead'
        : !settle && (cooperate.has(lead as HolderKey) || inform.has(lead as HolderKey))
          ? 'leadTwice'
          : typed.kind === 'invalid'
            ? 'badDeadline'
            : typed.kind === 'date' && typed.iso < vietnamToday()
              ? 'pastDeadline'
              : null;
    setProblem(found);
    if (found) return;
    // Read before the send: the document leaves the waiting list once the server has the instruction.
    const next = openNext ? nextWaiting(myWork.data?.items ?? [], documentId) : null;
    queue.mutate(
      {
        kind: 'arrival.assign',
        payload: {
          documentId,
          instruction: instruction.trim(),
          lead: settle || lead === '' ? null : holderInput(lead),
          cooperate: settle ? [] : [...cooperate].map(holderInput),
          inform: [...inform].map(holderInput),
          deadline: typed.kind === 'date' ? typed.iso : null,
        },
      },
      { onSuccess: () => (next !== null ? navigate({ area: 'inbox', documentId: next }) : undefined) },
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send(false, true);
      return;
    }
    const phrase = event.altKey && /^[1-9]$/.test(event.key) ? INSTRUCTION_PHRASES[Number(event.key) - 1] : undefined;
    if (phrase !== undefined) {
      event.preventDefault();
      addPhrase(phrase);
    }
  }

  return (
    <form
      className="work-form"
      aria-label={t('flow.assign.title')}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        send(false, false);
      }}
    >
      <h3>{t('flow.assign.title')}</h3>
      <p className="field-hint">{t('flow.assign.hint')}</p>
      <Field label={t('flow.assign.instruction')}>
        <textarea ref={instructionRef} rows={3} maxLength={4000} value={instruction} onChange={(event) => setInstruction(event.target.value)} />
      </Field>
      <div className="work-phrases" role="group" aria-label={t('flow.assign.phrases')}>
        {INSTRUCTION_PHRASES.map((phrase, index) => (
          <button key={phrase} type="button" className="button" title={t('flow.assign.phraseKey', { n: index + 1 })} onClick={() => addPhrase(phrase)}>
            {phrase}
          </button>
        ))}
      </div>
      <Field label={t('flow.assign.lead')} error={problem === 'needLead' || problem === 'leadTwice' ? t(`flow.assign.${problem}`) : undefined}>
        <select value={lead} onChange={(event) => setLead(event.target.value as HolderKey | '')}>
          <option value="">{t('flow.assign.none')}</option>
          <HolderOptions directory={directory} t={t} />
        </select>
      </Field>
      <HolderChecks legend={t('flow.assign.cooperate')} directory={directory} chosen={cooperate} onChange={setCooperate} />
      <HolderChecks legend={t('flow.assign.inform')} directory={directory} chosen={inform} onChange={setInform} />
      <Field label={t('flow.assign.deadline')} error={problem === 'badDeadline' || problem === 'pastDeadline' ? t(`flow.assign.${problem}`) : undefined}>
        <input type="text" inputMode="numeric" placeholder={t('flow.dateFormat')} value={deadline} onChange={(event) => setDeadline(event.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={queue.isPending}>
          {t('flow.assign.submit')}
        </button>
        <button type="button" className="button" disabled={queue.isPending} onClick={() => send(true, false)}>
          {t('flow.assign.settle')}
        </button>
      </div>
    </form>
  );
}

/** The agency's units, then its people, as options of a picker. */
export function HolderOptions({ directory, t, people = directory.users }: { directory: HubDirectory; t: Translate; people?: HubDirectory['users'] }) {
  return (
    <>
      {directory.units.length > 0 ? (
        <optgroup label={t('flow.unit')}>
          {directory.units.map((unit) => (
            <option key={`u${unit.id}`} value={`u:${unit.id}`}>
              {unit.name}
            </option>
          ))}
        </optgroup>
      ) : null}
      <optgroup label={t('flow.people')}>
        {people.map((user) => (
          <option key={`p${user.id}`} value={`p:${user.id}`}>
            {user.displayName}
          </option>
        ))}
      </optgroup>
    </>
  );
}

/** Several units or people, each a checkbox (Space ticks it, Tab moves on). */
export function HolderChecks({ legend, directory, chosen, onChange }: { legend: string; directory: HubDirectory; chosen: ReadonlySet<HolderKey>; onChange(next: ReadonlySet<HolderKey>): void }) {
  const toggle = (key: HolderKey, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    onChange(next);
  };
  const entries: { key: HolderKey; name: string }[] = [
    ...directory.units.map((unit) => ({ key: `u:${unit.id}` as const, name: unit.name })),
    ...directory.users.map((user) => ({ key: `p:${user.id}` as const, name: user.displayName })),
  ];
  return (
    <fieldset className="work-holders">
      <legend className="field-label">{legend}</legend>
      {entries.map(({ key, name }) => (
        <label key={key} className="checkbox">
          <input type="checkbox" checked={chosen.has(key)} onChange={(event) => toggle(key, event.target.checked)} />
          {name}
        </label>
      ))}
    </fieldset>
  );
}
