/**
 * Browser mode: a ServedFile as the answer to a GET or HEAD, streamed from disk with Range
 * support, so the host holds a few chunks of a 200 MB attachment at a time, never the file.
 */
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { blobReply, type ServedFile } from './served-file.js';

/** False when the file is gone (the caller answers 404); streams it otherwise. */
export async function sendFile(request: IncomingMessage, response: ServerResponse, file: ServedFile, headers: Record<string, string>): Promise<boolean> {
  let handle;
  try {
    handle = await open(file.path, 'r');
  } catch {
    return false;
  }
  try {
    const reply = blobReply(file, request.headers.range);
    response.writeHead(reply.status, { ...headers, ...reply.headers });
    if (request.method === 'HEAD' || reply.range === null) {
      response.end();
      return true;
    }
    // A client that stops reading (pdf.js cancels the full GET once it knows ranges work) ends the pipeline.
    await pipeline(handle.createReadStream({ start: reply.range.start, end: reply.range.end, autoClose: false }), response).catch(() => response.destroy());
    return true;
  } finally {
    await handle.close();
  }
}
