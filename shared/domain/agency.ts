/**
 * Agency codes (mã định danh cơ quan). The axis sends irregular ids too (docs/formats.md#agency-codes), so codes
 * received from it are accepted as any printable token; only codes that VanThu issues or a
 * person types are checked against the QCVN 102 shape.
 */
export const QCVN102_AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

/** What the axis may send as an agency id: printable, no spaces, bounded. */
export const RECEIVED_AGENCY_ID = /^[\p{L}\p{N}._-]{1,64}$/u;

export interface Agency {
  /** The axis id, usually the QCVN 102 code (OrganId), e.g. 000.00.00.G22. */
  id: string;
  /** The QĐ 20/2020 code when the directory gives one, e.g. G06.01. */
  codeQd20: string | null;
  name: string;
  email: string | null;
  parentId: string | null;
}

/** A directory search result: the agency and the names of those above it, nearest first (up to three levels). */
export interface AgencyMatch extends Agency {
  parents: string[];
}
