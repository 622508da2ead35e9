/**
 * Who may talk to the browser-mode host. It listens on loopback only, but any local process and
 * any web page open in the user's browser can reach loopback, so each request must also:
 * name our host and port (no DNS rebinding), come from our own origin when a browser says where
 * it comes from, and carry the per-launch token (cookie or bearer).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HTTP_TOKEN_COOKIE } from '../../../shared/api/transport.js';

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function allowedHosts(port: number): string[] {
  return LOOPBACK_NAMES.map((name) => `${name}:${port}`);
}

export function checkHost(request: IncomingMessage, port: number): GuardVerdict {
  const host = request.headers.host ?? '';
  return allowedHosts(port).includes(host.toLowerCase()) ? { ok: true } : { ok: false, status: 403, reason: `foreign Host header: ${host.slice(0, 100)}` };
}

export function checkOrigin(request: IncomingMessage, port: number): GuardVerdict {
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`)) {
    return { ok: false, status: 403, reason: `foreign Origin: ${origin.slice(0, 100)}` };
  }
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    return { ok: false, status: 403, reason: `cross-site request (Sec-Fetch-Site: ${site})` };
  }
  return { ok: true };
}

export function tokenMatches(candidate: string | undefined, token: string): boolean {
  if (candidate === undefined) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function presentedToken(request: IncomingMessage): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === HTTP_TOKEN_COOKIE) return rest.join('=');
  }
  return undefined;
}

export function checkToken(request: IncomingMessage, token: string): GuardVerdict {
  return tokenMatches(presentedToken(request), token) ? { ok: true } : { ok: false, status: 401, reason: 'missing or wrong access token' };
}
