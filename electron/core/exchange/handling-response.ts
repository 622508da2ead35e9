/**
 * A handling status this agency answers an incoming document with, recorded in the exchange's
 * write transaction: the arrival number when accepting (taken here, so a failed step leaves no
 * gap in the register), the document's new state, the status queued for its sender with its
 * timeline line, and the audit row. The desk's clerk (documents.respond) and the hub's
 * `arrival.accept` command and workflow steps record it through this one function, each on its own store.
 */
import { canRespond, canReturn, RESPONSE_STATE, type ResponseStatusCode } from '../../../shared/domain/handling-status.js';
import type { ExchangeTransaction, RegisterRef } from '../store/exchange-store.js';
import { statusEntry, type PackedStatus } from './outgoing-packages.js';

export interface HandlingResponse {
  documentId: number;
  /** Who the status goes to: the document's sender. */
  addressee: string;
  status: ResponseStatusCode;
  description: string;
  internalNote?: string;
  /** The incoming register that numbers the document, when accepting. */
  register: RegisterRef | null;
  /**
   * The status package, built before the transaction; null for an internal copy at the hub, whose
   * sender is a unit of the same agency and is told without the axis.
   */
  statusPackage: PackedStatus | null;
  actor: string;
  now: Date;
  /** The status may not leave before then (ISO): a held status the clerk can still undo. */
  notBefore?: string;
  /** What else the audit row records (e.g. the signature verdict the clerk confirmed). */
  auditDetails?: Record<string, unknown>;
  /** A return (02) by the hub's workflow, which may come after acceptance (canReturn) where the clerk's may not. */
  returnAfterAcceptance?: boolean;
}

/**
 * Records `response`, or returns null without writing anything when the document's current state
 * no longer allows that status (it was answered meanwhile: statuses only move forward).
 */
export async function recordHandlingResponse(tx: ExchangeTransaction, response: HandlingResponse): Promise<{ arrivalNumber: number | null } | null> {
  const { documentId, addressee, status, description, internalNote, register, actor, now } = response;
  const current = await tx.document(documentId);
  if (!current) return null;
  if (!(status === '02' && response.returnAfterAcceptance ? canReturn(current.state) : canRespond(current.state, status))) return null;
  const at = now.toISOString();
  const arrivalNumber = register ? await tx.enterInRegister(documentId, register, now) : current.arrivalNumber;
  await tx.setHandlingState(documentId, RESPONSE_STATE[status], arrivalNumber, at);
  if (response.statusPackage !== null) {
    await tx.enqueueOutbox(statusEntry(documentId, response.statusPackage, addressee, status, response.notBefore), at);
  }
  await tx.recordStatusEvent({
    documentId,
    agencyId: addressee,
    direction: 'out',
    statusCode: status,
    description: description || null,
    staff: actor,
    occurredAt: at,
    axisDocId: null,
    internalNote: internalNote || null,
  });
  await tx.appendAudit(
    {
      actor,
      action: `document.status.${status}`,
      subject: `document:${documentId}`,
      details: { description, arrivalNumber, ...(register && { register: register.code }), ...(internalNote && { internalNote }), ...response.auditDetails },
    },
    now,
  );
  return { arrivalNumber };
}
