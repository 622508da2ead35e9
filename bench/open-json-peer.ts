/**
 * The `open` bench's peer: how VanThu opened an attachment before files went by link, kept here
 * only (the product has no such path any more). `attachments.read` read the whole blob into memory
 * (BlobStore.read, hash-checked) and the host replied with it as base64 inside JSON
 * (`{"$bytes": …}` by the wire encoding); the page decoded the JSON and gave pdf.js the bytes.
 * This process serves that reply, and a page that does what the renderer did with it.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { encodeBase64 } from '../shared/text/base64.js';
import { BlobStore } from '../electron/core/store/blob-store.js';

/** The old wire encoding of a reply: bytes as {"$bytes": base64}, with the shared encoder. */
const oldWireJson = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: encodeBase64(v) } : v));

const [blobsDir, sha256, name] = process.argv.slice(2) as [string, string, string];
const DIST = path.resolve(__dirname, '..');
const ROOT = path.resolve(DIST, '..');
const PAGE = '<!doctype html><meta charset="utf-8"><title>VanThu bench: the JSON path</title><script type="module" src="/open-peer-page.js"></script>';
const FILES: Record<string, [string, string]> = {
  '/open-peer-page.js': [path.join(DIST, 'bench', 'open-peer-page.js'), 'text/javascript; charset=utf-8'],
  '/pdf.worker.min.mjs': [path.join(ROOT, 'node_modules', 'pdfjs-dist', 'build', 'pdf.worker.min.mjs'), 'text/javascript; charset=utf-8'],
};

const blobs = new BlobStore(blobsDir);
const server = createServer((request, response) => {
  void (async () => {
    if (request.url === '/api/call/attachments.read') {
      request.resume();
      const bytes = await blobs.read(sha256);
      const body = oldWireJson({ ok: true, result: { info: { id: 1, name, contentType: 'application/pdf', size: bytes.length, sha256 }, bytes } });
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(body);
      return;
    }
    if (request.url === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(PAGE);
      return;
    }
    const file = FILES[request.url ?? ''];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': file[1] });
    response.end(await readFile(file[0]));
  })().catch((error: unknown) => {
    process.stderr.write(`peer: ${error instanceof Error ? error.message : String(error)}\n`);
    response.destroy();
  });
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
