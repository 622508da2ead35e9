/**
 * One of the two processes that write the agency's database (docs/architecture.md, "One database,
 * two writers"): `core` drafts and accepts received documents (a read, then writes, in one
 * transaction, taking register numbers); `sync` stores received documents and marks queued
 * packages sent, as the sync process does. Each uses its own connection and the real store
 * functions. Bundled by two-writers.test.ts; started with `<database> <core|sync> <count>`; waits
 * for the start time so that both start together; answers with what it wrote and every error.
 */
import { appendAudit } from '../electron/core/store/audit-log.js';
import { openDatabase, writeTransaction } from '../electron/core/store/database.js';
import { insertReceivedDocument, setHandlingState } from '../electron/core/store/document-transitions.js';
import { createDraft, listDocuments } from '../electron/core/store/documents.js';
import { recordInbound } from '../electron/core/store/inbound.js';
import { dueOutbox, enqueueOutbox, setOutboxState } from '../electron/core/store/outbox.js';
import { enterInRegister, registerForNumbering } from '../electron/core/store/registers.js';
import { recordStatusEvent } from '../electron/core/store/status-events.js';

const [file, role, count] = process.argv.slice(2);
const db = openDatabase(file!, { migrate: false });

function syncStep(i: number, now: Date): { received: number; sent: number } {
  const at = now.toISOString();
  writeTransaction(db, () => {
    const id = insertReceivedDocument(db, { direction: 'incoming', state: 'arrived', subject: `received ${i}`, sender_id: 'sender', edxml_document_id: `doc-${i}`, received_at: at }, [], at);
    enqueueOutbox(db, { documentId: id, messageType: 'status', packageSha256: `arrived-${i}`, recipients: ['sender'], purpose: 'status:01' }, at);
    recordStatusEvent(db, { documentId: id, agencyId: 'sender', direction: 'out', statusCode: '01', description: null, staff: null, occurredAt: at, axisDocId: null });
    recordInbound(db, { axis_doc_id: `axis-${i}`, message_type: 'edoc', outcome: 'document', document_id: id }, at);
    appendAudit(db, { actor: 'sync', action: 'document.received', subject: `document:${id}` }, now);
  });
  // The packages the core queued meanwhile leave, as the outbox pusher marks them.
  let sent = 0;
  for (const row of dueOutbox(db, at, 5)) {
    writeTransaction(db, () => {
      setOutboxState(db, row.id, { state: 'sent', axisDocId: `sent-${row.id}`, countAttempt: true }, at);
      appendAudit(db, { actor: 'sync', action: 'outbox.sent', subject: `outbox:${row.id}` }, now);
    });
    sent++;
  }
  return { received: 1, sent };
}

function coreStep(i: number, now: Date): { drafts: number; accepted: number } {
  createDraft(db, { subject: `draft ${i}`, summary: '' }, 'clerk', now);
  const book = registerForNumbering(db, 'in', undefined)!;
  // Read, then write, in one transaction: the document the other process stored is accepted.
  const accepted = writeTransaction(db, () => {
    const [waiting] = listDocuments(db, 'inbox', 1, 0, { tab: 'waiting', today: '2026-06-01' }).rows;
    if (!waiting) return 0;
    const id = waiting.id;
    const at = now.toISOString();
    setHandlingState(db, id, 'accepted', enterInRegister(db, id, book, now), at);
    enqueueOutbox(db, { documentId: id, messageType: 'status', packageSha256: `accepted-${id}`, recipients: ['sender'], purpose: 'status:03' }, at);
    appendAudit(db, { actor: 'clerk', action: 'document.status.03', subject: `document:${id}` }, now);
    return 1;
  });
  return { drafts: 1, accepted };
}

process.once('message', async (startAt: number) => {
  while (Date.now() < startAt);
  const totals: Record<string, number> = {};
  const errors: string[] = [];
  for (let i = 0; i < Number(count); i++) {
    try {
      const now = new Date('2026-06-01T03:00:00.000Z');
      for (const [key, n] of Object.entries(role === 'sync' ? syncStep(i, now) : coreStep(i, now))) totals[key] = (totals[key] ?? 0) + n;
    } catch (error) {
      errors.push(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`);
    }
    // Each process does other work between two steps (network, files), as the real ones do.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  db.close();
  process.send!({ totals, errors }, () => process.exit(0));
});
process.send!('ready');
