/**
 * The axis client's HTTP on Node's own modules: what fetch did for it (reused connections,
 * decoded answers, uploads of known length) still happens, and what fetch reported as an error
 * (a body cut short) still is one. Each case against a real server on loopback.
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync, brotliCompressSync, deflateSync } from 'node:zlib';
import busboy from 'busboy';
import { afterEach, expect, test } from 'vitest';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { nodeHttpTransport, uploadLength, type AxisAnswer } from './http-transport.js';
import { multipartFile } from './multipart.js';

const tempDir = useTempDirs();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const http = createServer(handle);
  http.on('connection', () => connections++);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  });
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, connections: () => connections };
}

const get = (url: string, signal = new AbortController().signal) => nodeHttpTransport(url, { method: 'GET', headers: {}, signal });

async function text(answer: AxisAnswer): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of answer.body) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

test('calls one after another reuse one connection, whether the body was read to its end or the call discarded it after', async () => {
  const axis = await server((_req, res) => res.end('{"status":"OK"}'));
  for (let call = 0; call < 5; call++) {
    const answer = await get(`${axis.url}/x`);
    expect(await text(answer)).toBe('{"status":"OK"}');
    answer.discard();
  }
  expect(axis.connections()).toBe(1);
});

test.each([
  ['gzip', gzipSync],
  ['deflate', deflateSync],
  ['br', brotliCompressSync],
])('an answer compressed with %s is decoded; compression is offered', async (coding, compress) => {
  let offered: string | undefined;
  const axis = await server((req, res) => {
    offered = req.headers['accept-encoding'];
    res.writeHead(200, { 'content-encoding': coding }).end(compress(Buffer.from('Văn bản đến '.repeat(1000))));
  });
  expect(await text(await get(axis.url))).toBe('Văn bản đến '.repeat(1000));
  expect(offered).toContain(coding);
});

test('a body that ends before its announced length is an error, not a shorter answer', async () => {
  const axis = await server((_req, res) => {
    res.writeHead(200, { 'content-length': '1000' });
    res.write('x'.repeat(100), () => res.socket?.destroy());
  });
  await expect(text(await get(axis.url))).rejects.toThrow();
});

test('aborting the signal while the body arrives ends the body with an error', async () => {
  const axis = await server((_req, res) => {
    res.writeHead(200);
    res.write('first');
  });
  const controller = new AbortController();
  const answer = await get(axis.url, controller.signal);
  const reading = text(answer);
  setTimeout(() => controller.abort(new Error('silent too long')), 50);
  await expect(reading).rejects.toThrow();
});

test.each(['a file streamed', 'bytes at hand'])('an upload of %s is one multipart file part of the announced length, which a standard parser reads back byte for byte', async (kind) => {
  const file = path.join(await tempDir(), 'goi "tin".edxml');
  const content = Buffer.from('<edXML>' + 'Đã nhận '.repeat(50_000) + '</edXML>');
  await writeFile(file, content);
  let received: { length?: string; name?: string; field?: string; bytes?: Buffer } = {};
  const axis = await server((req, res) => {
    const chunks: Buffer[] = [];
    const parser = busboy({ headers: req.headers });
    parser.on('file', (field, stream, info) => {
      received = { ...received, field, name: info.filename };
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    });
    parser.on('close', () => {
      received.bytes = Buffer.concat(chunks);
      res.end('{}');
    });
    received.length = req.headers['content-length'];
    req.pipe(parser);
  });
  const upload = multipartFile('file_doc', path.basename(file), 'application/xml', kind === 'bytes at hand' ? content : { size: content.length, open: () => createReadStream(file) });
  await text(await nodeHttpTransport(axis.url, { method: 'POST', headers: {}, upload, signal: new AbortController().signal }));
  expect(received.field).toBe('file_doc');
  // A quote would end the header's quoted name: it travels as %22, as browsers send it.
  expect(received.name).toBe('goi %22tin%22.edxml');
  expect(Number(received.length)).toBe(uploadLength(upload));
  expect(received.bytes?.equals(content)).toBe(true);
});

test('an upload whose source fails fails the call with the source\'s own error', async () => {
  const axis = await server((req, res) => req.resume().on('end', () => res.end('{}')));
  const missing = path.join(await tempDir(), 'gone.edxml');
  const upload = multipartFile('file_doc', 'gone.edxml', 'application/xml', { size: 10, open: () => createReadStream(missing) });
  await expect(nodeHttpTransport(axis.url, { method: 'POST', headers: {}, upload, signal: new AbortController().signal })).rejects.toMatchObject({ code: 'ENOENT', path: missing });
});

test('a source that gives fewer bytes than announced does not pass as a whole upload', async () => {
  const axis = await server((req, res) => req.resume().on('end', () => res.end('{}')));
  const upload = multipartFile('file_doc', 'short.edxml', 'application/xml', { size: 100, open: () => Readable.from([Buffer.from('only ten b')]) });
  const call = nodeHttpTransport(axis.url, { method: 'POST', headers: {}, upload, signal: AbortSignal.timeout(20_000) }).then(text);
  await expect(call).rejects.toThrow('the upload gave 212 bytes of the 302 it announced');
});
