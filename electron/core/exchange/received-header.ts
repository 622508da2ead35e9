/**
 * What a received message header carries beyond the document's columns, kept as JSON on the
 * document (docs/formats.md#edxml-header): nothing the sender wrote is dropped.
 */
import type { ReceivedHeaderFields } from '../../../shared/api/documents.js';
import type { DocumentHeader } from '../../../shared/edxml/model.js';

export function receivedHeaderFields(header: DocumentHeader): ReceivedHeaderFields {
  const { otherInfo: other, from } = header;
  return {
    typeCode: header.documentType.type,
    typeDetail: header.documentType.typeDetail,
    sphereOfPromulgation: other.sphereOfPromulgation,
    typerNotation: other.typerNotation,
    promulgationAmount: other.promulgationAmount,
    pageAmount: other.pageAmount,
    direction: other.direction,
    appendixes: other.appendixes,
    to: header.to.map((organ) => ({ organId: organ.organId, organName: organ.organName })),
    responseFor: header.responseFor,
    steeringType: header.steeringType,
    sender: {
      organizationInCharge: from.organizationInCharge,
      organAdd: from.organAdd,
      email: from.email,
      telephone: from.telephone,
      fax: from.fax,
      website: from.website,
    },
  };
}

/** The columns a received header fills besides the metadata ones. */
export function receivedHeaderColumns(header: DocumentHeader): { to_places: string; header_fields: string } {
  return { to_places: JSON.stringify(header.toPlaces), header_fields: JSON.stringify(receivedHeaderFields(header)) };
}
