/**
 * Reads the package model from the parsed element tree. Tolerant (docs/formats.md#edxml): optional blocks may
 * be missing, elements may come in any order, empty repeated blocks (`<ResponseFor/>`) are
 * dropped, unknown elements are ignored, and dates are kept as sent even when DocumentId and
 * PromulgationDate disagree. Only what makes a package unusable is refused.
 */
import { BUSINESS_DOC_TYPE, RECEIVER_TYPE, type BusinessDocType } from './codes.js';
import { sameContentId } from './content-id.js';
import { child, childFlag, childInteger, childrenNamed, childText, pathStep, textOf, type TreeNode } from './element-tree.js';
import { EdxmlParseError } from './errors.js';
import type { AttachmentMeta, Business, DocumentPackage, Organization, ParsedPackage, ResponseFor, StaffInfo, StatusPackage } from './model.js';

const HEADER_PATH = 'edXML/edXMLEnvelope/edXMLHeader/MessageHeader';

/** For records of strings: false when every field is empty, as in `<ResponseFor/>`. */
const isPresent = (record: object) => Object.values(record).some((value) => value !== '');

function readOrganization(node: TreeNode | undefined): Organization {
  return {
    organId: childText(node, 'OrganId'),
    organizationInCharge: childText(node, 'OrganizationInCharge'),
    organName: childText(node, 'OrganName'),
    organAdd: childText(node, 'OrganAdd'),
    email: childText(node, 'Email'),
    telephone: childText(node, 'Telephone'),
    fax: childText(node, 'Fax'),
    website: childText(node, 'Website'),
  };
}

function readResponseFor(node: TreeNode | undefined): ResponseFor {
  return {
    organId: childText(node, 'OrganId'),
    code: childText(node, 'Code'),
    promulgationDate: childText(node, 'PromulgationDate'),
    documentId: childText(node, 'DocumentId'),
  };
}

function readStaffInfo(node: TreeNode | undefined): StaffInfo {
  return {
    department: childText(node, 'Department'),
    staff: childText(node, 'Staff'),
    email: childText(node, 'Email'),
    mobile: childText(node, 'Mobile'),
  };
}

export function readAttachmentMeta(node: TreeNode | undefined): AttachmentMeta {
  return {
    contentId: childText(node, 'ContentId'),
    contentType: childText(node, 'ContentType'),
    description: childText(node, 'Description'),
    attachmentName: childText(node, 'AttachmentName'),
  };
}

const texts = (nodes: TreeNode[]) => nodes.map(textOf).filter((text) => text !== '');

/** An unknown BussinessDocType is read as a new document: it asks nothing of an earlier one. */
function readBusiness(node: TreeNode | undefined): Business {
  const docType = childInteger(node, 'BussinessDocType');
  const update = child(node, 'BussinessDocumentInfo');
  return {
    docType: docType !== null && docType >= BUSINESS_DOC_TYPE.new && docType <= BUSINESS_DOC_TYPE.replace ? (docType as BusinessDocType) : BUSINESS_DOC_TYPE.new,
    reason: childText(node, 'BussinessDocReason'),
    documentId: childText(node, 'DocumentId'),
    paper: childFlag(node, 'Paper'),
    staffInfo: readStaffInfo(child(node, 'StaffInfo')),
    documentInfo: childFlag(update, 'DocumentInfo'),
    documentReceiver: childFlag(update, 'DocumentReceiver'),
    receivers: childrenNamed(child(update, 'ReceiverList'), 'Receiver')
      .map((receiver) => ({
        organId: childText(receiver, 'OrganId'),
        receiverType: childInteger(receiver, 'ReceiverType') === RECEIVER_TYPE.added ? RECEIVER_TYPE.added : RECEIVER_TYPE.removed,
      }))
      .filter((receiver) => receiver.organId !== ''),
    replacements: childrenNamed(child(node, 'ReplacementInfoList'), 'ReplacementInfo')
      .map((replacement) => ({
        documentId: childText(replacement, 'DocumentId'),
        organIds: texts(childrenNamed(child(replacement, 'OrganIdList'), 'OrganId')),
      }))
      .filter((replacement) => replacement.documentId !== '' || replacement.organIds.length > 0),
  };
}

function readStatus(header: TreeNode, from: Organization): StatusPackage {
  const responseFor = readResponseFor(child(header, 'ResponseFor'));
  if (responseFor.documentId === '') throw new EdxmlParseError('missing_document_id', 'the status names no ResponseFor/DocumentId', `${HEADER_PATH}/ResponseFor`);
  return {
    from,
    responseFor,
    staffInfo: readStaffInfo(child(header, 'StaffInfo')),
    statusCode: childText(header, 'StatusCode'),
    description: childText(header, 'Description'),
    timestamp: childText(header, 'Timestamp'),
  };
}

function readDocument(root: TreeNode, envelopeHeader: TreeNode, header: TreeNode, from: Organization): DocumentPackage {
  const documentId = childText(header, 'DocumentId');
  if (documentId === '') throw new EdxmlParseError('missing_document_id', 'the package has no DocumentId', `${HEADER_PATH}/DocumentId`);
  const other = child(header, 'OtherInfo');
  const traceList = child(envelopeHeader, 'TraceHeaderList');
  const manifest = child(child(child(root, 'edXMLEnvelope'), 'edXMLBody'), 'edXMLManifest');
  const pkg: DocumentPackage = {
    header: {
      from,
      to: childrenNamed(header, 'To').map(readOrganization).filter(isPresent),
      documentId,
      code: { codeNumber: childText(child(header, 'Code'), 'CodeNumber'), codeNotation: childText(child(header, 'Code'), 'CodeNotation') },
      promulgationInfo: {
        place: childText(child(header, 'PromulgationInfo'), 'Place'),
        promulgationDate: childText(child(header, 'PromulgationInfo'), 'PromulgationDate'),
      },
      documentType: {
        type: childInteger(child(header, 'DocumentType'), 'Type'),
        typeDetail: childInteger(child(header, 'DocumentType'), 'TypeDetail'),
        typeName: childText(child(header, 'DocumentType'), 'TypeName'),
      },
      subject: childText(header, 'Subject'),
      content: childText(header, 'Content'),
      signerInfo: {
        competence: childText(child(header, 'SignerInfo'), 'Competence'),
        position: childText(child(header, 'SignerInfo'), 'Position'),
        fullName: childText(child(header, 'SignerInfo'), 'FullName'),
      },
      dueDate: childText(header, 'DueDate'),
      toPlaces: texts(childrenNamed(child(header, 'ToPlaces'), 'Place')),
      otherInfo: {
        priority: childInteger(other, 'Priority') ?? 0,
        sphereOfPromulgation: childText(other, 'SphereOfPromulgation'),
        typerNotation: childText(other, 'TyperNotation'),
        promulgationAmount: childInteger(other, 'PromulgationAmount'),
        pageAmount: childInteger(other, 'PageAmount'),
        direction: childFlag(other, 'Direction'),
        appendixes: texts(childrenNamed(child(other, 'Appendixes'), 'Appendix')),
      },
      responseFor: childrenNamed(header, 'ResponseFor').map(readResponseFor).filter(isPresent),
      steeringType: childInteger(header, 'SteeringType') ?? 1,
    },
    traces: childrenNamed(traceList, 'TraceHeader')
      .map((trace) => ({ organId: childText(trace, 'OrganId'), timestamp: childText(trace, 'Timestamp') }))
      .filter(isPresent),
    // Bussiness belongs in TraceHeaderList; some producers put it beside it.
    business: readBusiness(child(traceList, 'Bussiness') ?? child(envelopeHeader, 'Bussiness')),
    references: childrenNamed(manifest, 'Reference').map(readAttachmentMeta),
    attachments: childrenNamed(child(root, 'AttachmentEncoded'), 'Attachment').map(readAttachmentMeta),
  };
  pkg.references.forEach((reference, index) => {
    if (!pkg.attachments.some((attachment) => sameContentId(attachment.contentId, reference.contentId))) {
      throw new EdxmlParseError(
        'reference_without_attachment',
        `the manifest names attachment "${reference.contentId}", which the package does not carry`,
        `edXML/edXMLEnvelope/edXMLBody/edXMLManifest/${pathStep('Reference', index + 1)}`,
      );
    }
  });
  return pkg;
}

/** A status is told from a document by its StatusCode (docs/formats.md#statuses). */
export function readPackage(root: TreeNode): ParsedPackage {
  const envelopeHeader = child(child(root, 'edXMLEnvelope'), 'edXMLHeader');
  const header = child(envelopeHeader, 'MessageHeader');
  if (!envelopeHeader || !header) throw new EdxmlParseError('not_edxml', 'the package has no edXMLEnvelope/edXMLHeader/MessageHeader', 'edXML');
  const from = readOrganization(child(header, 'From'));
  if (from.organId === '') throw new EdxmlParseError('missing_from', 'the package names no sender (From/OrganId)', `${HEADER_PATH}/From`);
  return child(header, 'StatusCode')
    ? { kind: 'status', package: readStatus(header, from) }
    : { kind: 'document', package: readDocument(root, envelopeHeader, header, from) };
}
