/**
 * The desk's own refusal of a workflow command whose role the person signed in obviously lacks,
 * or, for an extension (gia hạn), whose item he plainly does not hold or is not above, as far as
 * the replica shows: told at once, rather than queued to be refused by the hub later (the hub
 * decides anyway, with the item, the chain and the unit). docs/architecture.md, "The desk in agency mode".
 */
import type { HubDeskUser } from '../../../shared/api/hub-link.js';
import type { Role } from '../../../shared/hub/accounts.js';
import type { CommandKind } from '../../../shared/hub/commands.js';
import { standingOn } from '../../../shared/hub/my-work.js';
import type { WorkItem } from '../../../shared/hub/workflow.js';

/** The role a workflow command needs at all. */
const NEEDED_ROLE: Partial<Record<CommandKind, { role: Role; why: string }>> = {
  'arrival.present': { role: 'clerk', why: 'Only the agency clerk (văn thư) presents arrivals to a leader.' },
  'arrival.assign': { role: 'leader', why: 'Only a leader of the agency gives instructions and assigns arrivals.' },
  'assignment.pass': { role: 'unit_leader', why: 'Only a unit leader passes work on, to a person of his unit.' },
};

/** Why this person cannot send such a command, or null when the hub is to decide. */
export function commandRoleRefusal(user: HubDeskUser, kind: CommandKind): string | null {
  const needed = NEEDED_ROLE[kind];
  return needed && !user.roles.includes(needed.role) ? needed.why : null;
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
