/**
 * The desk's own refusal of a workflow command whose role the person signed in obviously lacks:
 * told at once, rather than queued to be refused by the hub later (the hub decides anyway, with
 * the item, the chain and the unit). docs/architecture.md, "The desk in agency mode".
 */
import type { HubDeskUser } from '../../../shared/api/hub-link.js';
import type { Role } from '../../../shared/hub/accounts.js';
import type { CommandKind } from '../../../shared/hub/commands.js';

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
