/**
 * Writes packages strictly (docs/formats.md#edxml): validated first, every element in the spec's order, only
 * non-empty ones, attachment bodies streamed as base64 lines. The output is a sequence of string
 * chunks, so a 70 MB package can go to a file or a socket without being held in memory.
 *
 * No `Signature` element is written: the legal signatures are the ones inside the PDFs
 * (docs/formats.md#decree-30), and an enveloped XML-DSig would not verify on arrival anyway once the axis appends its
 * TraceHeaders (docs/formats.md#edxml).
 */
import { base64Lines, type ByteSource } from './base64-lines.js';
import { BUSINESS_DOC_TYPE } from './codes.js';
import { EdxmlValidationError, type EdxmlIssue } from './errors.js';
import {
  EDXML_NAMESPACE,
  type AttachmentMeta,
  type Business,
  type DocumentHeader,
  type DocumentPackage,
  type Organization,
  type ResponseFor,
  type StaffInfo,
  type StatusPackage,
} from './model.js';
import { validateDocumentPackage, validateStatusPackage } from './validate.js';
import { closeTag, element, leaf, openTag, serializeElement, type XmlElement } from './xml-writer.js';

/** The bytes of an attachment, by its ContentId as given in the model. */
export type AttachmentBodyProvider = (contentId: string) => ByteSource;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const ROOT = 'edXML';
// Every xs:boolean is written one way, the form Paper and DocumentInfo use (docs/formats.md#edxml-header).
const bit = (value: boolean) => (value ? '1' : '0');

function organization(name: string, organ: Organization): XmlElement | null {
  return element(name, [
    leaf('OrganId', organ.organId),
    leaf('OrganizationInCharge', organ.organizationInCharge),
    leaf('OrganName', organ.organName),
    leaf('OrganAdd', organ.organAdd),
    leaf('Email', organ.email),
    leaf('Telephone', organ.telephone),
    leaf('Fax', organ.fax),
    leaf('Website', organ.website),
  ]);
}

function responseFor(answered: ResponseFor): XmlElement | null {
  return element('ResponseFor', [
    leaf('OrganId', answered.organId),
    leaf('Code', answered.code),
    leaf('PromulgationDate', answered.promulgationDate),
    leaf('DocumentId', answered.documentId),
  ]);
}

function messageHeader(header: DocumentHeader): XmlElement | null {
  const other = header.otherInfo;
  return element('MessageHeader', [
    organization('From', header.from),
    ...header.to.map((organ) => organization('To', organ)),
    leaf('DocumentId', header.documentId),
    element('Code', [leaf('CodeNumber', header.code.codeNumber), leaf('CodeNotation', header.code.codeNotation)]),
    element('PromulgationInfo', [leaf('Place', header.promulgationInfo.place), leaf('PromulgationDate', header.promulgationInfo.promulgationDate)]),
    element('DocumentType', [
      leaf('Type', header.documentType.type),
      leaf('TypeDetail', header.documentType.typeDetail),
      leaf('TypeName', header.documentType.typeName),
    ]),
    leaf('Subject', header.subject),
    leaf('Content', header.content),
    element('SignerInfo', [leaf('Competence', header.signerInfo.competence), leaf('Position', header.signerInfo.position), leaf('FullName', header.signerInfo.fullName)]),
    leaf('DueDate', header.dueDate),
    element('ToPlaces', header.toPlaces.map((place) => leaf('Place', place))),
    element('OtherInfo', [
      leaf('Priority', other.priority),
      leaf('SphereOfPromulgation', other.sphereOfPromulgation),
      leaf('TyperNotation', other.typerNotation),
      leaf('PromulgationAmount', other.promulgationAmount),
      leaf('PageAmount', other.pageAmount),
      leaf('Direction', bit(other.direction)),
      element('Appendixes', other.appendixes.map((appendix) => leaf('Appendix', appendix))),
    ]),
    ...header.responseFor.map(responseFor),
    leaf('SteeringType', header.steeringType),
  ]);
}

const STAFF_ELEMENTS: Record<keyof StaffInfo, string> = { department: 'Department', staff: 'Staff', email: 'Email', mobile: 'Mobile' };

/** The spec orders StaffInfo's children differently in Bussiness and in a status. */
function staffInfo(staff: StaffInfo, order: readonly (keyof StaffInfo)[]): XmlElement | null {
  return element('StaffInfo', order.map((key) => leaf(STAFF_ELEMENTS[key], staff[key])));
}

function business(block: Business): XmlElement | null {
  return element('Bussiness', [
    leaf('BussinessDocType', block.docType),
    leaf('BussinessDocReason', block.reason),
    leaf('DocumentId', block.documentId),
    leaf('Paper', bit(block.paper)),
    staffInfo(block.staffInfo, ['department', 'staff', 'email', 'mobile']),
    block.docType === BUSINESS_DOC_TYPE.update
      ? element('BussinessDocumentInfo', [
          leaf('DocumentInfo', bit(block.documentInfo)),
          leaf('DocumentReceiver', bit(block.documentReceiver)),
          element(
            'ReceiverList',
            block.receivers.map((receiver) => element('Receiver', [leaf('OrganId', receiver.organId), leaf('ReceiverType', receiver.receiverType)])),
          ),
        ])
      : null,
    element(
      'ReplacementInfoList',
      block.replacements.map((replacement) =>
        element('ReplacementInfo', [leaf('DocumentId', replacement.documentId), element('OrganIdList', replacement.organIds.map((organId) => leaf('OrganId', organId)))]),
      ),
    ),
  ]);
}

function envelope(pkg: DocumentPackage): XmlElement | null {
  return element('edXMLEnvelope', [
    element('edXMLHeader', [
      messageHeader(pkg.header),
      element('TraceHeaderList', [
        ...pkg.traces.map((trace) => element('TraceHeader', [leaf('OrganId', trace.organId), leaf('Timestamp', trace.timestamp)])),
        business(pkg.business),
      ]),
    ]),
    element('edXMLBody', [
      element(
        'edXMLManifest',
        pkg.references.map((reference) =>
          element('Reference', [
            leaf('ContentId', reference.contentId),
            leaf('ContentType', reference.contentType),
            leaf('Description', reference.description),
            leaf('AttachmentName', reference.attachmentName),
          ]),
        ),
        { version: '1.0' },
      ),
    ]),
  ]);
}

function rootOpening(): string {
  return `${XML_DECLARATION}${openTag(ROOT, 0, { xmlns: EDXML_NAMESPACE })}\n`;
}

function throwIfInvalid(issues: EdxmlIssue[]): void {
  if (issues.length > 0) throw new EdxmlValidationError(issues);
}

async function* attachmentChunks(attachment: AttachmentMeta, body: ByteSource): AsyncGenerator<string> {
  const meta = [
    leaf('ContentId', attachment.contentId),
    leaf('AttachmentName', attachment.attachmentName),
    leaf('Description', attachment.description),
    leaf('ContentType', attachment.contentType),
  ];
  yield `${openTag('Attachment', 2)}\n${meta.map((node) => (node ? serializeElement(node, 3) : '')).join('')}${openTag('ContentTransferEncoded', 3)}\n`;
  yield* base64Lines(body);
  yield `${closeTag('ContentTransferEncoded', 3)}${closeTag('Attachment', 2)}`;
}

async function* documentChunks(pkg: DocumentPackage, bodies: AttachmentBodyProvider): AsyncGenerator<string> {
  yield `${rootOpening()}${serializeElement(envelope(pkg)!, 1)}${openTag('AttachmentEncoded', 1)}\n`;
  for (const attachment of pkg.attachments) yield* attachmentChunks(attachment, bodies(attachment.contentId));
  yield `${closeTag('AttachmentEncoded', 1)}${closeTag(ROOT, 0)}`;
}

/** Validates at once (throws EdxmlValidationError), then streams as the caller pulls. */
export function buildDocumentPackage(pkg: DocumentPackage, attachmentBodies: AttachmentBodyProvider): AsyncGenerator<string> {
  throwIfInvalid(validateDocumentPackage(pkg));
  return documentChunks(pkg, attachmentBodies);
}

/** A status is the same envelope with only a MessageHeader (docs/formats.md#statuses): small, so one chunk. */
export function buildStatusPackage(status: StatusPackage): Iterable<string> {
  throwIfInvalid(validateStatusPackage(status));
  const header = element('MessageHeader', [
    organization('From', status.from),
    responseFor(status.responseFor),
    staffInfo(status.staffInfo, ['department', 'staff', 'mobile', 'email']),
    leaf('StatusCode', status.statusCode),
    leaf('Description', status.description),
    leaf('Timestamp', status.timestamp),
  ]);
  const statusEnvelope = element('edXMLEnvelope', [element('edXMLHeader', [header])])!;
  return [`${rootOpening()}${serializeElement(statusEnvelope, 1)}${closeTag(ROOT, 0)}`];
}
