/**
 * The edXML package of QCVN 102:2016 (docs/formats.md#edxml, #statuses) as plain data. Text fields keep the spec's
 * string forms, dates included (`yyyy/MM/dd`, timestamps `yyyy/MM/dd HH:mm:ss` in Vietnam time,
 * see dates.ts); an empty string means the element is absent, since only non-empty elements are
 * written. Attachment bytes never live here: they stream beside the model (builder, parser).
 */
import type { BusinessDocType, ReceiverType } from './codes.js';

export const EDXML_NAMESPACE = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

export interface Organization {
  organId: string;
  organizationInCharge: string;
  organName: string;
  organAdd: string;
  email: string;
  telephone: string;
  fax: string;
  website: string;
}

export interface DocumentCode {
  codeNumber: string;
  codeNotation: string;
}

export interface PromulgationInfo {
  place: string;
  promulgationDate: string;
}

export interface DocumentType {
  /** The numeric table is not settled (docs/formats.md#edxml): the name is what receivers read. */
  type: number | null;
  typeDetail: number | null;
  typeName: string;
}

export interface SignerInfo {
  competence: string;
  position: string;
  fullName: string;
}

export interface OtherInfo {
  /** 0..4, see PRIORITY in codes.ts. */
  priority: number;
  sphereOfPromulgation: string;
  /** Initials of the typist and the number of copies (ký hiệu người đánh máy, số lượng bản). */
  typerNotation: string;
  promulgationAmount: number | null;
  pageAmount: number | null;
  direction: boolean;
  appendixes: string[];
}

/** The document answered (in a document) or the document a status is about. */
export interface ResponseFor {
  organId: string;
  /** `number/notation` */
  code: string;
  promulgationDate: string;
  documentId: string;
}

export interface DocumentHeader {
  from: Organization;
  /** Routing: the axis delivers to these. */
  to: Organization[];
  documentId: string;
  code: DocumentCode;
  promulgationInfo: PromulgationInfo;
  documentType: DocumentType;
  subject: string;
  content: string;
  signerInfo: SignerInfo;
  dueDate: string;
  /** The printed "Nơi nhận" lines, not routing. */
  toPlaces: string[];
  otherInfo: OtherInfo;
  responseFor: ResponseFor[];
  steeringType: number;
}

export interface TraceHeader {
  organId: string;
  timestamp: string;
}

export interface StaffInfo {
  department: string;
  staff: string;
  email: string;
  mobile: string;
}

export interface BusinessReceiver {
  organId: string;
  receiverType: ReceiverType;
}

export interface Replacement {
  documentId: string;
  organIds: string[];
}

/** The `Bussiness` (sic) block: what a package does to an earlier document. */
export interface Business {
  docType: BusinessDocType;
  reason: string;
  /** The earlier document concerned by a revoke, update or replace. */
  documentId: string;
  paper: boolean;
  staffInfo: StaffInfo;
  /** Update only: the content changed. */
  documentInfo: boolean;
  /** Update only: the recipients changed, as listed in `receivers`. */
  documentReceiver: boolean;
  receivers: BusinessReceiver[];
  /** Replace only. */
  replacements: Replacement[];
}

export interface ManifestReference {
  contentId: string;
  contentType: string;
  description: string;
  attachmentName: string;
}

/** An attachment without its bytes. */
export type AttachmentMeta = ManifestReference;

export interface DocumentPackage {
  header: DocumentHeader;
  traces: TraceHeader[];
  business: Business;
  references: ManifestReference[];
  attachments: AttachmentMeta[];
}

export interface StatusPackage {
  from: Organization;
  /** Its organId is the addressee of the status (docs/formats.md#statuses). */
  responseFor: ResponseFor;
  staffInfo: StaffInfo;
  /** Two digits; codes VanThu does not know are kept verbatim. */
  statusCode: string;
  description: string;
  timestamp: string;
}

export type ParsedPackage = { kind: 'document'; package: DocumentPackage } | { kind: 'status'; package: StatusPackage };
