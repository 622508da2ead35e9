/**
 * What the two transports agree on, beside the contract itself.
 *
 * Electron: the preload exposes `window.vanthu` (a {@link PreloadBridge}) through contextBridge;
 * calls go over ipcRenderer.invoke on {@link IPC_CALL_CHANNEL}, events arrive on
 * {@link IPC_EVENT_CHANNEL}.
 *
 * Browser mode: the host serves the renderer and this API on 127.0.0.1. A call is
 * `POST /api/call/<method>` with the wire-encoded input as body (shared/api/wire.ts); the reply
 * is a wire-encoded {@link CallReply}. Events stream from `GET /api/events` (Server-Sent Events,
 * one JSON ApiEvent per message). Every API request carries the per-launch token, as the
 * session cookie set by opening the launch link, or as `Authorization: Bearer <token>`.
 */
import type { ApiErrorBody } from './errors.js';
import type { ApiEvent } from './contract.js';

export type CallReply = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<CallReply>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

export const IPC_CALL_CHANNEL = 'vanthu:call';
export const IPC_EVENT_CHANNEL = 'vanthu:event';

export const HTTP_CALL_PREFIX = '/api/call/';
export const HTTP_EVENTS_PATH = '/api/events';
export const HTTP_TOKEN_COOKIE = 'vanthu_token';
/** The launch link carries the token once in this query parameter; the host swaps it for a cookie. */
export const HTTP_TOKEN_QUERY = 'token';

/** The renderer's Content-Security-Policy, the same in both shells. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  // The pdf.js worker: a file of the build, never blob: (no eval, no inline worker).
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
