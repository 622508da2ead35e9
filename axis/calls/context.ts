/**
 * What a call handler receives and may return, and the helpers that read its signed parameters.
 * Only signed parameters reach a handler: an unsigned header could have been changed in transit.
 */
import type { IncomingMessage } from 'node:http';
import type { VxpParams } from '../../shared/axis/vxp.js';
import { badRequest } from '../envelope.js';
import type { PackageStorage } from '../package-storage.js';
import type { AgencyRecord, AxisStore, MessageType } from '../store/axis-store.js';

export interface CallContext {
  /** Signed parameters, names in lower case. */
  params: VxpParams;
  req: IncomingMessage;
  store: AxisStore;
  files: PackageStorage;
  uploadLimitBytes: number;
}

/** A package file to stream as the response body instead of an envelope. */
export class FileReply {
  readonly relativePath: string;
  constructor(relativePath: string) {
    this.relativePath = relativePath;
  }
}

export type CallHandler =
  | { audience: 'agency'; run(context: CallContext, agency: AgencyRecord): unknown }
  | { audience: 'admin' | 'any'; run(context: CallContext): unknown };

export function requireParam(params: VxpParams, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw badRequest(`the signed header ${name} is required`);
  return value;
}

export function parseMessageType(value: string): MessageType {
  if (value !== 'edoc' && value !== 'status') throw badRequest(`messagetype must be edoc or status, not ${value}`);
  return value;
}

/** A non-negative integer parameter, or undefined when absent. */
export function optionalCount(params: VxpParams, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,15}$/.test(value)) throw badRequest(`${name} must be a non-negative integer`);
  return Number(value);
}
