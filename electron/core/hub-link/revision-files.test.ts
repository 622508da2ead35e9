/**
 * The files of signing across desks going up, over real HTTP (a small server standing in for the
 * hub's blob route) and a real blob store: the signed file goes up before its command, and a
 * command whose file is gone cannot be sent.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { BlobStore } from '../store/blob-store.js';
import { CommandUnsendableError } from './command-sender.js';
import { HubClient } from './hub-client.js';
import { uploadCommandFile } from './revision-files.js';

const tempDir = useTempDirs();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Records uploads, as the hub's blob route takes them. */
async function hub() {
  const uploads: { url: string; bytes: Buffer; authorization: string | undefined }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'PUT') {
        const bytes = Buffer.concat(chunks);
        uploads.push({ url: request.url!, bytes, authorization: request.headers.authorization });
        return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sha256: sha256(bytes), size: bytes.length }));
      }
      response.writeHead(404).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { client: new HubClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'session-token'), uploads };
}

async function blobStore(): Promise<BlobStore> {
  const blobs = new BlobStore(path.join(await tempDir(), 'blobs'));
  await blobs.init();
  return blobs;
}

describe('the files of signing across desks', () => {
  it("uploads a revision.upload's signed file before the command, with the session, and nothing for other kinds", async () => {
    const signed = new TextEncoder().encode('%PDF-1.7 signed');
    const blobs = await blobStore();
    await blobs.putBytes(signed);
    const { client, uploads } = await hub();
    const before = uploadCommandFile(blobs);
    const signal = new AbortController().signal;
    const payload = { documentId: 7, attachmentId: 3, baseSha256: 'a'.repeat(64), revisionSha256: sha256(signed) };
    await before(client, { id: 'x', kind: 'arrival.accept', payload: { documentId: 7 } }, signal);
    expect(uploads).toEqual([]);
    await before(client, { id: 'y', kind: 'revision.upload', payload }, signal);
    expect(uploads).toEqual([{ url: `/api/blobs/${sha256(signed)}`, bytes: Buffer.from(signed), authorization: 'Bearer session-token' }]);

    // Its file gone from this computer: the command can never go, and says why.
    const gone = { ...payload, revisionSha256: 'f'.repeat(64) };
    await expect(before(client, { id: 'z', kind: 'revision.upload', payload: gone }, signal)).rejects.toThrow(CommandUnsendableError);
  });
});
