/**
 * The HTTP calls of the axis client, on Node's own http/https modules rather than fetch: fetch
 * wraps every answer in WHATWG streams and cost the receiving thread about 1.4 ms of CPU per
 * 270 KB download against 0.7 ms here (docs/architecture.md#receiving-many-packages), and a
 * package arriving makes three calls (download, acknowledgement, its status 01). Connections are
 * kept alive and reused, as fetch's were; compressed answers are decoded, as fetch's were, so the
 * callers' limits count decoded bytes.
 */
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';

export interface AxisRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  upload?: Upload;
  /** Aborting it ends the call, the answer's body included. */
  signal: AbortSignal;
}

/**
 * A body of known length: bytes at hand (sent with the request's head in one write), or a source
 * read once when the call is made.
 */
export type Upload = { contentType: string } & ({ bytes: Uint8Array } | { length: number; open(): AsyncIterable<Uint8Array> });

export const uploadLength = (upload: Upload): number => ('bytes' in upload ? upload.bytes.byteLength : upload.length);

export interface AxisAnswer {
  status: number;
  /** A header's value, lower-case name. */
  header(name: string): string | undefined;
  /** The body, decoded; iterating it throws when the connection ends before the body does. */
  body: AsyncIterable<Uint8Array>;
  /** Hangs up without reading the rest of the body. */
  discard(): void;
}

export type HttpTransport = (url: string, request: AxisRequest) => Promise<AxisAnswer>;

const ACCEPT_ENCODING = 'gzip, deflate, br';

export const nodeHttpTransport: HttpTransport = (url, request) =>
  new Promise<AxisAnswer>((resolve, reject) => {
    const target = new URL(url);
    const get = target.protocol === 'https:' ? https.request : target.protocol === 'http:' ? http.request : undefined;
    if (!get) return reject(new TypeError(`${target.protocol} is not an HTTP address`));
    const headers: Record<string, string | number> = { 'accept-encoding': ACCEPT_ENCODING, ...request.headers };
    const { upload } = request;
    if (upload) Object.assign(headers, { 'content-type': upload.contentType, 'content-length': uploadLength(upload) });
    const call = get(target, { method: request.method, headers, signal: request.signal }, (response) => {
      const { signal } = request;
      // After the answer has begun, the request's signal no longer reaches its body.
      const abort = () => response.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal.addEventListener('abort', abort, { once: true });
      response.once('close', () => signal.removeEventListener('abort', abort));
      resolve({
        status: response.statusCode ?? 0,
        header: (name) => headerValue(response.headers[name]),
        body: wholeBody(response),
        discard: () => response.destroy(),
      });
    });
    call.once('error', reject);
    // end() with the whole body corks the socket: one write, where a pipeline writes once per
    // piece (on loopback each write also runs the receiver's side of TCP on this thread).
    if (!upload) return void call.end();
    if ('bytes' in upload) return void call.end(upload.bytes);
    // An upload that fails (its file unreadable) fails the call with the file's own error.
    pipeline(announced(upload), call, (error) => error && reject(error));
  });

/**
 * The upload's bytes, failing the call when they are more or fewer than its length announced,
 * rather than leaving the axis waiting for bytes that never come.
 */
async function* announced(upload: Extract<Upload, { length: number }>): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of upload.open()) {
    size += chunk.byteLength;
    if (size > upload.length) break;
    yield chunk;
  }
  if (size !== upload.length) throw new Error(`the upload gave ${size > upload.length ? 'more' : size} bytes of the ${upload.length} it announced`);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The body's chunks, decoded; a connection that ends before the body does is an error, not an end. */
async function* wholeBody(response: http.IncomingMessage): AsyncGenerator<Uint8Array> {
  const decoder = decoderFor(response.headers['content-encoding']);
  const source: AsyncIterable<Uint8Array> = decoder ? pipeline(response, decoder, () => {}) : response;
  for await (const chunk of source) yield chunk;
  if (!response.complete) throw Object.assign(new Error('the connection ended before the answer did'), { code: 'ECONNRESET' });
}

function decoderFor(coding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch (coding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}
