/**
 * The naive peer of the ingest bench, run as its own process so that its peak RSS is measured
 * the way the sync process's is: the receive cycle as it is commonly written — each package
 * downloaded whole into memory, parsed into a DOM, every attachment base64-decoded in memory,
 * and every row written in its own autocommit (no explicit transaction).
 *
 * For a like-for-like disk cost it uses the same database settings (openDatabase: WAL,
 * synchronous=FULL) and the same durable blob write (BlobStore.putBytes) as VanThu.
 */
import { createHmac } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { VXP_CALLS, VXP_HASH_HEADER, vxpSignRequest, vxpTimestamp } from '../shared/axis/vxp.js';
import { EDXML_NAMESPACE } from '../shared/edxml/model.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import { BlobStore } from '../electron/core/store/blob-store.js';
import { openDatabase } from '../electron/core/store/database.js';
import type { NaiveCommand, NaiveMessage, NaiveStart } from './naive-protocol.js';

const send = (message: NaiveMessage) => process.send?.(message);

/** /downloadEdoc with the body read whole into a Buffer. */
async function downloadWhole(axis: NaiveStart['axis'], docId: string): Promise<Buffer> {
  const signed = vxpSignRequest({ systemid: axis.systemId, timestamp: vxpTimestamp(), docId });
  const headers = { ...signed.headers, [VXP_HASH_HEADER]: createHmac('sha256', axis.secret).update(signed.signingString, 'utf8').digest('hex') };
  const response = await fetch(`${axis.url.replace(/\/+$/, '')}/downloadEdoc`, { method: VXP_CALLS.downloadEdoc, headers });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200 || (response.headers.get('content-type') ?? '').includes('json')) {
    throw new Error(`downloadEdoc ${docId}: HTTP ${response.status} ${body.toString('utf8').slice(0, 200)}`);
  }
  return body;
}

function childElement(parent: Element | null | undefined, name: string): Element | null {
  if (!parent) return null;
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE && (node as Element).localName === name) return node as Element;
  }
  return null;
}

const text = (parent: Element | null | undefined, name: string): string => childElement(parent, name)?.textContent?.trim() ?? '';
const isoDate = (edxml: string): string | null => (/^\d{4}\/\d{2}\/\d{2}$/.test(edxml) ? edxml.replaceAll('/', '-') : null);

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
    const whole = await downloadWhole(command.axis, row.docId);
    const dom = new DOMParser().parseFromString(whole.toString('utf8'), 'text/xml');
    const root = dom.documentElement;
    if (!root || root.namespaceURI !== EDXML_NAMESPACE) throw new Error(`package ${row.docId} is not edXML`);
    const header = childElement(childElement(childElement(root, 'edXMLEnvelope'), 'edXMLHeader'), 'MessageHeader');
    const from = childElement(header, 'From');
    const code = childElement(header, 'Code');
    const promulgation = childElement(header, 'PromulgationInfo');
    const signer = childElement(header, 'SignerInfo');
    const at = new Date().toISOString();
    const documentId = Number(
      insertDocument.run(
        text(header, 'DocumentId'),
        text(from, 'OrganId'),
        text(from, 'OrganName') || null,
        row.docId,
        text(header, 'Subject') || '(không có trích yếu)',
        text(header, 'Content'),
        text(code, 'CodeNumber'),
        text(code, 'CodeNotation'),
        text(childElement(header, 'DocumentType'), 'TypeName'),
        isoDate(text(promulgation, 'PromulgationDate')),
        text(signer, 'FullName'),
        text(signer, 'Position'),
        text(signer, 'Competence'),
        text(promulgation, 'Place'),
        Math.min(4, Math.max(0, Number(text(childElement(header, 'OtherInfo'), 'Priority')) || 0)),
        isoDate(text(header, 'DueDate')),
        at,
        at,
        at,
      ).lastInsertRowid,
    );
    let position = 0;
    for (let node = childElement(root, 'AttachmentEncoded')?.firstChild; node; node = node.nextSibling) {
      if (node.nodeType !== node.ELEMENT_NODE || (node as Element).localName !== 'Attachment') continue;
      const attachment = node as Element;
      const bytes = Buffer.from(text(attachment, 'ContentTransferEncoded'), 'base64');
      const blob = await blobs.putBytes(bytes);
      insertAttachment.run(documentId, ++position, text(attachment, 'AttachmentName'), text(attachment, 'ContentType') || 'application/octet-stream', blob.size, blob.sha256, at);
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
