/**
 * `arrival.return` (trả lại): the arrival goes back to its sender with the reason, status 02. Before
 * it is registered, by the clerk; after, while it is handled, by the clerk, a leader, or whoever
 * holds the work in charge (chủ trì) or is above him in its chain. Every item still open ends.
 */
import type { StoredDocument } from '../../electron/core/store/exchange-store.js';
import { canReturn } from '../../shared/domain/handling-status.js';
import { STATUS_CODE } from '../../shared/edxml/codes.js';
import { lockDocument } from '../store/desk-documents.js';
import { lockLiveItems, recordStep, setWorkItemsState, standingOnItem } from '../store/workflow.js';
import { CommandRefused, type ApplyContext, type CommandHandler } from './command-handler.js';
import { prepareStatuses, sendReturn, type PreparedStatuses } from './workflow-steps.js';

function returnable(doc: StoredDocument | null, documentId: number): StoredDocument {
  if (!doc || doc.direction !== 'incoming') throw new CommandRefused('not_found', `There is no arrived document ${documentId} at the agency.`);
  if (!canReturn(doc.state)) throw new CommandRefused('stale', `Document ${documentId} can no longer be returned (it is ${doc.state}).`);
  return doc;
}

export const arrivalReturn: CommandHandler<'arrival.return', PreparedStatuses> = {
  async precheck(context, { documentId, reason }) {
    const doc = returnable(await context.read.document(documentId), documentId);
    return prepareStatuses(context, doc, [STATUS_CODE.returned], reason);
  },

  async apply(context, { documentId, reason }) {
    const { account, client, exchange, now } = context;
    if (!(await lockDocument(client, documentId))) throw new CommandRefused('not_found', `There is no arrived document ${documentId} at the agency.`);
    const doc = returnable(await exchange.document(documentId), documentId);
    const live = await lockLiveItems(client, documentId);
    if (!(await mayReturn(context, doc, live.filter((item) => item.role === 'lead').map((item) => item.id)))) {
      throw new CommandRefused('forbidden', 'Only the clerk, a leader, or the one in charge of this document (and those who assigned it to him) return it to its sender.');
    }
    await setWorkItemsState(client, live.map((item) => item.id), 'closed', now);
    await sendReturn(context, context.prepared, documentId, reason);
    await recordStep(client, { documentId, itemId: null, kind: 'returned', actorId: account.userId, actor: account.username, text: reason, statuses: [STATUS_CODE.returned] }, now);
    return { documentId, statuses: [STATUS_CODE.returned] };
  },
};

/** The clerk always; a leader once it is registered; else one who holds or is above the work in charge. */
async function mayReturn({ account, client }: ApplyContext<PreparedStatuses>, doc: StoredDocument, leads: number[]): Promise<boolean> {
  if (account.roles.includes('clerk')) return true;
  if (doc.state === 'arrived') return false;
  if (account.roles.includes('leader')) return true;
  for (const id of leads) if ((await standingOnItem(client, account.userId, id)) !== null) return true;
  return false;
}
