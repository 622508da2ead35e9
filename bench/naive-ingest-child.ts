/**
 * The naive peer of the ingest bench, run as its own process so that its peak RSS is measured
 * the way the sync process's is: each package taken whole (naive-edxml.ts) and every row written
 * in its own autocommit (no explicit transaction).
 *
 * For a like-for-like disk cost it uses the same database settings (openDatabase: WAL,
 * synchronous=FULL) and the same durable blob write (BlobStore.putBytes) as VanThu.
 */
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import { BlobStore } from '../electron/core/store/blob-store.js';
import { openDatabase } from '../electron/core/store/database.js';
import { downloadWhole, headerValues, parseWhole } from './naive-edxml.js';
import type { NaiveCommand, NaiveMessage, NaiveStart } from './naive-protocol.js';

const send = (message: NaiveMessage) => process.send?.(message);

async function run(command: NaiveStart): Promise<number> {
  const db = openDatabase(command.databaseFile, { migrate: false });
  const blobs = new BlobStore(command.blobsDir);
  const client = createVxpClient({ baseUrl: command.axis.url, systemId: command.axis.systemId, secret: command.axis.secret });
  const insertDocument = db.prepare(
    `INSERT INTO documents (direction, state, edxml_document_id, sender_id, sender_name, axis_doc_id, subject, summary, code_number, code_notation,
       type_name, promulgation_date, signer_name, signer_position, signer_competence, place, priority, due_date, received_at, created_at, updated_at)
     VALUES ('incoming', 'arrived', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAttachment = db.prepare('INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertInbound = db.prepare("INSERT INTO inbound_packages (axis_doc_id, message_type, outcome, document_id, recorded_at) VALUES (?, 'edoc', 'document', ?, ?)");
  const markAcknowledged = db.prepare('UPDATE inbound_packages SET acknowledged_at = ? WHERE axis_doc_id = ?');
  send({ type: 'ready' });

  let stored = 0;
  const waiting = await client.listReceived('edoc');
  for (const row of waiting) {
    const { header, attachments } = parseWhole(row.docId, await downloadWhole(command.axis, row.docId));
    const at = new Date().toISOString();
    const documentId = Number(insertDocument.run(header.edxmlDocumentId, header.senderId, header.senderName, row.docId, ...headerValues(header), at, at, at).lastInsertRowid);
    let position = 0;
    for (const attachment of attachments) {
      const blob = await blobs.putBytes(attachment.bytes);
      insertAttachment.run(documentId, ++position, attachment.name, attachment.contentType, blob.size, blob.sha256, at);
    }
    insertInbound.run(row.docId, documentId, at);
    await client.acknowledge(row.docId, 'done');
    markAcknowledged.run(new Date().toISOString(), row.docId);
    stored++;
  }
  db.close();
  return stored;
}

// Done or failed, the process stays until the bench has read its peak RSS and says `exit`.
process.on('message', (command: NaiveCommand | { type: 'exit' }) => {
  if (command.type === 'exit') process.exit(0);
  run(command).then(
    (stored) => send({ type: 'done', stored }),
    (error: unknown) => send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
