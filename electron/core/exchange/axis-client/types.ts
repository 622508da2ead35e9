/**
 * What the sync engine needs from an axis, whatever its binding (docs/formats.md#vxp: provinces differ, so
 * each binding is an adapter behind this interface), and the one error type adapters throw.
 */
import type { VxpAgencyRow, VxpReceivedRow, VxpSentRow, VxpSyncUnitRow } from '../../../../shared/axis/vxp.js';

export type AxisMessageType = 'edoc' | 'status';
export type AxisAckStatus = 'done' | 'fail' | 'processing';

export interface AxisClient {
  /** Packages waiting for this agency (until acknowledged done or fail). */
  listReceived(messageType: AxisMessageType): Promise<VxpReceivedRow[]>;
  /**
   * Streams the package into a new file at `destinationPath`, fsynced (fs/new-file.ts: the
   * caller renames it into place); the hash is of the bytes written. A package longer than `maxBytes` (default MAX_PACKAGE_BYTES) is cut off there and
   * refused with the code `package_too_large`, leaving no file.
   */
  download(docId: string, destinationPath: string, maxBytes?: number): Promise<{ size: number; sha256: string }>;
  /** Transport acknowledgement: done/fail take the package out of the received list. */
  acknowledge(docId: string, status: AxisAckStatus, description?: string): Promise<void>;
  /**
   * Uploads an edXML package, given as its file's path or as its bytes; returns the axis docId.
   * Re-sending the same bytes returns the same docId.
   */
  send(pkg: string | Uint8Array, messageType: AxisMessageType, to: string[]): Promise<string>;
  /** Per-recipient delivery of a package this agency sent. */
  sentStatus(docId: string): Promise<VxpSentRow[]>;
  countReceived(messageType: AxisMessageType): Promise<number>;
  listAgencies(): Promise<VxpAgencyRow[]>;
  /** Directory rows changed after `sinceVersion` (all live rows when null) and the version reached. */
  syncUnits(sinceVersion: number | null): Promise<{ version: number; rows: VxpSyncUnitRow[] }>;
}

/**
 * `network`, `timeout`, `bad_response` (not a VXP envelope), `answer_too_large` (an answer longer
 * than VanThu reads for that call), `package_too_large` (a download longer than allowed),
 * `http_<status>`, `invalid_request` (refused before sending) or the axis's own ErrorCode.
 */
export type AxisErrorCode =
  | 'network'
  | 'timeout'
  | 'bad_response'
  | 'answer_too_large'
  | 'package_too_large'
  | 'invalid_request'
  | `http_${number}`
  | (string & {});

export class AxisError extends Error {
  /** Retryable: the same call may succeed later (back off and try again). Permanent: it will not. */
  readonly kind: 'retryable' | 'permanent';
  readonly code: AxisErrorCode;
  /** The axis's own words (ErrorDesc), verbatim, when it gave any. */
  readonly axisSaid: string | null;

  constructor(kind: 'retryable' | 'permanent', code: AxisErrorCode, message: string, options?: { cause?: unknown; axisSaid?: string | null }) {
    super(message, options);
    this.name = 'AxisError';
    this.kind = kind;
    this.code = code;
    this.axisSaid = options?.axisSaid || null;
  }
}
