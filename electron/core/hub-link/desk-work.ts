/**
 * The desk's own refusal of a command whose role the person signed in obviously lacks,
 * or, for an extension (gia hạn), whose item he plainly does not hold or is not above, as far as
 * the replica shows: told at once, rather than queued to be refused by the hub later (the hub
 * decides anyway, with the item, the chain and the unit). docs/architecture.md, "The desk in agency mode".
 */
import type { HubDeskUser } from '../../../shared/api/hub-link.js';
import type { Role } from '../../../shared/hub/accounts.js';
import type { CommandKind } from '../../../shared/hub/commands.js';
import { DOCUMENT_SHARERS } from '../../../shared/hub/sharing.js';
import { standingOn } from '../../../shared/hub/my-work.js';
import type { WorkItem } from '../../../shared/hub/workflow.js';

/** The roles a command needs at all (any one of them). */
const NEEDED_ROLES: Partial<Record<CommandKind, { roles: readonly Role[]; why: string }>> = {
  'arrival.present': { roles: ['clerk'], why: 'Only the agency clerk (văn thư) presents arrivals to a leader.' },
  'arrival.assign': { roles: ['leader'], why: 'Only a leader of the agency gives instructions and assigns arrivals.' },
  'assignment.pass': { roles: ['unit_leader'], why: 'Only a unit leader passes work on, to a person of his unit.' },
  'document.share': { roles: DOCUMENT_SHARERS, why: 'Only the clerk, a leader or a unit leader gives documents to units and people.' },
  'draft.return': { roles: ['leader', 'unit_leader'], why: 'Only a leader returns a draft submitted for his signature.' },
};

/** Why this person cannot send such a command, or null when the hub is to decide. */
export function commandRoleRefusal(user: HubDeskUser, kind: CommandKind): string | null {
  const needed = NEEDED_ROLES[kind];
  return needed && !needed.roles.some((role) => user.roles.includes(role)) ? needed.why : null;
}

/** Where an extension command needs its sender to stand to the item. */
const NEEDED_STANDING: Partial<Record<CommandKind, { standing: 'holder' | 'chain'; why: string }>> = {
  'assignment.askExtension': { standing: 'holder', why: 'Only the one who holds this work item asks for its extension.' },
  'assignment.decideExtension': { standing: 'chain', why: 'Only the one who assigned this work item, or one above him, decides on its extension.' },
};

/** Why this person cannot send such a command on this item of the replica's document, or null when the hub is to decide. */
export function commandItemRefusal(user: HubDeskUser, kind: CommandKind, items: readonly WorkItem[], itemId: number): string | null {
  const needed = NEEDED_STANDING[kind];
  // An item the replica lacks yet (the feed is behind): the hub knows it.
  if (!needed || !items.some((item) => item.id === itemId)) return null;
  return standingOn(user, items, itemId) === needed.standing ? null : needed.why;
}
