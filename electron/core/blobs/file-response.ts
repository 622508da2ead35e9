/**
 * Electron: a ServedFile as the web Response of main's `vanthu-blob:` protocol handler, streamed
 * from disk with Range support (a plain-Node module, so it is tested without Electron).
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { blobReply, type ServedFile } from './served-file.js';

/**
 * The window's page is a file:// document, so its reads of `vanthu-blob:` are cross-origin: the
 * CORS headers let pdf.js read the body and the range headers, and <img> load the image. Only the
 * app's own window can reach the scheme, and each URL names one file by an unguessable token.
 */
export const ELECTRON_FILE_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Accept-Ranges, Content-Range, Content-Length, Content-Disposition',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

export async function fileResponse(file: ServedFile | null, method: string, rangeHeader: string | null): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return new Response(null, { status: 405 });
  let handle = null;
  try {
    if (file) handle = await open(file.path, 'r');
  } catch {
    handle = null;
  }
  if (!file || !handle) return new Response('This file link expired: open the file again.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const reply = blobReply(file, rangeHeader, ELECTRON_FILE_HEADERS);
  if (method === 'HEAD' || reply.range === null) {
    await handle.close();
    return new Response(null, { status: reply.status, headers: reply.headers });
  }
  // The stream closes the file when it ends or is cancelled (the viewer destroyed its document).
  const body = Readable.toWeb(handle.createReadStream({ start: reply.range.start, end: reply.range.end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status: reply.status, headers: reply.headers });
}
