/**
 * `assignment.pass`: a unit leader passes an item he holds (his unit's, or his own) on to a
 * person of his unit, with a note and a deadline not later than the item's. The item waits on the
 * one passed on (`passed`), whose end ends it; the person is given the document.
 */
import { formatDayMonthYear } from '../../shared/text/display-formats.js';
import { repliesTo } from '../store/desk-documents.js';
import { grantDocument, recordDocumentChanges } from '../store/document-access.js';
import { userById } from '../store/users.js';
import { insertWorkItems, recordStep, setWorkItemsState, standingOnItem, workItem } from '../store/workflow.js';
import { CommandRefused, requireRole, type CommandHandler } from './command-handler.js';
import { lockOpenArrival, requireOpenArrival } from './workflow-steps.js';

const missing = (itemId: number) => new CommandRefused('not_found', `This document has no work item ${itemId}.`);

export const assignmentPass: CommandHandler<'assignment.pass'> = {
  async precheck({ account, read, pool }, { documentId, userId }) {
    requireRole(account, ['unit_leader'], 'Only a unit leader passes work on, to a person of his unit.');
    requireOpenArrival(await read.document(documentId), documentId);
    const person = await userById(pool, userId);
    if (!person || person.disabled || person.unitId !== account.unitId || person.id === account.userId) {
      throw new CommandRefused('forbidden', 'Work is passed on to another person of your own unit only.');
    }
  },

  async apply(context, { documentId, itemId, userId, note, deadline }) {
    const { account, client, now } = context;
    await lockOpenArrival(context, documentId);
    const item = await workItem(client, documentId, itemId, 'lock');
    if (!item) throw missing(itemId);
    if ((await standingOnItem(client, account.userId, itemId)) !== 'holder') throw new CommandRefused('forbidden', 'Only the one who holds this work item passes it on.');
    if (item.role === 'decide') throw new CommandRefused('invalid', 'A document presented to you is decided with an instruction, not passed on.');
    if (item.state !== 'open' && item.state !== 'started') throw new CommandRefused('stale', 'This work item was already passed on or finished: refresh to see where it is.');
    const due = deadline ?? item.deadline;
    if (item.deadline !== null && due !== null && due > item.deadline) {
      throw new CommandRefused('invalid', `The deadline cannot be later than the one this work was given with (${formatDayMonthYear(item.deadline)}).`);
    }
    const [passed] = await insertWorkItems(client, [{ documentId, parentId: item.id, role: item.role, unitId: null, userId, assignedBy: account.userId, note, deadline: due }], now);
    await setWorkItemsState(client, [item.id], 'passed', now);
    await recordStep(client, { documentId, itemId: passed!, kind: 'passed', actorId: account.userId, actor: account.username, text: note, statuses: [], details: { from: item.id, to: userId, deadline: due } }, now);
    const granted = await grantDocument(client, { documentId, units: [], users: [userId], actorUserId: account.userId }, now);
    if (granted.state === 'refused') throw new CommandRefused(granted.reason, granted.message);
    // Those now holding its work see the drafts answering it (the access rule): their desks are sent them.
    await recordDocumentChanges(client, await repliesTo(client, documentId));
    return { documentId, itemId: passed! };
  },
};
