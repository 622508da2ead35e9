/**
 * DocumentId, the key receivers and the axis deduplicate on (docs/formats.md#edxml). VanThu generates the
 * `<issuer OrganId>,<yyyy/MM/dd>,<number>/<notation>` form; received ids stay opaque strings,
 * since some senders put a UUID there.
 */
import type { DocumentCode } from './model.js';

/** "7816/VPCP-TTĐT": the form of a Code inside a DocumentId and in a status' ResponseFor. */
export function formatCode(code: DocumentCode): string {
  return `${code.codeNumber}/${code.codeNotation}`;
}

/** `promulgationDate` in the edXML `yyyy/MM/dd` form (dates.ts). */
export function buildDocumentId(issuerOrganId: string, promulgationDate: string, code: DocumentCode): string {
  return `${issuerOrganId},${promulgationDate},${formatCode(code)}`;
}
