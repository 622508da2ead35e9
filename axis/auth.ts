/**
 * Who is calling: the signed header set is checked against the caller's secret (HMAC-SHA256,
 * compared in constant time), its timestamp against the clock, so that a captured request
 * cannot be replayed later than the allowed skew, and its signature against the ones already
 * used, so that it cannot be replayed within the skew either (replay-guard.ts).
 */
import type { IncomingMessage } from 'node:http';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { VXP_ERROR, vxpReadSignature, type VxpParams } from '../shared/axis/vxp.js';
import { AxisFailure } from './envelope.js';
import type { ReplayGuard } from './replay-guard.js';
import type { AgencyRecord, AxisStore } from './store/axis-store.js';

/** The systemid of the axis operator, who alone may register and delete agencies. */
export const ADMIN_SYSTEM_ID = 'admin';

export type Caller = { kind: 'agency'; agency: AgencyRecord } | { kind: 'admin' };

export interface AuthSettings {
  store: AxisStore;
  adminSecret: string;
  clockSkewMs: number;
  now: number;
  replays: ReplayGuard;
}

const WRONG_CREDENTIALS = 'wrong system id or secret';

export function vxpHmac(secret: string, signingString: string): string {
  return createHmac('sha256', secret).update(signingString, 'utf8').digest('hex');
}

/** 32 random bytes as hex, the form of every secret this axis issues. */
export function generateSecret(): string {
  return randomBytes(32).toString('hex');
}

export function authenticate(getHeader: (lowerCaseName: string) => string | undefined, settings: AuthSettings): { caller: Caller; params: VxpParams } {
  const signature = vxpReadSignature(getHeader);
  if ('error' in signature) throw new AxisFailure(VXP_ERROR.badCredentials, signature.error);
  const { params } = signature;
  const systemId = params.systemid;
  if (!systemId) throw new AxisFailure(VXP_ERROR.badCredentials, 'systemid is not among the signed headers');

  const agency = systemId === ADMIN_SYSTEM_ID ? undefined : settings.store.getAgency(systemId);
  const secret = systemId === ADMIN_SYSTEM_ID ? settings.adminSecret : agency?.secret;
  if (!secret || !sameHex(vxpHmac(secret, signature.signingString), signature.hash)) {
    throw new AxisFailure(VXP_ERROR.badCredentials, WRONG_CREDENTIALS);
  }
  checkTimestamp(params.timestamp, settings);
  if (!settings.replays.accept(`${systemId} ${signature.hash}`, Number(params.timestamp), settings.now)) {
    throw new AxisFailure(VXP_ERROR.badCredentials, 'this signed request was already used (a replay); every request must be signed anew');
  }

  if (!agency) return { caller: { kind: 'admin' }, params };
  if (agency.deleted) throw new AxisFailure(VXP_ERROR.senderNotRegistered, `agency ${agency.code} is deleted from the axis directory`);
  if (agency.locked) throw new AxisFailure(VXP_ERROR.recipientLocked, `agency ${agency.code} is locked on the axis`);
  return { caller: { kind: 'agency', agency }, params };
}

function sameHex(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function checkTimestamp(timestamp: string | undefined, { clockSkewMs, now }: AuthSettings): void {
  if (timestamp === undefined) throw new AxisFailure(VXP_ERROR.badCredentials, 'timestamp is not among the signed headers');
  const sent = /^\d{1,16}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!(Math.abs(now - sent) <= clockSkewMs)) {
    throw new AxisFailure(
      VXP_ERROR.badCredentials,
      `timestamp outside ±${formatDuration(clockSkewMs)} of the axis clock (axis time ${new Date(now).toISOString()}); check the computer's clock`,
    );
  }
}

function formatDuration(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}

/** A request header as one string (repeated headers joined), for authenticate(). */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
