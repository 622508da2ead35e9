/**
 * What the workflow's commands (arrival.present, arrival.assign, assignment.*, arrival.return)
 * share: the arrival must be open (registered, not done nor returned), and the handling statuses
 * the work calls for reach the sender through the exchange's one way of sending them
 * (recordHandlingResponse: document state, outbox row, timeline line and audit record in the
 * step's transaction), each at most once and in order: 04 before 05 before 06, the missing
 * earlier ones sent first when a later step comes first. docs/architecture.md, "Điều hành".
 *
 * The packages are built before the transaction, for the statuses the document lacked then; inside
 * it, under the document's lock, the statuses still lacking are sent. The document only moves
 * forward, so those are among the ones built; a package built and not sent is an unused blob.
 */
import { STATUS_CODE } from '../../shared/edxml/codes.js';
import { HANDLING_STATES } from '../../shared/domain/handling-status.js';
import type { DocumentState } from '../../shared/api/documents.js';
import { canRespond, RESPONSE_STATE, type ResponseStatusCode } from '../../shared/domain/handling-status.js';
import { recordHandlingResponse } from '../../electron/core/exchange/handling-response.js';
import { statusPackage } from '../../electron/core/exchange/package-contents.js';
import { packStatusPackage, type PackedStatus } from '../../electron/core/exchange/outgoing-packages.js';
import type { StoredDocument } from '../../electron/core/store/exchange-store.js';
import { lockDocument } from '../store/desk-documents.js';
import { internalCopyOf, internalRecipientId } from '../store/internal-documents.js';
import { CommandRefused, type ApplyContext, type PrepareContext } from './command-handler.js';

/** The statuses that follow the work, in the order they must reach the sender. */
type WorkStatus = '04' | '05' | '06';
const WORK_STATUSES: readonly WorkStatus[] = [STATUS_CODE.assigned, STATUS_CODE.processing, STATUS_CODE.done];

/** The statuses not sent yet on the way from `state` to `target`, in order (the shared rule: forward only). */
export function statusesUpTo(state: DocumentState, target: WorkStatus | null): WorkStatus[] {
  if (target === null) return [];
  const codes: WorkStatus[] = [];
  let at = state;
  for (const code of WORK_STATUSES) {
    if (canRespond(at, code)) {
      codes.push(code);
      at = RESPONSE_STATE[code];
    }
    if (code === target) break;
  }
  return codes;
}

/** Where the workflow may act: an arrival registered and still being handled. */

const notFound = (id: number) => new CommandRefused('not_found', `There is no arrived document ${id} at the agency.`);

/**
 * Refuses a document that is no arrival (not_found), not registered yet (invalid) or no longer
 * handled (stale); `also`: states allowed besides (a done document is still read).
 */
export function requireOpenArrival(doc: StoredDocument | null, documentId: number, also: readonly DocumentState[] = []): StoredDocument {
  if (!doc || doc.direction !== 'incoming') throw notFound(documentId);
  if (doc.state === 'arrived') throw new CommandRefused('invalid', `Document ${documentId} is not registered yet: the clerk accepts it (Tiếp nhận) first.`);
  if (!HANDLING_STATES.includes(doc.state) && !also.includes(doc.state)) throw new CommandRefused('stale', `Document ${documentId} is no longer being handled (it is ${doc.state}): refresh to see its latest step.`);
  return doc;
}

/** The document locked for the step, checked open again under the lock. */
export async function lockOpenArrival({ client, exchange }: Pick<ApplyContext<unknown>, 'client' | 'exchange'>, documentId: number, also: readonly DocumentState[] = []): Promise<StoredDocument> {
  if (!(await lockDocument(client, documentId))) throw notFound(documentId);
  return requireOpenArrival(await exchange.document(documentId), documentId, also);
}

/** Status packages built before the transaction, by code. */
export interface PreparedStatuses {
  senderId: string;
  packages: Partial<Record<ResponseStatusCode, PackedStatus>>;
  /**
   * An internal copy (văn bản nội bộ): its statuses go to the sent document's row for this unit,
   * at the hub, and no package is built (internal-documents.ts).
   */
  internal: { sourceId: number; recipientId: string } | null;
}

/** Builds and stores the packages of `codes` for the document's sender; `description` travels with them (a return's reason). */
export async function prepareStatuses({ read, pool, services, account, now }: PrepareContext, doc: StoredDocument, codes: readonly ResponseStatusCode[], description = ''): Promise<PreparedStatuses> {
  const senderId = doc.senderId ?? '';
  const copy = await internalCopyOf(pool, doc.id);
  const internal = copy && { sourceId: copy.sourceId, recipientId: internalRecipientId(copy.unitId) };
  const prepared: PreparedStatuses = { senderId: internal ? `document:${internal.sourceId}` : senderId, packages: {}, internal };
  if (codes.length === 0 || internal) return prepared;
  const agencyCode = services.agencyCode();
  if (!agencyCode) throw new CommandRefused('invalid', 'The hub has no axis account, so it cannot tell the sender how the document is handled: its administrator must set one.');
  const content = await read.receivedContent(doc.id);
  if (!content) throw notFound(doc.id);
  for (const code of codes) {
    const status = await statusPackage(read, { ...content.columns, edxml_document_id: doc.edxmlDocumentId }, senderId, agencyCode, code, description, account.username, now);
    prepared.packages[code] = packStatusPackage(status);
  }
  return prepared;
}

const movedOn = (documentId: number) => new CommandRefused('stale', `Document ${documentId} changed while this step was on its way: refresh and do it again.`);

async function send(context: ApplyContext<unknown>, prepared: PreparedStatuses, documentId: number, code: ResponseStatusCode, description: string): Promise<void> {
  const statusPackage = prepared.internal ? null : prepared.packages[code];
  if (statusPackage === undefined) throw movedOn(documentId);
  const recorded = await recordHandlingResponse(context.exchange, {
    documentId,
    addressee: prepared.senderId,
    status: code,
    description,
    register: null,
    statusPackage,
    actor: context.account.username,
    now: context.now,
    returnAfterAcceptance: code === STATUS_CODE.returned,
  });
  if (!recorded) throw movedOn(documentId);
  if (prepared.internal) {
    // The sender follows its internal document by the recipient unit's row, as it follows an agency's statuses.
    await context.exchange.applyRecipientStatus(prepared.internal.sourceId, prepared.internal.recipientId, code, description || null, context.now.toISOString());
  }
}

/** Sends, under the document's lock, the statuses still lacking up to `target`; returns the codes sent. */
export async function sendWorkStatuses(context: ApplyContext<unknown>, prepared: PreparedStatuses, doc: StoredDocument, target: WorkStatus | null): Promise<WorkStatus[]> {
  const codes = statusesUpTo(doc.state, target);
  for (const code of codes) await send(context, prepared, doc.id, code, '');
  return codes;
}

/** The return (02) with its reason, which the sender is told. */
export async function sendReturn(context: ApplyContext<unknown>, prepared: PreparedStatuses, documentId: number, reason: string): Promise<void> {
  await send(context, prepared, documentId, STATUS_CODE.returned, reason);
}
