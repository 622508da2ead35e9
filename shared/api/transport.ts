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
 * one JSON ApiEvent per message). No cookie: the launch link `/#launch=<code>` carries a
 * single-use code that the page trades (`POST /api/session`) for a session secret it keeps in
 * sessionStorage and sends as `Authorization: Bearer <session>`; the event stream's URL carries a
 * single-use ticket (`POST /api/events/ticket`), files a per-file link (file-links.ts).
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
/** The launch link's fragment (`#launch=<code>`): never sent to a server, nor in a Referer. */
export const LAUNCH_FRAGMENT_KEY = 'launch';
/** POST `{ code }` → `{ session }`: the code works once. */
export const HTTP_SESSION_PATH = '/api/session';
/** POST with the launcher key of `<data dir>/host.json` → `{ code }`: a new launch code (a second `npm start`). */
export const HTTP_LAUNCH_PATH = '/api/launch';
/** POST with the session → `{ ticket }`, for one `GET /api/events?ticket=…`. */
export const HTTP_EVENT_TICKET_PATH = '/api/events/ticket';
export const HTTP_EVENT_TICKET_QUERY = 'ticket';
/** Browser mode's file links: `GET /api/blob/<token>`, Range supported. */
export const HTTP_BLOB_PREFIX = '/api/blob/';
/** Electron's file links: `vanthu-blob://file/<token>`, served by main. */
export const BLOB_SCHEME = 'vanthu-blob';

/** The renderer's Content-Security-Policy, the same in both shells. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // vanthu-blob: the file links of the Electron shell (browser mode's are 'self').
  "img-src 'self' data: blob: vanthu-blob:",
  "font-src 'self'",
  "connect-src 'self' vanthu-blob:",
  // Nothing a sender wrote is ever framed in the app's origin (no blob: or file frames).
  "frame-src 'none'",
  // The pdf.js worker: a file of the build, never blob: (no eval, no inline worker).
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
