/**
 * `arrival.present` (trình): the clerk presents a registered arrival to a leader, with the handling
 * she suggests. It becomes the leader's `decide` item ("Việc của tôi"), and the document records
 * when it was first presented (the same-day rule). docs/architecture.md, "Điều hành".
 */
import { userById } from '../store/users.js';
import { lockLiveItems, insertWorkItems, markPresented, recordStep } from '../store/workflow.js';
import { CommandRefused, requireRole, type CommandHandler } from './command-handler.js';
import { lockOpenArrival, requireOpenArrival } from './workflow-steps.js';

export const arrivalPresent: CommandHandler<'arrival.present'> = {
  async precheck({ account, read, pool }, { documentId, leaderId }) {
    requireRole(account, ['clerk'], 'Only the agency clerk (văn thư) presents arrivals to a leader.');
    requireOpenArrival(await read.document(documentId), documentId);
    const leader = await userById(pool, leaderId);
    if (!leader || leader.disabled || !leader.roles.includes('leader')) throw new CommandRefused('invalid', 'The person named is not a leader of the agency (or the account is disabled).');
  },

  async apply(context, { documentId, leaderId, suggestion }) {
    const { account, client, now } = context;
    await lockOpenArrival(context, documentId);
    const waiting = (await lockLiveItems(client, documentId)).some((item) => item.role === 'decide' && item.userId === leaderId);
    if (waiting) throw new CommandRefused('stale', 'This document is already waiting for that leader’s instruction.');
    const [itemId] = await insertWorkItems(client, [{ documentId, parentId: null, role: 'decide', unitId: null, userId: leaderId, assignedBy: account.userId, note: suggestion, deadline: null }], now);
    await markPresented(client, documentId, now);
    await recordStep(client, { documentId, itemId: itemId!, kind: 'presented', actorId: account.userId, actor: account.username, text: suggestion, statuses: [], details: { leader: leaderId } }, now);
    return { documentId, itemId: itemId! };
  },
};
