/**
 * What `assignment.progress` and `assignment.done` share: the holder of an item, or one above him
 * in its chain (who assigned it or passed it on), acts on an item still open; an item passed on is
 * acted on through the one it was passed to. Progress marks the work started (the sender is told
 * 05); done ends the item and those waiting on it, and when it is the one in charge (chủ trì) the
 * document is done: its other work ends and the sender is told 06. Co-operating work started or
 * done counts as work started (05). An item for information is only read, and stays to be read
 * after the work is done.
 */
import type { DocumentState } from '../../shared/api/documents.js';
import type { WorkItem, WorkRole } from '../../shared/hub/workflow.js';
import { lockLiveItems, lockPassedAncestors, recordStep, setWorkItemsState, standingOnItem, workItem } from '../store/workflow.js';
import { CommandRefused, type ApplyContext, type PayloadOf, type PrepareContext } from './command-handler.js';
import { lockOpenArrival, prepareStatuses, requireOpenArrival, sendWorkStatuses, statusesUpTo, type PreparedStatuses } from './workflow-steps.js';

type Step = 'progress' | 'done';
type ItemPayload = PayloadOf<'assignment.progress'> | PayloadOf<'assignment.done'>;

const missing = (itemId: number) => new CommandRefused('not_found', `This document has no work item ${itemId}.`);
/** A document done is still read: what was given for information can be marked read then. */
const alsoWhen = (role: WorkRole): DocumentState[] => (role === 'inform' ? ['done'] : []);

/** The status the step calls for: 05 for work under way, 06 when the one in charge is done. */
function target(item: WorkItem, step: Step): '05' | '06' | null {
  if (item.role === 'decide') throw new CommandRefused('invalid', 'A document presented to a leader is decided with an instruction, not worked on.');
  if (item.role === 'inform') {
    if (step === 'progress') throw new CommandRefused('invalid', 'A document given for information is read, not worked on.');
    return null;
  }
  return step === 'done' && item.role === 'lead' ? '06' : '05';
}

export async function prepareItemStatuses(context: PrepareContext, { documentId, itemId }: ItemPayload, step: Step): Promise<PreparedStatuses> {
  const item = await workItem(context.pool, documentId, itemId, 'read');
  if (!item) throw missing(itemId);
  const doc = requireOpenArrival(await context.read.document(documentId), documentId, alsoWhen(item.role));
  return prepareStatuses(context, doc, statusesUpTo(doc.state, target(item, step)));
}

export async function applyItemStep(context: ApplyContext<PreparedStatuses>, { documentId, itemId, note }: ItemPayload, step: Step): Promise<Record<string, unknown>> {
  const { account, client, now } = context;
  // The role never changes: read first, so that the document is locked before its item, as every step does.
  const role = (await workItem(client, documentId, itemId, 'read'))?.role;
  if (!role) throw missing(itemId);
  const doc = await lockOpenArrival(context, documentId, alsoWhen(role));
  const item = (await workItem(client, documentId, itemId, 'lock'))!;
  if ((await standingOnItem(client, account.userId, itemId)) === null) throw new CommandRefused('forbidden', 'This work item is neither yours nor one you assigned or passed on.');
  const status = target(item, step);
  if (item.state === 'passed') throw new CommandRefused('stale', 'This work item was passed on: act on the item of the person it was passed to.');
  if (item.state !== 'open' && item.state !== 'started') throw new CommandRefused('stale', 'This work item is already finished: refresh to see its latest step.');
  if (step === 'progress') await setWorkItemsState(client, [itemId], 'started', now);
  else {
    const ended = [itemId, ...(await lockPassedAncestors(client, itemId)).map((above) => above.id)];
    await setWorkItemsState(client, ended, 'done', now);
    if (status === '06') {
      const rest = (await lockLiveItems(client, documentId)).filter((other) => other.role !== 'inform').map((other) => other.id);
      await setWorkItemsState(client, rest, 'closed', now);
    }
  }
  const statuses = await sendWorkStatuses(context, context.prepared, doc, status);
  await recordStep(client, { documentId, itemId, kind: step, actorId: account.userId, actor: account.username, text: note, statuses }, now);
  return { documentId, itemId, statuses };
}
