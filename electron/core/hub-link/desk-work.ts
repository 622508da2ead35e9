/**
 * The desk's own refusal of a command whose role the person signed in obviously lacks: told at
 * once, rather than queued to be refused by the hub later (the hub decides anyway, with the item,
 * the chain, the unit and who sees the document). docs/architecture.md, "The desk in agency mode".
 */
import type { HubDeskUser } from '../../../shared/api/hub-link.js';
import type { Role } from '../../../shared/hub/accounts.js';
import { DOCUMENT_SHARERS, type CommandKind } from '../../../shared/hub/commands.js';

/** The roles a command needs at all (any one of them). */
const NEEDED_ROLES: Partial<Record<CommandKind, { roles: readonly Role[]; why: string }>> = {
  'arrival.present': { roles: ['clerk'], why: 'Only the agency clerk (văn thư) presents arrivals to a leader.' },
  'arrival.assign': { roles: ['leader'], why: 'Only a leader of the agency gives instructions and assigns arrivals.' },
  'assignment.pass': { roles: ['unit_leader'], why: 'Only a unit leader passes work on, to a person of his unit.' },
  'document.share': { roles: DOCUMENT_SHARERS, why: 'Only the clerk, a leader or a unit leader gives documents to units and people.' },
};

/** Why this person cannot send such a command, or null when the hub is to decide. */
export function commandRoleRefusal(user: HubDeskUser, kind: CommandKind): string | null {
  const needed = NEEDED_ROLES[kind];
  return needed && !needed.roles.some((role) => user.roles.includes(role)) ? needed.why : null;
}
