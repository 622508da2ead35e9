/**
 * Browser mode's transport: the renderer and the typed API over HTTP on 127.0.0.1, guarded by
 * request-guard.ts and access-keys.ts. Calls are `POST /api/call/<method>`, events are Server-Sent
 * Events, files are `GET /api/blob/<token>` (file-links.ts). The renderer's own files are public
 * (they are the app's code, the same for everyone): a page opened from the launch file on disk
 * must load them, and nothing they contain is a secret.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEvent } from '../../../shared/api/contract.js';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/api/limits.js';
import {
  CONTENT_SECURITY_POLICY,
  HTTP_BLOB_PREFIX,
  HTTP_CALL_PREFIX,
  HTTP_EVENT_TICKET_PATH,
  HTTP_EVENT_TICKET_QUERY,
  HTTP_EVENTS_PATH,
  HTTP_LAUNCH_PATH,
  HTTP_SESSION_PATH,
  LAUNCH_FRAGMENT_KEY,
  type CallReply,
} from '../../../shared/api/transport.js';
import { fromWireJson, toReplyJson } from '../../../shared/api/wire.js';
import type { ServedFile } from '../blobs/served-file.js';
import { sendFile } from '../blobs/send-file.js';
import type { AccessKeys } from './access-keys.js';
import { bearerOf, checkHost, checkOrigin, type GuardVerdict } from './request-guard.js';
import { readStaticFile } from './static-files.js';
import { logError } from '../logging/log.js';

export interface ApiCore {
  call(method: unknown, input: unknown): Promise<CallReply>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /** The file a link's token names (blob-links.ts), or null. */
  resolveFile(token: string): ServedFile | null;
}

export interface HttpHostOptions {
  core: ApiCore;
  staticDir: string;
  port: number;
  keys: AccessKeys;
}

export interface HttpHost {
  port: number;
  url: string;
  /** A link with a new single-use launch code. */
  launchUrl(): string;
  close(): Promise<void>;
}

/** base64 inflates by 4/3; leave room for the JSON around the bytes. */
const MAX_BODY_BYTES = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 1024 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
/** A file link's response: served-file.ts sets its own sandboxing CSP in place of the app's. */
const { 'Content-Security-Policy': _appPolicy, ...FILE_HEADERS } = SECURITY_HEADERS;

/** A launch code or a ticket request is a few dozen bytes. */
const MAX_SMALL_BODY_BYTES = 4096;
const UNAUTHORIZED: GuardVerdict = { ok: false, status: 401, reason: 'missing or wrong access secret' };

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  let port = options.port;
  const streams = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logError('[host] request failed', error);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'internal', message: 'internal error' } });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const host = checkHost(request, port);
    if (!host.ok) return refuse(request, response, host);
    if (!url.pathname.startsWith('/api/')) return serveStatic(request, response, url.pathname);
    const origin = checkOrigin(request, port);
    if (!origin.ok) return refuse(request, response, origin);
    const { keys } = options;

    if (url.pathname.startsWith(HTTP_BLOB_PREFIX)) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, { ok: false, error: { code: 'invalid_input', message: 'use GET' } });
      const file = options.core.resolveFile(url.pathname.slice(HTTP_BLOB_PREFIX.length));
      if (!file || !(await sendFile(request, response, file, FILE_HEADERS))) return sendJson(response, 404, { ok: false, error: { code: 'not_found', message: 'this file link expired: open the file again' } });
      return;
    }

    if (url.pathname === HTTP_SESSION_PATH && request.method === 'POST') {
      const body = await readJsonBody(request, MAX_SMALL_BODY_BYTES);
      const code = (body as { code?: unknown } | null)?.code;
      const session = typeof code === 'string' ? keys.tradeLaunchCode(code) : null;
      if (!session) return refuse(request, response, { ok: false, status: 401, reason: 'this launch link was used already or has expired' });
      return sendPlainJson(response, { session });
    }
    if (url.pathname === HTTP_LAUNCH_PATH && request.method === 'POST') {
      request.resume();
      if (!keys.isLauncherKey(bearerOf(request))) return refuse(request, response, UNAUTHORIZED);
      return sendPlainJson(response, { code: keys.mintLaunchCode() });
    }
    if (url.pathname === HTTP_EVENTS_PATH) {
      if (!keys.redeemEventTicket(url.searchParams.get(HTTP_EVENT_TICKET_QUERY))) return refuse(request, response, UNAUTHORIZED);
      return openEventStream(response);
    }

    if (!keys.isSession(bearerOf(request))) return refuse(request, response, UNAUTHORIZED);
    if (url.pathname === HTTP_EVENT_TICKET_PATH && request.method === 'POST') {
      request.resume();
      return sendPlainJson(response, { ticket: keys.mintEventTicket() });
    }
    if (!url.pathname.startsWith(HTTP_CALL_PREFIX)) return sendJson(response, 404, { ok: false, error: { code: 'not_found', message: 'not found' } });
    if (request.method !== 'POST') return sendJson(response, 405, { ok: false, error: { code: 'invalid_input', message: 'use POST' } });
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(response, 415, { ok: false, error: { code: 'invalid_input', message: 'content-type must be application/json' } });
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    const body = declared > MAX_BODY_BYTES ? null : await readBody(request, MAX_BODY_BYTES);
    if (body === null) return sendJson(response, 413, { ok: false, error: { code: 'invalid_input', message: 'request too large' } });
    let input: unknown;
    try {
      input = body.length === 0 ? {} : fromWireJson(body.toString('utf8'));
    } catch {
      return sendJson(response, 400, { ok: false, error: { code: 'invalid_input', message: 'body is not valid JSON' } });
    }
    const reply = await options.core.call(decodeURIComponent(url.pathname.slice(HTTP_CALL_PREFIX.length)), input);
    return sendJson(response, reply.ok ? 200 : statusFor(reply.error.code), reply);
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    request.resume();
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, { ok: false, error: { code: 'invalid_input', message: 'method not allowed' } });
    const file = await readStaticFile(options.staticDir, pathname);
    if (!file) return sendJson(response, 404, { ok: false, error: { code: 'not_found', message: 'not found' } });
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': file.contentType,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write('retry: 2000\n\n');
    streams.add(response);
    const unsubscribe = options.core.subscribe((event) => response.write(`data: ${toReplyJson(event)}\n\n`));
    // A comment line now and then keeps proxies and idle timers from closing the stream.
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 25_000);
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(response);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    port,
    url: `${base}/`,
    launchUrl: () => `${base}/#${LAUNCH_FRAGMENT_KEY}=${options.keys.mintLaunchCode()}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function refuse(request: IncomingMessage, response: ServerResponse, verdict: GuardVerdict): void {
  if (verdict.ok) return;
  request.resume();
  sendJson(response, verdict.status, { ok: false, error: { code: verdict.status === 401 ? 'unauthorized' : 'forbidden', message: verdict.reason } });
}

function statusFor(code: string): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'not_configured':
      return 412;
    case 'unavailable':
      return 503;
    case 'disk_full':
      return 507;
    default:
      return 500;
  }
}

function sendJson(response: ServerResponse, status: number, body: CallReply): void {
  const text = toReplyJson(body);
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

function sendPlainJson(response: ServerResponse, body: Record<string, string>): void {
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(request, limit);
  try {
    return body === null ? null : (JSON.parse(body.toString('utf8')) as unknown);
  } catch {
    return null;
  }
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    // Leaving the loop destroys the stream: an undeclared oversize body costs no more memory.
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
