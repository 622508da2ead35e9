import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createAxisServer } from '../../../../axis/app.js';
import { startTemporaryAxis, type TemporaryAxis } from '../../../../axis/testing.js';
import { AxisError, type AxisClient } from './types.js';
import { documentPackageBytes } from '../../../../test/edxml-fixtures.js';
import { createVxpClient } from './vxp-adapter.js';

let workDir: string;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-axis-client-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await rm(workDir, { recursive: true, force: true });
});

async function startAxis(): Promise<TemporaryAxis> {
  const axis = await startTemporaryAxis();
  cleanups.push(axis.dispose);
  return axis;
}

function clientFor(url: string, agency: { code: string; secret: string }, timeoutMs?: number): AxisClient {
  return createVxpClient({ baseUrl: url, systemId: agency.code, secret: agency.secret, ...(timeoutMs && { timeoutMs }) });
}

/** A small edXML package on disk, as the outbox would hand it to the client. */
/** A real package from the first demo agency to the second (the axis reads From and To). */
async function writePackage(name: string, label: string): Promise<{ file: string; sha256: string }> {
  const bytes = await documentPackageBytes('000.00.00.H41', ['000.00.12.H41'], label);
  const file = path.join(workDir, name);
  await writeFile(file, bytes);
  return { file, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function rejection(promise: Promise<unknown>): Promise<AxisError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AxisError);
  return error as AxisError;
}

/** A stand-in for a misbehaving axis. */
async function fakeAxis(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('against the reference axis', () => {
  test('a correctly signed call succeeds', async () => {
    const axis = await startAxis();
    const client = clientFor(axis.server.url, axis.agencies[0]!);
    expect(await client.countReceived('edoc')).toBe(0);
    const agencies = await client.listAgencies();
    expect(agencies.map((a) => a.code).sort()).toEqual(['000.00.00.G22', '000.00.00.H41', '000.00.12.H41']);
  });

  test('a wrong secret is a permanent AxisError 15 that says what to check, without the secret', async () => {
    const axis = await startAxis();
    const secret = 'a'.repeat(64);
    const error = await rejection(createVxpClient({ baseUrl: axis.server.url, systemId: axis.agencies[0]!.code, secret }).countReceived('edoc'));
    expect(error.kind).toBe('permanent');
    expect(error.code).toBe('15');
    expect(error.message).toBe(
      'The axis refused the credentials (ErrorCode 15): check the agency code and secret in Settings. The axis said on /countReceiveEdoc: wrong system id or secret',
    );
    expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain(secret);
  });

  test('A sends to B; B lists it, downloads it byte-identical, acknowledges done, and it leaves the list', async () => {
    const axis = await startAxis();
    const [a, b] = axis.agencies;
    const sender = clientFor(axis.server.url, a!);
    const receiver = clientFor(axis.server.url, b!);
    const pkg = await writePackage('outgoing.edxml', '<!-- Công văn số 45/UBND-VX -->');

    const docId = await sender.send(pkg.file, 'edoc', [b!.code]);
    expect(docId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await receiver.countReceived('edoc')).toBe(1);
    const rows = await receiver.listReceived('edoc');
    expect(rows).toEqual([expect.objectContaining({ docId, from: a!.code, to: b!.code, messageType: 'edoc', status: 'pending' })]);
    expect(await receiver.listReceived('status')).toEqual([]);

    const destination = path.join(workDir, 'inbox', 'received.edxml');
    await mkdir(path.dirname(destination));
    const downloaded = await receiver.download(docId, destination);
    expect(downloaded.sha256).toBe(pkg.sha256);
    expect((await readFile(destination)).equals(await readFile(pkg.file))).toBe(true);
    expect(downloaded.size).toBe((await readFile(pkg.file)).length);
    expect(await readdir(path.dirname(destination))).toEqual(['received.edxml']);

    await receiver.acknowledge(docId, 'done');
    expect(await receiver.listReceived('edoc')).toEqual([]);
    expect(await sender.sentStatus(docId)).toEqual([expect.objectContaining({ toCode: b!.code, receiveStatus: 'done' })]);
  });

  test('a fail acknowledgement carries a Vietnamese reason without its marks', async () => {
    const axis = await startAxis();
    const [a, b] = axis.agencies;
    const pkg = await writePackage('bad.edxml', 'a package the receiver will refuse');
    const docId = await clientFor(axis.server.url, a!).send(pkg.file, 'edoc', [b!.code]);
    await clientFor(axis.server.url, b!).acknowledge(docId, 'fail', 'Gói tin không đúng định dạng edXML');
    expect(axis.server.store.getDelivery(docId, b!.code)).toMatchObject({ status: 'fail', statusDesc: 'Goi tin khong dung dinh dang edXML' });
  });

  test('sending the same package again returns the same docId and delivers it once', async () => {
    const axis = await startAxis();
    const [a, b] = axis.agencies;
    const sender = clientFor(axis.server.url, a!);
    const pkg = await writePackage('retry.edxml', '<!-- retried -->');
    const first = await sender.send(pkg.file, 'edoc', [b!.code]);
    expect(await sender.send(pkg.file, 'edoc', [b!.code])).toBe(first);
    expect((await clientFor(axis.server.url, b!).listReceived('edoc')).map((row) => row.docId)).toEqual([first]);
  });

  test('an unknown recipient is a permanent AxisError 18', async () => {
    const axis = await startAxis();
    const pkg = await writePackage('nowhere.edxml', '<!-- nowhere -->');
    const error = await rejection(clientFor(axis.server.url, axis.agencies[0]!).send(pkg.file, 'edoc', ['000.00.99.H41']));
    expect(error).toMatchObject({ kind: 'permanent', code: '18' });
    expect(error.message).toContain('unknown recipient: 000.00.99.H41');
  });

  test('downloading a package addressed to someone else is a permanent AxisError 10', async () => {
    const axis = await startAxis();
    const [a, b, c] = axis.agencies;
    const pkg = await writePackage('private.edxml', '<!-- for B -->');
    const docId = await clientFor(axis.server.url, a!).send(pkg.file, 'edoc', [b!.code]);
    const destination = path.join(workDir, 'stolen.edxml');
    const error = await rejection(clientFor(axis.server.url, c!).download(docId, destination));
    expect(error).toMatchObject({ kind: 'permanent', code: '10' });
    expect(await readdir(workDir)).toEqual(['private.edxml']);
  });

  test('a package sent before a restart is still listed and downloadable after it', async () => {
    const axis = await startAxis();
    const [a, b] = axis.agencies;
    const pkg = await writePackage('durable.edxml', '<!-- survives -->');
    const docId = await clientFor(axis.server.url, a!).send(pkg.file, 'edoc', [b!.code]);
    await axis.server.close();

    const again = await createAxisServer({ dataDir: axis.dataDir, adminSecret: axis.adminSecret });
    cleanups.push(() => again.close());
    const receiver = clientFor(again.url, b!);
    expect((await receiver.listReceived('edoc')).map((row) => row.docId)).toEqual([docId]);
    const { sha256 } = await receiver.download(docId, path.join(workDir, 'after-restart.edxml'));
    expect(sha256).toBe(pkg.sha256);
  });

  test('syncUnits is incremental: a version cursor returns only newer rows, deletions flagged', async () => {
    const axis = await startAxis();
    const client = clientFor(axis.server.url, axis.agencies[0]!);
    const full = await client.syncUnits(null);
    expect(full.rows).toHaveLength(3);
    axis.server.store.registerAgency({ code: '000.00.05.H41', pid: '000.00.00.H41', name: 'Sở Giáo dục và Đào tạo tỉnh Nghệ An', secret: 's' });
    axis.server.store.deleteAgency('000.00.12.H41');
    const changes = await client.syncUnits(full.version);
    expect(changes.version).toBe(full.version + 2);
    expect(changes.rows.map((row) => [row.code, row.deleted])).toEqual([
      ['000.00.05.H41', false],
      ['000.00.12.H41', true],
    ]);
    expect(await client.syncUnits(changes.version)).toEqual({ version: changes.version, rows: [] });
  });
});

describe('transport failures', () => {
  test('HTTP 503 is a retryable AxisError', async () => {
    const url = await fakeAxis((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('maintenance');
    });
    const error = await rejection(clientFor(url, { code: '000.00.00.H41', secret: 's' }).listReceived('edoc'));
    expect(error).toMatchObject({ kind: 'retryable', code: 'http_503' });
    expect(error.message).toBe('The axis answered HTTP 503 to /getReceivedEdocList; VanThu will retry.');
  });

  test('HTTP 404 is permanent and points at the axis address', async () => {
    const url = await fakeAxis((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    const error = await rejection(clientFor(url, { code: '000.00.00.H41', secret: 's' }).countReceived('status'));
    expect(error).toMatchObject({ kind: 'permanent', code: 'http_404' });
    expect(error.message).toContain('check the axis address in Settings');
  });

  test('ErrorCode 20 in an envelope is retryable', async () => {
    const url = await fakeAxis((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'FAIL', ErrorCode: 20, ErrorDesc: 'database busy', data: null }));
    });
    const error = await rejection(clientFor(url, { code: '000.00.00.H41', secret: 's' }).listAgencies());
    expect(error).toMatchObject({ kind: 'retryable', code: '20' });
  });

  test('a 200 answer that is not an envelope is a retryable bad_response', async () => {
    const url = await fakeAxis((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Wi-Fi login</html>');
    });
    const error = await rejection(clientFor(url, { code: '000.00.00.H41', secret: 's' }).countReceived('edoc'));
    expect(error).toMatchObject({ kind: 'retryable', code: 'bad_response' });
  });

  test('a refused connection is a retryable network error', async () => {
    // A port that was just free: nothing listens on it any more.
    const url = await fakeAxis(() => {});
    await cleanups.pop()!();
    const error = await rejection(clientFor(url, { code: '000.00.00.H41', secret: 's' }).countReceived('edoc'));
    expect(error).toMatchObject({ kind: 'retryable', code: 'network' });
    expect(error.message).toBe(`Cannot reach the axis at ${url} (ECONNREFUSED): check the network and the axis address in Settings; VanThu will retry.`);
  });

  test('an axis that does not answer in time is a retryable timeout', async () => {
    const url = await fakeAxis(() => {
      // Never answers.
    });
    const started = Date.now();
    const error = await rejection(clientFor(url, { code: '000.00.00.H41', secret: 's' }, 200).countReceived('edoc'));
    expect(error).toMatchObject({ kind: 'retryable', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a download cut short leaves no file behind', async () => {
    const url = await fakeAxis((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': '1000' });
      res.write('<edXML:edXMLEnvelope');
      setTimeout(() => res.destroy(), 20);
    });
    const destination = path.join(workDir, 'partial.edxml');
    const error = await rejection(clientFor(url, { code: '000.00.00.H41', secret: 's' }).download('doc', destination));
    expect(error).toMatchObject({ kind: 'retryable', code: 'network' });
    expect(await readdir(workDir)).toEqual([]);
  });
});
