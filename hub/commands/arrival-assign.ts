/**
 * `arrival.assign`: the leader's instruction (ý kiến chỉ đạo) and assignment: a unit or person in
 * charge (chủ trì), co-operating ones (phối hợp) and ones for information (để biết), with a
 * deadline; or, with no one in charge nor co-operating, he settles it himself (lưu / để biết).
 * The decision ends the items presented for it; the people and units named are given the document
 * (grantDocument), so the feed brings it to them. The first assignment tells the sender 04; a
 * document settled here is done, so the sender is told 06 (after the 04 and 05 it lacked).
 */
import type { WorkHolderInput } from '../../shared/hub/workflow-commands.js';
import { repliesTo } from '../store/desk-documents.js';
import { grantDocument, recordDocumentChanges } from '../store/document-access.js';
import { insertWorkItems, lockLiveItems, recordStep, setWorkItemsState, type NewWorkItem } from '../store/workflow.js';
import { CommandRefused, requireRole, type CommandHandler } from './command-handler.js';
import { lockOpenArrival, prepareStatuses, requireOpenArrival, sendWorkStatuses, statusesUpTo, type PreparedStatuses } from './workflow-steps.js';

const holderOf = (holder: WorkHolderInput) => ('unitId' in holder ? { unitId: holder.unitId, userId: null } : { unitId: null, userId: holder.userId });

export const arrivalAssign: CommandHandler<'arrival.assign', PreparedStatuses> = {
  async precheck(context, { documentId, lead, cooperate }) {
    requireRole(context.account, ['leader'], 'Only a leader of the agency gives instructions and assigns arrivals.');
    const doc = requireOpenArrival(await context.read.document(documentId), documentId);
    const settling = lead === null && cooperate.length === 0;
    return prepareStatuses(context, doc, statusesUpTo(doc.state, settling ? '06' : '04'));
  },

  async apply(context, { documentId, instruction, lead, cooperate, inform, deadline }) {
    const { account, client, now } = context;
    const doc = await lockOpenArrival(context, documentId);
    const live = await lockLiveItems(client, documentId);
    const settling = lead === null && cooperate.length === 0;
    if (lead !== null && live.some((item) => item.role === 'lead')) {
      throw new CommandRefused('stale', 'This document already has someone in charge (chủ trì): refresh to see its assignment.');
    }
    if (settling && live.some((item) => item.role === 'lead' || item.role === 'cooperate')) {
      throw new CommandRefused('stale', 'Work on this document is under way: it is finished by the one in charge, not settled here.');
    }
    const decisions = live.filter((item) => item.role === 'decide');
    // His own presented item is where the work hangs from; his decision ends every item presented for one.
    const parentId = decisions.find((item) => item.userId === account.userId)?.id ?? null;
    const named = [
      ...(lead ? [{ role: 'lead' as const, holder: lead }] : []),
      ...cooperate.map((holder) => ({ role: 'cooperate' as const, holder })),
      ...inform.map((holder) => ({ role: 'inform' as const, holder })),
    ];
    const items: NewWorkItem[] = named.map(({ role, holder }) => ({ documentId, parentId, role, ...holderOf(holder), assignedBy: account.userId, note: instruction, deadline }));
    const ids = await insertWorkItems(client, items, now);
    await setWorkItemsState(client, decisions.map((item) => item.id), 'done', now);
    const statuses = await sendWorkStatuses(context, context.prepared, doc, settling ? '06' : '04');
    const stepItem = lead ? ids[0]! : parentId;
    await recordStep(
      client,
      { documentId, itemId: stepItem, kind: settling ? 'settled' : 'assigned', actorId: account.userId, actor: account.username, text: instruction, statuses, details: { lead, cooperate, inform, deadline, items: ids } },
      now,
    );
    if (items.length > 0) {
      const granted = await grantDocument(
        client,
        { documentId, units: items.flatMap((item) => (item.unitId === null ? [] : [item.unitId])), users: items.flatMap((item) => (item.userId === null ? [] : [item.userId])), actorUserId: account.userId },
        now,
      );
      if (granted.state === 'refused') throw new CommandRefused(granted.reason, granted.message);
    }
    // Those now holding its work see the drafts answering it (the access rule): their desks are sent them.
    await recordDocumentChanges(client, await repliesTo(client, documentId));
    return { documentId, items: ids, statuses };
  },
};
