/**
 * The naive peers' way of taking a package (the ingest benches): downloaded whole into a Buffer,
 * parsed into a DOM, each attachment base64-decoded in memory — the receive cycle as it is
 * commonly written, which VanThu's streaming receive is measured against.
 */
import { createHmac } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { VXP_CALLS, VXP_HASH_HEADER, vxpSignRequest, vxpTimestamp } from '../shared/axis/vxp.js';
import { EDXML_NAMESPACE } from '../shared/edxml/model.js';
import type { AxisCredentials } from '../electron/core/exchange/sync-protocol.js';

/** /downloadEdoc with the body read whole into a Buffer. */
export async function downloadWhole(axis: AxisCredentials, docId: string): Promise<Buffer> {
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

/** The header's columns, in the order the peers' INSERTs name them. */
export interface NaiveHeader {
  edxmlDocumentId: string;
  senderId: string;
  senderName: string | null;
  subject: string;
  summary: string;
  codeNumber: string;
  codeNotation: string;
  typeName: string;
  promulgationDate: string | null;
  signerName: string;
  signerPosition: string;
  signerCompetence: string;
  place: string;
  priority: number;
  dueDate: string | null;
}

export interface NaivePackage {
  header: NaiveHeader;
  attachments: { name: string; contentType: string; bytes: Buffer }[];
}

export function parseWhole(docId: string, whole: Buffer): NaivePackage {
  const dom = new DOMParser().parseFromString(whole.toString('utf8'), 'text/xml');
  const root = dom.documentElement;
  if (!root || root.namespaceURI !== EDXML_NAMESPACE) throw new Error(`package ${docId} is not edXML`);
  const header = childElement(childElement(childElement(root, 'edXMLEnvelope'), 'edXMLHeader'), 'MessageHeader');
  const from = childElement(header, 'From');
  const code = childElement(header, 'Code');
  const promulgation = childElement(header, 'PromulgationInfo');
  const signer = childElement(header, 'SignerInfo');
  const attachments: NaivePackage['attachments'] = [];
  for (let node = childElement(root, 'AttachmentEncoded')?.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== node.ELEMENT_NODE || (node as Element).localName !== 'Attachment') continue;
    const attachment = node as Element;
    attachments.push({
      name: text(attachment, 'AttachmentName'),
      contentType: text(attachment, 'ContentType') || 'application/octet-stream',
      bytes: Buffer.from(text(attachment, 'ContentTransferEncoded'), 'base64'),
    });
  }
  return {
    header: {
      edxmlDocumentId: text(header, 'DocumentId'),
      senderId: text(from, 'OrganId'),
      senderName: text(from, 'OrganName') || null,
      subject: text(header, 'Subject') || '(không có trích yếu)',
      summary: text(header, 'Content'),
      codeNumber: text(code, 'CodeNumber'),
      codeNotation: text(code, 'CodeNotation'),
      typeName: text(childElement(header, 'DocumentType'), 'TypeName'),
      promulgationDate: isoDate(text(promulgation, 'PromulgationDate')),
      signerName: text(signer, 'FullName'),
      signerPosition: text(signer, 'Position'),
      signerCompetence: text(signer, 'Competence'),
      place: text(promulgation, 'Place'),
      priority: Math.min(4, Math.max(0, Number(text(childElement(header, 'OtherInfo'), 'Priority')) || 0)),
      dueDate: isoDate(text(header, 'DueDate')),
    },
    attachments,
  };
}

/** The header as the peers' INSERT takes it (after axis_doc_id, before the timestamps). */
export function headerValues(header: NaiveHeader): unknown[] {
  return [header.subject, header.summary, header.codeNumber, header.codeNotation, header.typeName, header.promulgationDate, header.signerName, header.signerPosition, header.signerCompetence, header.place, header.priority, header.dueDate];
}
