/**
 * Who may talk to the browser-mode host. It listens on loopback only, but any local process and
 * any web page open in the user's browser can reach loopback, so each request must also:
 * name our host and port (no DNS rebinding), come from our own origin when a browser says where
 * it comes from, and carry a secret of access-keys.ts (never a cookie).
 */
import type { IncomingMessage } from 'node:http';

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

/** The credential of `Authorization: Bearer <secret>`, if any. */
export function bearerOf(request: IncomingMessage): string | undefined {
  const auth = request.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
}
