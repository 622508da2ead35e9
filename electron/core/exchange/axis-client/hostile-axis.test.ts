/**
 * A hostile axis against the client: answers that never end, lengths announced in gigabytes,
 * list rows that are not what they claim. The test starts its own HTTP server, which counts what
 * it managed to push into the connection: the client must cut every answer off at its limit
 * rather than read it into memory (or onto the disk) whole.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AxisError } from './types.js';
import { createVxpClient } from './vxp-adapter.js';

const MiB = 1024 * 1024;
let workDir: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-hostile-axis-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await rm(workDir, { recursive: true, force: true });
});

interface HostileAxis {
  url: string;
  /** Bytes of body the server got into the connection before the client hung up. */
  sent(): number;
}

/**
 * Answers every call with `head` and then `body`'s chunks, as fast as the connection takes them,
 * until the client hangs up or `upTo` bytes are out (so that a client which reads everything
 * fails the test in reasonable time instead of running forever).
 */
async function hostileAxis(answer: (req: IncomingMessage) => { status?: number; headers?: Record<string, string>; prefix?: string; chunk: string; upTo?: number }): Promise<HostileAxis> {
  let sent = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const { status = 200, headers = { 'content-type': 'application/json' }, prefix = '', chunk, upTo = 1024 * MiB } = answer(req);
    res.writeHead(status, headers);
    let closed = false;
    res.on('close', () => (closed = true));
    const piece = Buffer.from(Buffer.byteLength(chunk) >= upTo ? chunk : chunk.repeat(Math.ceil((64 * 1024) / chunk.length)));
    const pump = () => {
      if (sent === 0 && prefix) {
        sent += Buffer.byteLength(prefix);
        res.write(prefix);
      }
      while (!closed && sent < upTo) {
        sent += piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      if (!closed) res.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent: () => sent };
}

const client = (url: string) => createVxpClient({ baseUrl: url, systemId: '000.00.00.H41', secret: 'hostile-test-secret', timeoutMs: 10_000 });

async function failure(promise: Promise<unknown>): Promise<AxisError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AxisError);
  return error as AxisError;
}

/** Loopback socket buffers hold a few MB the client never read: what "cut off" allows beyond a limit. */
const SOCKET_SLACK = 16 * MiB;

describe('a hostile axis cannot exhaust memory or disk', () => {
  test('an endless received list is cut off at 32 MB (retryable answer_too_large), memory not following it', async () => {
    const axis = await hostileAxis(() => ({ prefix: '{"status":"OK","ErrorCode":"0","ErrorDesc":"","data":[', chunk: '{"docId":"x","from":"000.00.00.G22"},' }));
    const heapBefore = process.memoryUsage().heapUsed;
    const error = await failure(client(axis.url).listReceived('edoc'));
    expect(error).toMatchObject({ kind: 'retryable', code: 'answer_too_large' });
    expect(error.message).toMatch(/getReceivedEdocList is larger than 32 MB/);
    expect(axis.sent()).toBeLessThan(32 * MiB + SOCKET_SLACK);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * MiB);
  });

  test('an endless directory is cut off at 64 MB', async () => {
    const axis = await hostileAxis(() => ({ prefix: '{"status":"OK","ErrorCode":"0","data":{"version":1,"rows":[', chunk: '{"code":"x","name":"y"},' }));
    const error = await failure(client(axis.url).syncUnits(null));
    expect(error).toMatchObject({ code: 'answer_too_large' });
    expect(axis.sent()).toBeLessThan(64 * MiB + SOCKET_SLACK);
  });

  test.each([
    ['an acknowledgement', (url: string) => client(url).acknowledge('doc-1', 'done')],
    ['a count', (url: string) => client(url).countReceived('edoc')],
    ['a delivery trace', (url: string) => client(url).sentStatus('doc-1')],
  ])('%s answered without end is cut off at 1 MB', async (_call, call) => {
    const axis = await hostileAxis(() => ({ prefix: '{"status":"OK","data":"', chunk: 'A' }));
    expect(await failure(call(axis.url))).toMatchObject({ code: 'answer_too_large' });
    expect(axis.sent()).toBeLessThan(1 * MiB + SOCKET_SLACK);
  });

  test('an error page without end (HTTP 500) is cut off at 1 MB', async () => {
    const axis = await hostileAxis(() => ({ status: 500, headers: { 'content-type': 'text/html' }, chunk: '<p>error</p>' }));
    expect(await failure(client(axis.url).countReceived('status'))).toMatchObject({ code: 'answer_too_large' });
    expect(axis.sent()).toBeLessThan(1 * MiB + SOCKET_SLACK);
  });

  test('an answer announcing 10 GB is refused before its body is read', async () => {
    const axis = await hostileAxis(() => ({ headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * MiB) }, chunk: '[' }));
    expect(await failure(client(axis.url).listReceived('edoc'))).toMatchObject({ code: 'answer_too_large' });
    expect(axis.sent()).toBeLessThan(SOCKET_SLACK);
  });

  test('a package download without end stops at the limit it is given (package_too_large) and leaves no file', async () => {
    const axis = await hostileAxis(() => ({ headers: { 'content-type': 'application/xml' }, prefix: '<edXML:edXML>', chunk: 'QUFB' }));
    const destination = path.join(workDir, 'package.xml');
    const error = await failure(client(axis.url).download('doc-1', destination, 8 * MiB));
    expect(error).toMatchObject({ kind: 'permanent', code: 'package_too_large' });
    expect(axis.sent()).toBeLessThan(8 * MiB + SOCKET_SLACK);
    expect(await readdir(workDir)).toEqual([]);
  });

  test('a package download announcing 10 GB is refused before a byte is written', async () => {
    const axis = await hostileAxis(() => ({ headers: { 'content-type': 'application/xml', 'content-length': String(10 * 1024 * MiB) }, chunk: 'QUFB' }));
    const error = await failure(client(axis.url).download('doc-1', path.join(workDir, 'package.xml')));
    expect(error).toMatchObject({ code: 'package_too_large' });
    expect(error.message).toMatch(/larger than 256 MB/);
    expect(axis.sent()).toBeLessThan(SOCKET_SLACK);
    expect(await readdir(workDir)).toEqual([]);
  });
});

describe('list rows from a hostile axis', () => {
  test('a row whose docId cannot travel back is left out (the sync goes on); missing facts read as empty, the message type is the one asked for', async () => {
    const rows = [
      { docId: 'tài-liệu', from: '000.00.00.G22' },
      { docId: { $gt: '' }, from: '000.00.00.G22' },
      { docId: 'x'.repeat(201), from: '000.00.00.G22' },
      { docId: 'good-1', messageType: 'evil', from: 42 },
      { docId: 'good-2', from: '000.00.00.G22', to: '000.00.00.H41' },
      'not a row',
    ];
    const body = JSON.stringify({ status: 'OK', ErrorCode: '0', ErrorDesc: '', data: rows });
    const axis = await hostileAxis(() => ({ chunk: body, upTo: Buffer.byteLength(body) }));
    const listed = await client(axis.url).listReceived('status');
    expect(listed.map((row) => [row.docId, row.messageType, row.from])).toEqual([
      ['good-1', 'status', ''],
      ['good-2', 'status', '000.00.00.G22'],
    ]);
  });
});
