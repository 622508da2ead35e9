/**
 * `assignment.askExtension` and `assignment.decideExtension` (gia hạn; docs/architecture.md
 * "Điều hành"): the holder of an item still in play asks for a later deadline, with the reason and
 * the day he proposes (a day off gives the next working day, by the hub's calendar); one above
 * the item in its chain (who assigned it or passed it on, or is above him) approves or refuses.
 * The approval moves the item's deadline and keeps the extension in its history; an item's
 * deadline never passes the deadline of the item it was passed on from, so that one is extended
 * first. Items passed on from it keep theirs. A refusal changes nothing but the timeline.
 */
import { DeadlineExtensionError, extendDeadline } from '../../shared/domain/working-days.js';
import type { WorkItem } from '../../shared/hub/workflow.js';
import { formatDayMonthYear } from '../../shared/text/display-formats.js';
import { loadWorkingCalendar } from '../store/calendar-days.js';
import { approvedExtensions, askedExtension, insertExtension, recordExtensionDecision } from '../store/deadline-extensions.js';
import { recordStep, standingOnItem, workItem } from '../store/workflow.js';
import { CommandRefused, type ApplyContext, type CommandHandler } from './command-handler.js';
import { lockOpenArrival } from './workflow-steps.js';

/** An item whose deadline may still move: one somebody works on, or waits on as passed on. */
const IN_PLAY: readonly WorkItem['state'][] = ['open', 'started', 'passed'];

/** The document and then its item locked, as every step locks them; the item still in play, with a deadline. */
async function lockItem(context: ApplyContext<unknown>, documentId: number, itemId: number): Promise<WorkItem & { deadline: string }> {
  await lockOpenArrival(context, documentId);
  const item = await workItem(context.client, documentId, itemId, 'lock');
  if (!item) throw new CommandRefused('not_found', `This document has no work item ${itemId}.`);
  if (!IN_PLAY.includes(item.state)) throw new CommandRefused('stale', 'This work item is already finished: refresh to see its latest step.');
  if (item.deadline === null) throw new CommandRefused('invalid', 'This work item has no deadline to extend.');
  return { ...item, deadline: item.deadline };
}

/** The deadline `proposed` would give, by the hub's calendar; a reason or date extendDeadline refuses is `invalid`. */
async function extended(context: ApplyContext<unknown>, item: { id: number; deadline: string }, proposed: string, reason: string): Promise<string> {
  const calendar = await loadWorkingCalendar(context.client);
  try {
    return extendDeadline({ date: item.deadline, extensions: await approvedExtensions(context.client, item.id) }, { date: proposed }, reason, calendar).date;
  } catch (error) {
    if (!(error instanceof DeadlineExtensionError)) throw error;
    throw new CommandRefused('invalid', error.problem === 'not_later' ? `An extension moves the deadline later than ${formatDayMonthYear(item.deadline)}.` : error.message);
  }
}

export const assignmentAskExtension: CommandHandler<'assignment.askExtension'> = {
  async apply(context, { documentId, itemId, reason, deadline }) {
    const { account, client, now } = context;
    const item = await lockItem(context, documentId, itemId);
    if ((await standingOnItem(client, account.userId, itemId)) !== 'holder') throw new CommandRefused('forbidden', 'Only the one who holds this work item asks for its extension.');
    if (await askedExtension(client, itemId)) throw new CommandRefused('stale', 'An extension of this work item is already waiting for a decision.');
    const proposed = await extended(context, item, deadline, reason);
    const extensionId = await insertExtension(client, { itemId, askedBy: account.userId, reason, from: item.deadline, proposed }, now);
    await recordStep(
      client,
      { documentId, itemId, kind: 'extension_asked', actorId: account.userId, actor: account.username, text: reason, statuses: [], details: { extension: extensionId, from: item.deadline, proposed } },
      now,
    );
    return { documentId, itemId, extensionId, proposed };
  },
};

export const assignmentDecideExtension: CommandHandler<'assignment.decideExtension'> = {
  async apply(context, { documentId, itemId, extensionId, decision, note }) {
    const { account, client, now } = context;
    const item = await lockItem(context, documentId, itemId);
    // The holder is no judge of his own extension: only one above the item decides.
    if ((await standingOnItem(client, account.userId, itemId)) !== 'chain') throw new CommandRefused('forbidden', 'Only the one who assigned this work item, or one above him, decides on its extension.');
    const asked = await askedExtension(client, itemId);
    if (!asked || asked.id !== extensionId) throw new CommandRefused('stale', 'This extension was decided already, or is not the one asked now: refresh to see it.');
    const common = { extensionId, itemId, decidedBy: account.userId, note };
    if (decision === 'refuse') {
      await recordExtensionDecision(client, { ...common, state: 'refused' }, now);
      await recordStep(client, { documentId, itemId, kind: 'extension_refused', actorId: account.userId, actor: account.username, text: note, statuses: [], details: { extension: extensionId } }, now);
      return { documentId, itemId, extensionId, deadline: item.deadline };
    }
    const to = await extended(context, item, asked.proposed, asked.reason);
    const parent = item.parentId === null ? null : await workItem(client, documentId, item.parentId, 'read');
    if (parent?.deadline && to > parent.deadline) {
      throw new CommandRefused('invalid', `The deadline cannot be later than the one this work was given with (${formatDayMonthYear(parent.deadline)}): that one is extended first.`);
    }
    await recordExtensionDecision(client, { ...common, state: 'approved', to }, now);
    await recordStep(
      client,
      { documentId, itemId, kind: 'extension_approved', actorId: account.userId, actor: account.username, text: note, statuses: [], details: { extension: extensionId, from: item.deadline, to } },
      now,
    );
    return { documentId, itemId, extensionId, deadline: to };
  },
};
