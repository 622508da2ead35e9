/** The two ways a package fails: one of ours does not validate, one received does not parse. */

export interface EdxmlIssue {
  /** Where in the model, e.g. `header.to[0].organId`. */
  path: string;
  message: string;
}

/** Thrown before a single byte is written: VanThu writes strictly (docs/formats.md#edxml). */
export class EdxmlValidationError extends Error {
  constructor(readonly issues: EdxmlIssue[]) {
    super(`edXML package is not valid: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'EdxmlValidationError';
  }
}

/** Why a received package goes to quarantine (docs/formats.md#edxml-reading). */
export type EdxmlRejectReason =
  | 'not_well_formed'
  | 'doctype_or_entity'
  | 'wrong_namespace'
  | 'missing_from'
  | 'missing_document_id'
  | 'bad_base64'
  | 'reference_without_attachment'
  | 'too_large'
  | 'too_deep'
  | 'not_edxml';

export class EdxmlParseError extends Error {
  constructor(
    readonly reason: EdxmlRejectReason,
    message: string,
    /** The element concerned, e.g. `edXML/AttachmentEncoded/Attachment[2]/ContentTransferEncoded`. */
    readonly path?: string,
  ) {
    super(path ? `${message} (at ${path})` : message);
    this.name = 'EdxmlParseError';
  }
}
