/**
 * A leader picked from a list and a note for him, sent as one command: the clerk presenting an
 * arrival ("Trình lãnh đạo"), a drafter submitting a draft for signing ("Trình ký").
 */
import { useState } from 'react';
import type { HubDeskUser } from '../../../shared/api/hub-link.js';
import { Field } from '../../components/Field.js';
import type { PlainMessageKey } from '../../../shared/i18n/messages.js';
import { useI18n } from '../../i18n.js';

interface LeaderNoteFormProps {
  /** The form's name, and its heading when `heading` is set. */
  title: PlainMessageKey;
  heading?: boolean;
  leaders: readonly HubDeskUser[];
  leaderLabel: PlainMessageKey;
  noteLabel: PlainMessageKey;
  button: PlainMessageKey;
  /** Chosen until the person picks another; null: none. */
  suggested?: number | null;
  pending: boolean;
  /** `sent` empties the note once the command is queued. */
  onSend(leaderId: number, note: string, sent: () => void): void;
}

export function LeaderNoteForm({ title, heading = false, leaders, leaderLabel, noteLabel, button, suggested = null, pending, onSend }: LeaderNoteFormProps) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const leaderId = chosen ?? (suggested === null ? '' : String(suggested));
  if (leaders.length === 0) return <p className="muted">{t('flow.present.noLeaders')}</p>;
  return (
    <form
      className="work-form"
      aria-label={t(title)}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setMissing(leaderId === '');
        if (leaderId === '' || pending) return;
        onSend(Number(leaderId), note.trim(), () => setNote(''));
      }}
    >
      {heading ? <h3>{t(title)}</h3> : null}
      <Field label={t(leaderLabel)} required error={missing ? t('flow.present.needLeader') : undefined}>
        <select value={leaderId} onChange={(event) => setChosen(event.target.value)}>
          <option value="">{t('flow.present.choose')}</option>
          {leaders.map((leader) => (
            <option key={leader.id} value={leader.id}>
              {leader.displayName}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t(noteLabel)}>
        <textarea rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {t(button)}
        </button>
      </div>
    </form>
  );
}
