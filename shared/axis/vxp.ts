/**
 * The VNPT VXP binding of the axis API (SPEC §5), the parts both sides must agree on: header
 * names, how the signed header set is serialised, the response envelope and which error codes
 * are worth retrying. The HMAC itself is computed by each side with its own crypto.
 *
 * [I] Assumptions kept here, in one place: the names listed in sign-header-key are the full
 * prefixed header names; the JSON keeps the order of that list; timestamps are epoch
 * milliseconds.
 */
export const VXP_PREFIX = 'XroadVnpt-';
export const VXP_SIGN_KEY_HEADER = `${VXP_PREFIX}sign-header-key`;
export const VXP_SIGN_HEADER = `${VXP_PREFIX}sign-header`;
export const VXP_HASH_HEADER = `${VXP_PREFIX}hash-header`;

export type VxpParams = Record<string, string>;

let lastTimestamp = 0;

/**
 * The `timestamp` to sign a request with: epoch milliseconds, never the same twice in this
 * process. Two identical calls in one millisecond would otherwise carry the same signature, and
 * an axis that accepts each signature once (as the reference axis does) would refuse the second.
 */
export function vxpTimestamp(): string {
  lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
  return String(lastTimestamp);
}

export interface VxpSignedRequest {
  /** Every header to send except the hash, which the caller adds after computing the HMAC. */
  headers: Record<string, string>;
  /** The exact string the HMAC-SHA256 is computed over. */
  signingString: string;
}

/** Builds the prefixed, signed header set for base params (systemid, timestamp) plus per-call ones. */
export function vxpSignRequest(params: VxpParams): VxpSignedRequest {
  const headers: Record<string, string> = {};
  const signed: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (/[^\x20-\x7e]/.test(value)) throw new Error(`VXP header ${name} must be printable ASCII`);
    const full = `${VXP_PREFIX}${name}`;
    headers[full] = value;
    signed[full] = value;
  }
  const signingString = JSON.stringify(signed);
  headers[VXP_SIGN_KEY_HEADER] = Object.keys(signed).join(';');
  headers[VXP_SIGN_HEADER] = signingString;
  return { headers, signingString };
}

export interface VxpReceivedSignature {
  params: VxpParams;
  signingString: string;
  hash: string;
}

/**
 * Rebuilds, on the receiving side, the signing string from the headers actually received, in
 * the order the sender declared; the sender's own copy of the string is not trusted.
 */
export function vxpReadSignature(getHeader: (lowerCaseName: string) => string | undefined): VxpReceivedSignature | { error: string } {
  const keyList = getHeader(VXP_SIGN_KEY_HEADER.toLowerCase());
  const hash = getHeader(VXP_HASH_HEADER.toLowerCase());
  if (!keyList || !hash) return { error: 'missing signature headers' };
  const signed: Record<string, string> = {};
  const params: VxpParams = {};
  for (const full of keyList.split(';')) {
    if (!full.startsWith(VXP_PREFIX)) return { error: `signed header ${full} lacks the ${VXP_PREFIX} prefix` };
    const value = getHeader(full.toLowerCase());
    if (value === undefined) return { error: `signed header ${full} is missing` };
    signed[full] = value;
    params[full.slice(VXP_PREFIX.length).toLowerCase()] = value;
  }
  return { params, signingString: JSON.stringify(signed), hash: hash.toLowerCase() };
}

export interface VxpEnvelope<T> {
  status: 'OK' | 'FAIL';
  ErrorCode: string;
  ErrorDesc: string;
  data: T | null;
}

/** Error codes seen on a provincial axis [S]; 20/21 and transport failures are retryable. */
export const VXP_ERROR = {
  ok: '0',
  invalidFile: '10',
  badCredentials: '15',
  unknownRecipient: '18',
  senderNotRegistered: '19',
  axisError: '20',
  fileProcessing: '21',
  notEdxml: '22',
  recipientLocked: '23',
} as const;

const RETRYABLE = new Set<string>([VXP_ERROR.axisError, VXP_ERROR.fileProcessing]);

export function isRetryableVxpError(code: string): boolean {
  return RETRYABLE.has(code);
}

/** The calls of the binding and their HTTP method. */
export const VXP_CALLS = {
  sendEdoc: 'POST',
  getReceivedEdocList: 'POST',
  getEdoc: 'POST',
  downloadEdoc: 'GET',
  updateStatus: 'POST',
  getSentEdocList: 'POST',
  countReceiveEdoc: 'GET',
  countReceiveStatus: 'GET',
  getAgenciesList: 'POST',
  getAgenciesListQD20: 'POST',
  getSynchronizeUnit: 'POST',
  registerAgency: 'POST',
  deleteAgency: 'POST',
} as const;
export type VxpCall = keyof typeof VXP_CALLS;

/** A row of /getAgenciesList. */
export interface VxpAgencyRow {
  id: string;
  pid: string | null;
  code: string;
  name: string;
  mail: string | null;
  oldCode: string | null;
}

/** A row of /getSynchronizeUnit: the directory as changes since a version. */
export interface VxpSyncUnitRow {
  code: string;
  codeQd20: string | null;
  pid: string | null;
  name: string;
  mail: string | null;
  version: number;
  deleted: boolean;
  modifyDate: string;
}

/** A row of /getReceivedEdocList. */
export interface VxpReceivedRow {
  docId: string;
  serviceType: string;
  messageType: 'edoc' | 'status';
  created_time: string;
  updated_time: string;
  from: string;
  to: string;
  status: string;
  status_desc: string;
}

/** A row of /getSentEdocList: one recipient of a sent package. */
export interface VxpSentRow {
  senderDocId: string;
  receiverDocId: string;
  fromCode: string;
  toCode: string;
  sentTime: string;
  receivedTime: string | null;
  sendStatus: string;
  sendStatusDesc: string;
  receiveStatus: string;
  receiveStatusDesc: string;
}
