/**
 * Điều hành in standalone mode (migration 270, docs/architecture.md "Điều hành in standalone
 * mode"): the open registered arrivals with the deadline and instruction their person set, and
 * the reminders already given.
 */
import type { OpenArrivalState } from '../../../shared/api/arrival-work.js';
import type { ReminderKind } from '../../../shared/hub/deadlines.js';
import { cachedStatement, type Db } from './database.js';

export interface OpenArrivalRow {
  id: number;
  subject: string;
  sender_name: string | null;
  code_number: string | null;
  code_notation: string | null;
  arrival_number: number | null;
  priority: number;
  state: OpenArrivalState;
  due_date: string | null;
  registered_at: string;
  /** Null while the person has not set one (the default applies). */
  deadline: string | null;
  instruction: string | null;
}

const OPEN_ARRIVALS = `SELECT documents.id, subject, sender_name, code_number, code_notation, arrival_number, priority, state, due_date,
    COALESCE(registered_at, received_at, created_at) AS registered_at, arrival_work.deadline, arrival_work.instruction
  FROM documents LEFT JOIN arrival_work ON arrival_work.document_id = documents.id
  WHERE direction = 'incoming' AND state IN ('accepted', 'assigned', 'processing') AND revoked_at IS NULL`;

/** Every open registered arrival (accepted, assigned, in progress), in no order: the deadline that orders them is computed. */
export function openArrivals(db: Db): OpenArrivalRow[] {
  return cachedStatement(db, OPEN_ARRIVALS).all() as OpenArrivalRow[];
}

export function openArrival(db: Db, id: number): OpenArrivalRow | null {
  return (cachedStatement(db, `${OPEN_ARRIVALS} AND documents.id = ?`).get(id) as OpenArrivalRow | undefined) ?? null;
}

export function saveArrivalWork(db: Db, id: number, work: { deadline: string; instruction: string }, at: string): void {
  cachedStatement(
    db,
    `INSERT INTO arrival_work (document_id, deadline, instruction, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET deadline = excluded.deadline, instruction = excluded.instruction, updated_at = excluded.updated_at`,
  ).run(id, work.deadline, work.instruction, at);
}

/** Records a reminder unless this (document, kind, deadline) had one: its id when new, else null. */
export function recordArrivalReminder(db: Db, reminder: { documentId: number; kind: ReminderKind; deadline: string; day: string }, at: string): number | null {
  const result = cachedStatement(db, 'INSERT INTO arrival_reminders (document_id, kind, deadline, day, reminded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
    reminder.documentId,
    reminder.kind,
    reminder.deadline,
    reminder.day,
    at,
  );
  return result.changes === 1 ? Number(result.lastInsertRowid) : null;
}
