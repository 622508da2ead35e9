/**
 * The response envelope of the VXP binding and the failure that handlers throw to produce one.
 * Business failures travel with HTTP 200, as on the real axis; only malformed requests, unknown
 * paths and wrong methods get a 4xx status.
 */
import type { ServerResponse } from 'node:http';
import { VXP_ERROR, type VxpEnvelope } from '../shared/axis/vxp.js';

/** [I] The binding has no code for a malformed request; 10 (invalid) is the closest. */
export const REQUEST_ERROR = VXP_ERROR.invalidFile;

export class AxisFailure extends Error {
  readonly code: string;
  readonly httpStatus: number;
  constructor(code: string, description: string, httpStatus = 200) {
    super(description);
    this.name = 'AxisFailure';
    this.code = code;
    this.httpStatus = httpStatus;
  }
}

export function badRequest(description: string): AxisFailure {
  return new AxisFailure(REQUEST_ERROR, description, 400);
}

export function okEnvelope<T>(data: T): VxpEnvelope<T> {
  return { status: 'OK', ErrorCode: VXP_ERROR.ok, ErrorDesc: '', data };
}

export function failEnvelope(code: string, description: string): VxpEnvelope<null> {
  return { status: 'FAIL', ErrorCode: code, ErrorDesc: description, data: null };
}

export function sendEnvelope(res: ServerResponse, httpStatus: number, envelope: VxpEnvelope<unknown>, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(envelope);
  res.writeHead(httpStatus, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
