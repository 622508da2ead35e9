/**
 * Browser mode's transport: the renderer and the typed API over HTTP on 127.0.0.1, guarded by
 * request-guard.ts. Calls are `POST /api/call/<method>`, events are Server-Sent Events.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEvent } from '../../../shared/api/contract.js';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/api/limits.js';
import {
  CONTENT_SECURITY_POLICY,
  HTTP_CALL_PREFIX,
  HTTP_EVENTS_PATH,
  HTTP_TOKEN_COOKIE,
  HTTP_TOKEN_QUERY,
  type CallReply,
} from '../../../shared/api/transport.js';
import { fromWireJson, toWireJson } from '../../../shared/api/wire.js';
import { checkHost, checkOrigin, checkToken, tokenMatches, type GuardVerdict } from './request-guard.js';
import { readStaticFile } from './static-files.js';
import { logError } from '../logging/log.js';

export interface ApiCore {
  call(method: unknown, input: unknown): Promise<CallReply>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

export interface HttpHostOptions {
  core: ApiCore;
  staticDir: string;
  port: number;
  token: string;
}

export interface HttpHost {
  port: number;
  url: string;
  /** The link to open once: it carries the token, which the host swaps for a cookie. */
  launchUrl: string;
  close(): Promise<void>;
}

/** base64 inflates by 4/3; leave room for the JSON around the bytes. */
const MAX_BODY_BYTES = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 1024 * 1024;

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const LOCKED_PAGE = `<!doctype html><meta charset="utf-8"><title>VanThu</title>
<p>VanThu đang chạy. Hãy mở liên kết có khóa truy cập được in trong cửa sổ dòng lệnh khi khởi động.</p>
<p>VanThu is running. Open the link with the access key that was printed in the terminal at start-up.</p>`;

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
    const verdict = firstFailure(checkHost(request, port), checkOrigin(request, port));
    if (verdict) return refuse(request, response, verdict);

    const offered = url.searchParams.get(HTTP_TOKEN_QUERY);
    if (request.method === 'GET' && offered !== null) {
      if (!tokenMatches(offered, options.token)) return refuse(request, response, { ok: false, status: 401, reason: 'wrong access token' });
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${HTTP_TOKEN_COOKIE}=${options.token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname,
      });
      response.end();
      return;
    }

    const auth = checkToken(request, options.token);
    if (!auth.ok) return refuse(request, response, auth);

    if (url.pathname.startsWith(HTTP_CALL_PREFIX)) {
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

    if (url.pathname === HTTP_EVENTS_PATH) return openEventStream(response);

    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, { ok: false, error: { code: 'invalid_input', message: 'method not allowed' } });
    const file = await readStaticFile(options.staticDir, url.pathname);
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
    const unsubscribe = options.core.subscribe((event) => response.write(`data: ${toWireJson(event)}\n\n`));
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
    launchUrl: `${base}/?${HTTP_TOKEN_QUERY}=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function firstFailure(...verdicts: GuardVerdict[]): Extract<GuardVerdict, { ok: false }> | null {
  for (const verdict of verdicts) if (!verdict.ok) return verdict;
  return null;
}

function refuse(request: IncomingMessage, response: ServerResponse, verdict: Extract<GuardVerdict, { ok: false }>): void {
  request.resume();
  const wantsPage = verdict.status === 401 && request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
  if (wantsPage) {
    response.writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(LOCKED_PAGE);
    return;
  }
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
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(toWireJson(body));
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
