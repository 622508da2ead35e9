/**
 * What VanThu checks before it writes a package: the fields of the minimal header the axis
 * accepts, the length limits receivers are known to apply and the codes' ranges
 * (docs/formats.md#edxml, #statuses). Each problem is reported with its place in the model so the
 * form can point at it.
 */
import { BUSINESS_DOC_TYPE, statusNeedsReason } from './codes.js';
import { normalizeContentId } from './content-id.js';
import { isEdxmlDate, isEdxmlTimestamp } from './dates.js';
import type { EdxmlIssue } from './errors.js';
import type { Business, DocumentPackage, Organization, StatusPackage } from './model.js';

const LIMIT = { documentId: 200, codePart: 50, subject: 500, content: 500, organName: 200, fullName: 50 } as const;

// Irregular ids exist (docs/formats.md#agency-codes), so only what would break the package is refused.
const ORGAN_ID = /^[\x21-\x7e]+$/;
// Characters XML 1.0 cannot carry at all, not even as references.
// eslint-disable-next-line no-control-regex -- control characters are what it must find
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|\p{Cs}/u;

class Issues {
  readonly list: EdxmlIssue[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  text(path: string, value: string, rule: { required?: boolean; max?: number }): void {
    const trimmed = value.trim();
    if (rule.required && trimmed === '') this.add(path, 'is required');
    else if (rule.max !== undefined && [...trimmed].length > rule.max) this.add(path, `is longer than ${rule.max} characters`);
  }

  organId(path: string, value: string, required: boolean): void {
    if (value.trim() === '') {
      if (required) this.add(path, 'is required');
    } else if (!ORGAN_ID.test(value.trim())) {
      this.add(path, 'must be printable ASCII without spaces');
    }
  }

  date(path: string, value: string, required: boolean): void {
    if (value === '' ? required : !isEdxmlDate(value)) this.add(path, value === '' ? 'is required' : 'must be a date yyyy/MM/dd');
  }

  timestamp(path: string, value: string): void {
    if (!isEdxmlTimestamp(value)) this.add(path, value === '' ? 'is required' : 'must be a timestamp yyyy/MM/dd HH:mm:ss');
  }

  integer(path: string, value: number | null, min: number, max = Number.MAX_SAFE_INTEGER): void {
    if (value !== null && !(Number.isInteger(value) && value >= min && value <= max)) {
      this.add(path, max === Number.MAX_SAFE_INTEGER ? `must be a whole number from ${min}` : `must be a whole number from ${min} to ${max}`);
    }
  }

  /** Walks every string of the model, wherever it sits. */
  xmlCharacters(value: unknown, path: string): void {
    if (typeof value === 'string') {
      if (NOT_XML.test(value)) this.add(path, 'contains a character XML cannot carry');
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => this.xmlCharacters(item, `${path}[${index}]`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) this.xmlCharacters(item, path === '' ? key : `${path}.${key}`);
    }
  }
}

function checkOrganization(issues: Issues, path: string, organization: Organization): void {
  issues.organId(`${path}.organId`, organization.organId, true);
  issues.text(`${path}.organName`, organization.organName, { max: LIMIT.organName });
}

function checkBusiness(issues: Issues, business: Business): void {
  issues.integer('business.docType', business.docType, BUSINESS_DOC_TYPE.new, BUSINESS_DOC_TYPE.replace);
  if (business.docType !== BUSINESS_DOC_TYPE.new) {
    issues.text('business.reason', business.reason, { required: true });
    issues.text('business.documentId', business.documentId, { required: true, max: LIMIT.documentId });
  }
  // These blocks are written only for their own kind: refuse data that would silently vanish.
  if (business.docType !== BUSINESS_DOC_TYPE.update && (business.documentInfo || business.documentReceiver || business.receivers.length > 0)) {
    issues.add('business.receivers', 'update details are only written for an update (docType 2)');
  }
  if (business.docType !== BUSINESS_DOC_TYPE.replace && business.replacements.length > 0) {
    issues.add('business.replacements', 'replacements are only written for a replace (docType 3)');
  }
  business.receivers.forEach((receiver, index) => {
    issues.organId(`business.receivers[${index}].organId`, receiver.organId, true);
    issues.integer(`business.receivers[${index}].receiverType`, receiver.receiverType, 0, 1);
  });
  business.replacements.forEach((replacement, index) => {
    const path = `business.replacements[${index}]`;
    issues.text(`${path}.documentId`, replacement.documentId, { required: true, max: LIMIT.documentId });
    if (replacement.organIds.length === 0) issues.add(`${path}.organIds`, 'at least one agency is required');
    replacement.organIds.forEach((organId, organIndex) => issues.organId(`${path}.organIds[${organIndex}]`, organId, true));
  });
}

function checkAttachments(issues: Issues, pkg: DocumentPackage): void {
  if (pkg.attachments.length === 0) issues.add('attachments', 'at least one attachment is required');
  const ids = new Set<string>();
  pkg.attachments.forEach((attachment, index) => {
    const id = normalizeContentId(attachment.contentId);
    if (id === '') issues.add(`attachments[${index}].contentId`, 'is required');
    else if (ids.has(id)) issues.add(`attachments[${index}].contentId`, 'is used by another attachment');
    ids.add(id);
    issues.text(`attachments[${index}].attachmentName`, attachment.attachmentName, { required: true });
  });
  pkg.references.forEach((reference, index) => {
    if (!ids.has(normalizeContentId(reference.contentId))) issues.add(`references[${index}].contentId`, 'names no attachment');
  });
}

export function validateDocumentPackage(pkg: DocumentPackage): EdxmlIssue[] {
  const issues = new Issues();
  const header = pkg.header;
  checkOrganization(issues, 'header.from', header.from);
  if (header.to.length === 0) issues.add('header.to', 'at least one recipient is required');
  header.to.forEach((organization, index) => checkOrganization(issues, `header.to[${index}]`, organization));
  issues.text('header.documentId', header.documentId, { required: true, max: LIMIT.documentId });
  issues.text('header.code.codeNumber', header.code.codeNumber, { required: true, max: LIMIT.codePart });
  issues.text('header.code.codeNotation', header.code.codeNotation, { required: true, max: LIMIT.codePart });
  issues.date('header.promulgationInfo.promulgationDate', header.promulgationInfo.promulgationDate, true);
  issues.integer('header.documentType.type', header.documentType.type, 0);
  issues.integer('header.documentType.typeDetail', header.documentType.typeDetail, 0);
  issues.text('header.documentType.typeName', header.documentType.typeName, { required: true });
  issues.text('header.subject', header.subject, { required: true, max: LIMIT.subject });
  issues.text('header.content', header.content, { required: true, max: LIMIT.content });
  issues.text('header.signerInfo.fullName', header.signerInfo.fullName, { required: true, max: LIMIT.fullName });
  issues.date('header.dueDate', header.dueDate, false);
  if (!header.toPlaces.some((place) => place.trim() !== '')) issues.add('header.toPlaces', 'at least one place is required');
  issues.integer('header.otherInfo.priority', header.otherInfo.priority, 0, 4);
  issues.integer('header.otherInfo.promulgationAmount', header.otherInfo.promulgationAmount, 0);
  issues.integer('header.otherInfo.pageAmount', header.otherInfo.pageAmount, 0);
  header.responseFor.forEach((answered, index) => {
    issues.organId(`header.responseFor[${index}].organId`, answered.organId, false);
    issues.text(`header.responseFor[${index}].documentId`, answered.documentId, { required: true, max: LIMIT.documentId });
    issues.date(`header.responseFor[${index}].promulgationDate`, answered.promulgationDate, false);
  });
  issues.integer('header.steeringType', header.steeringType, 0);
  if (pkg.traces.length === 0) issues.add('traces', 'the sender’s trace header is required');
  pkg.traces.forEach((trace, index) => {
    issues.organId(`traces[${index}].organId`, trace.organId, true);
    issues.timestamp(`traces[${index}].timestamp`, trace.timestamp);
  });
  checkBusiness(issues, pkg.business);
  checkAttachments(issues, pkg);
  issues.xmlCharacters(pkg, '');
  return issues.list;
}

export function validateStatusPackage(status: StatusPackage): EdxmlIssue[] {
  const issues = new Issues();
  checkOrganization(issues, 'from', status.from);
  issues.organId('responseFor.organId', status.responseFor.organId, true);
  issues.text('responseFor.documentId', status.responseFor.documentId, { required: true, max: LIMIT.documentId });
  issues.date('responseFor.promulgationDate', status.responseFor.promulgationDate, false);
  if (!/^\d{2}$/.test(status.statusCode)) issues.add('statusCode', 'must be two digits');
  if (statusNeedsReason(status.statusCode)) issues.text('description', status.description, { required: true });
  issues.timestamp('timestamp', status.timestamp);
  issues.xmlCharacters(status, '');
  return issues.list;
}
