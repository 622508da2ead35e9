/**
 * Điều hành in standalone mode (docs/architecture.md, "Điều hành in standalone mode"): one person
 * registers, handles and finishes an arrival, so there is nobody to assign it to; what he needs is
 * its deadline, his instruction, the list of open ones by deadline, and a reminder when one is due
 * soon or overdue. Starting and finishing are the handling statuses he already sends (05, 06 of
 * documents.respond); an arrival leaves the list when it is done.
 */
import type { ArrivalWorkItem } from '../../../shared/api/arrival-work.js';
import type { DeskNotice } from '../../../shared/api/hub-link.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { ReminderKind } from '../../../shared/hub/deadlines.js';
import { defaultHandlingDeadline } from '../../../shared/domain/handling-deadline.js';
import { deadlineStanding, type WorkingCalendar } from '../../../shared/domain/working-days.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import { openArrival, openArrivals, recordArrivalReminder, saveArrivalWork, type OpenArrivalRow } from '../store/arrival-work.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction, type Db } from '../store/database.js';
import { deskCalendar } from './desk-calendar.js';
import type { CoreContext, HandlerMap } from './handlers.js';

function workItem(row: OpenArrivalRow, today: string, calendar: WorkingCalendar): ArrivalWorkItem {
  const registeredOn = vietnamDate(new Date(row.registered_at));
  const deadline = row.deadline ?? defaultHandlingDeadline({ registeredOn, priority: row.priority, dueDate: row.due_date }, calendar);
  const standing = deadlineStanding(deadline, today, calendar);
  return {
    documentId: row.id,
    subject: row.subject,
    senderName: row.sender_name,
    codeNumber: row.code_number,
    codeNotation: row.code_notation,
    arrivalNumber: row.arrival_number,
    priority: row.priority,
    state: row.state,
    registeredOn,
    deadline,
    defaultDeadline: row.deadline === null,
    instruction: row.instruction ?? '',
    standing: standing.state,
    workingDaysLate: standing.workingDaysLate,
  };
}

/** "Việc của tôi": soonest deadline first, then the more urgent, then the earlier registered. */
export function arrivalWork(db: Db, now: Date, calendar: WorkingCalendar = deskCalendar): ArrivalWorkItem[] {
  const today = vietnamDate(now);
  return openArrivals(db)
    .map((row) => workItem(row, today, calendar))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || b.priority - a.priority || a.registeredOn.localeCompare(b.registeredOn) || a.documentId - b.documentId);
}

/**
 * The reminders due at `now` and not given yet: an arrival due soon or overdue is reminded of once
 * per (kind, deadline), so a new deadline is reminded of again; the marks are kept in the same
 * transaction that decides which are new. Returns them as the notices the renderer and Electron's
 * main process already show.
 */
export function giveArrivalReminders(db: Db, now: Date, calendar: WorkingCalendar = deskCalendar): DeskNotice[] {
  const day = vietnamDate(now);
  const due = arrivalWork(db, now, calendar).filter((item) => item.standing !== 'on_track');
  return writeTransaction(db, () =>
    due.flatMap((item): DeskNotice[] => {
      const kind: ReminderKind = item.standing === 'overdue' ? 'overdue' : 'due_soon';
      const id = recordArrivalReminder(db, { documentId: item.documentId, kind, deadline: item.deadline, day }, now.toISOString());
      if (id === null) return [];
      const reminder = { id, kind, itemId: item.documentId, documentId: item.documentId, deadline: item.deadline, day, workingDaysLate: item.workingDaysLate, own: true };
      return [{ key: `reminder:arrival:${id}`, day, read: false, kind: 'reminder', reminder, documentSubject: item.subject }];
    }),
  );
}

type ArrivalWorkMethod = 'work.list' | 'work.get' | 'work.save' | 'work.remind';

export function arrivalWorkHandlers(ctx: CoreContext): HandlerMap<ArrivalWorkMethod> {
  const { db } = ctx;
  const itemOf = (id: number, now: Date): ArrivalWorkItem | null => {
    const row = openArrival(db, id);
    return row ? workItem(row, vietnamDate(now), deskCalendar) : null;
  };
  return {
    'work.list': () => arrivalWork(db, new Date()),
    'work.get': ({ documentId }) => itemOf(documentId, new Date()),
    'work.save': ({ documentId, deadline, instruction }) => {
      const now = new Date();
      writeTransaction(db, () => {
        const item = itemOf(documentId, now);
        if (!item) throw new ApiError('conflict', `Document ${documentId} is not a registered arrival still being handled: its deadline is not set any more.`);
        const date = 'date' in deadline ? deadline.date : deskCalendar.addWorkingDays(item.registeredOn, deadline.workingDays);
        if (date < item.registeredOn) throw new ApiError('invalid_input', `A deadline before the day the document was registered (${item.registeredOn}) is not one.`, { deadline: 'not before the day it was registered' });
        saveArrivalWork(db, documentId, { deadline: date, instruction }, now.toISOString());
        appendAudit(db, { actor: ctx.actor, action: 'arrival.work', subject: `document:${documentId}`, details: { deadline: date, instruction } }, now);
      });
      ctx.emit({ type: 'documents.changed', ids: [documentId] });
      return itemOf(documentId, now)!;
    },
    'work.remind': () => {
      const arrived = giveArrivalReminders(db, new Date());
      if (arrived.length > 0) ctx.emit({ type: 'hub.notices', arrived });
      return { reminded: arrived.length };
    },
  };
}
