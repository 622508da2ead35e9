/**
 * What a desk in agency mode does not do itself. Its documents are the agency server's (the
 * replica): it writes to them only through commands queued for the server, and the server alone
 * exchanges with the axis, keeps the registers and the records. A call below that reaches the core
 * of such a desk (an old window, a script) is refused with the reason instead of writing to the
 * standalone tables, which a desk leaves empty. docs/architecture.md, "The desk in agency mode".
 */
import type { ApiMethod } from '../../../shared/api/contract.js';
import { ApiError } from '../../../shared/api/errors.js';

const STANDALONE_ONLY: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  // Drafts: in agency mode a draft is saved by a draft.save command.
  'drafts.create',
  'drafts.update',
  'drafts.delete',
  'attachments.add',
  // Handling and sending: the server's exchange does them (accepting: an arrival.accept command).
  'documents.respond',
  'documents.undoStatus',
  'documents.send',
  'documents.takeBack',
  'documents.revoke',
  'documents.replace',
  'documents.update',
  'documents.answerRequest',
  'documents.resolveConflict',
  'documents.submitForSigning',
  'documents.returnForChanges',
  'documents.withdrawSubmission',
  'documents.numberAndSignAsAgency',
  'outbox.retry',
  'quarantine.retry',
  'quarantine.ignore',
  // Registers, paper arrivals and records are the agency's, kept by the server.
  'intake.register',
  'registers.create',
  'registers.setActive',
  'dossiers.create',
  'dossiers.close',
  'dossiers.file',
  'dossiers.unfile',
  'copies.create',
  'handover.recordReceipt',
  // Điều hành in standalone mode: at a desk the hub's work items hold deadlines and reminders.
  'work.save',
  'work.remind',
]);

export function refuseStandaloneOnly(method: ApiMethod): void {
  if (STANDALONE_ONLY.has(method)) {
    throw new ApiError('conflict', `This desk works for the agency server: ${method} is done there, not on this computer. Its actions go to the server through the send queue.`, { agencyMode: method });
  }
}
