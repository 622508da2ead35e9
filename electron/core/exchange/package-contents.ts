/**
 * What VanThu puts in the packages it sends: a document (new, revoke, replace) or a status.
 * Organisations come from the agency directory; numbers and dates from the document as it was
 * numbered; timestamps in Vietnam time, as the axis reads them.
 */
import type { Business, DocumentPackage, Organization, ResponseFor, StatusPackage } from '../../../shared/edxml/model.js';
import { BUSINESS_DOC_TYPE, type BusinessDocType } from '../../../shared/edxml/codes.js';
import { buildDocumentId, formatCode } from '../../../shared/edxml/document-id.js';
import { formatEdxmlTimestamp } from '../../../shared/edxml/dates.js';
import { documentTypeCode, type DocumentTypeCodes } from '../../../shared/edxml/document-type-codes.js';
import type { AttachmentInfo } from '../../../shared/api/documents.js';
import { printedPlaces } from '../../../shared/domain/printed-places.js';
import type { ExchangeReads } from '../store/exchange-store.js';
import type { ContentColumns } from '../store/received-content.js';

/** Where package headers find the agencies they name. */
export type AgencyDirectory = Pick<ExchangeReads, 'agency'>;

/**
 * The fields of a document a package carries, named as the documents table names them: both a
 * stored document and one being received (before it has a row) are passed as they are.
 */
export type PackagedDocument = ContentColumns & {
  edxml_document_id: string | null;
  /** JSON array of the printed "Nơi nhận" lines. */
  to_places: string;
};

export async function organization(directory: AgencyDirectory, agencyId: string): Promise<Organization> {
  const agency = await directory.agency(agencyId);
  return { organId: agencyId, organizationInCharge: '', organName: agency?.name ?? agencyId, organAdd: '', email: agency?.email ?? '', telephone: '', fax: '', website: '' };
}


/** Documents keep dates as yyyy-MM-dd; edXML writes yyyy/MM/dd. */
export const toEdxmlDate = (isoDate: string | null) => (isoDate ?? '').replaceAll('-', '/');

const codeOf = (doc: Pick<PackagedDocument, 'code_number' | 'code_notation'>) => ({ codeNumber: doc.code_number ?? '', codeNotation: doc.code_notation ?? '' });

/** The QCVN DocumentId this agency gives a document when it is sent: issuer, date, number/notation. */
export function outgoingDocumentId(selfId: string, promulgationDate: string, doc: Pick<PackagedDocument, 'code_number' | 'code_notation'>): string {
  return buildDocumentId(selfId, toEdxmlDate(promulgationDate), codeOf(doc));
}

export const contentIdOf = (position: number) => `cid:${position}`;

/**
 * What the header needs before a draft can leave (docs/formats.md#edxml-header), by field, said
 * to the person: empty when it may go. The number is the register's, so it is not asked for here.
 */
export function unsendableFields(doc: Pick<PackagedDocument, 'code_notation' | 'type_name' | 'signer_name'>, attachmentCount: number): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!doc.code_notation) fields.codeNotation = 'the notation (Ký hiệu) is required to send';
  if (!doc.type_name) fields.typeName = 'the document type is required to send';
  if (!doc.signer_name) fields.signerFullName = 'the signer is required to send';
  if (attachmentCount === 0) fields.attachments = 'attach the document file (PDF) before sending';
  return fields;
}

export interface BusinessIntent {
  docType: BusinessDocType;
  reason: string;
  /** The earlier document's edXML DocumentId (revoke, update, replace). */
  documentId: string;
}

export interface DocumentPackageInput {
  doc: PackagedDocument;
  documentId: string;
  promulgationDate: string;
  attachments: readonly AttachmentInfo[];
  recipients: readonly string[];
  selfId: string;
  now: Date;
  /** The agency's DocumentType number map (document-type-config.ts). */
  typeCodes: DocumentTypeCodes;
  intent?: BusinessIntent;
  /** The documents it answers (a hub draft made as a reply to an arrival). */
  responseFor?: readonly ResponseFor[];
}

/**
 * ToPlaces belongs to the smallest header the axis accepts (docs/formats.md#edxml-header): a draft
 * whose Nơi nhận was left empty names the agencies it is sent to, as its printed list would.
 */
function printedRecipients(doc: PackagedDocument, to: readonly Organization[]): string[] {
  const lines = printedPlaces(doc.to_places);
  return lines.length > 0 ? lines : to.map((organ) => organ.organName);
}

export async function documentPackage(directory: AgencyDirectory, input: DocumentPackageInput): Promise<DocumentPackage> {
  const { doc, documentId, promulgationDate, attachments, recipients, selfId, now, typeCodes } = input;
  const to = await Promise.all(recipients.map((id) => organization(directory, id)));
  const from = await organization(directory, selfId);
  const intent = input.intent ?? { docType: BUSINESS_DOC_TYPE.new, reason: '', documentId: '' };
  const typeCode = documentTypeCode(doc.type_name ?? '', typeCodes);
  const references = attachments.map((attachment, index) => ({
    contentId: contentIdOf(index + 1),
    contentType: attachment.contentType,
    description: attachment.name,
    attachmentName: attachment.name,
  }));
  const business: Business = {
    docType: intent.docType,
    reason: intent.reason,
    documentId: intent.documentId,
    paper: false,
    staffInfo: { department: '', staff: '', email: '', mobile: '' },
    documentInfo: false,
    documentReceiver: false,
    receivers: [],
    replacements: intent.docType === BUSINESS_DOC_TYPE.replace ? [{ documentId: intent.documentId, organIds: [...recipients] }] : [],
  };
  return {
    header: {
      from,
      to,
      documentId,
      code: codeOf(doc),
      promulgationInfo: { place: doc.place, promulgationDate: toEdxmlDate(promulgationDate) },
      documentType: { type: typeCode?.type ?? null, typeDetail: typeCode?.typeDetail ?? null, typeName: doc.type_name ?? '' },
      subject: doc.subject,
      content: doc.summary || doc.subject,
      signerInfo: { competence: doc.signer_competence, position: doc.signer_position, fullName: doc.signer_name ?? '' },
      dueDate: toEdxmlDate(doc.due_date),
      toPlaces: printedRecipients(doc, to),
      otherInfo: {
        priority: doc.priority,
        sphereOfPromulgation: '',
        typerNotation: '',
        promulgationAmount: null,
        pageAmount: null,
        direction: false,
        appendixes: [],
      },
      responseFor: [...(input.responseFor ?? [])],
      steeringType: 1,
    },
    traces: [{ organId: selfId, timestamp: formatEdxmlTimestamp(now) }],
    business,
    references,
    attachments: references,
  };
}

/** Only what a status names of its document: a hub reads these from its own store. */
export type StatusSubject = Pick<PackagedDocument, 'code_number' | 'code_notation' | 'promulgation_date' | 'edxml_document_id'>;

/**
 * A status about a document. `addressee` is ResponseFor/OrganId: the original sender for
 * 01–06/15/16, the recipient for 13 (docs/formats.md#statuses).
 */
export async function statusPackage(directory: AgencyDirectory, doc: StatusSubject, addressee: string, selfId: string, code: string, description: string, staff: string, now: Date): Promise<StatusPackage> {
  return {
    from: await organization(directory, selfId),
    responseFor: {
      organId: addressee,
      code: formatCode(codeOf(doc)),
      promulgationDate: toEdxmlDate(doc.promulgation_date),
      documentId: doc.edxml_document_id ?? '',
    },
    staffInfo: { department: '', staff, email: '', mobile: '' },
    statusCode: code,
    description,
    timestamp: formatEdxmlTimestamp(now),
  };
}

/** The ResponseFor naming an arrival this agency answers: its sender, number and date, and its DocumentId. */
export function responseForArrival(arrival: { senderId: string; edxmlDocumentId: string; codeNumber: string; codeNotation: string; promulgationDate: string }): ResponseFor {
  return {
    organId: arrival.senderId,
    code: formatCode({ codeNumber: arrival.codeNumber, codeNotation: arrival.codeNotation }),
    promulgationDate: toEdxmlDate(arrival.promulgationDate || null),
    documentId: arrival.edxmlDocumentId,
  };
}
