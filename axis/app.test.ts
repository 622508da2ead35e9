import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { QCVN102_AGENCY_CODE } from '../shared/domain/agency.js';
import {
  VXP_CALLS,
  VXP_HASH_HEADER,
  vxpSignRequest,
  vxpTimestamp,
  type VxpAgencyRow,
  type VxpCall,
  type VxpEnvelope,
  type VxpReceivedRow,
  type VxpSentRow,
  type VxpSyncUnitRow,
} from '../shared/axis/vxp.js';
import { createAxisServer } from './app.js';
import { ADMIN_SYSTEM_ID, vxpHmac } from './auth.js';
import { seedDemoAgencies } from './directory.js';
import { documentPackageBytes, statusPackageBytes } from '../test/edxml-fixtures.js';
import { startTemporaryAxis, type TemporaryAxis } from './testing.js';

interface Credential {
  code: string;
  secret: string;
}

interface CallOptions {
  body?: FormData;
  timestamp?: number;
  /** Changes signed header values after signing, as a man in the middle would. */
  tamper?: Record<string, string>;
  method?: string;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startAxis(options: Parameters<typeof startTemporaryAxis>[0] = {}): Promise<TemporaryAxis> {
  const axis = await startTemporaryAxis(options);
  cleanups.push(axis.dispose);
  return axis;
}

async function rawCall(url: string, name: string, who: Credential, params: Record<string, string> = {}, options: CallOptions = {}): Promise<Response> {
  const signed = vxpSignRequest({ systemid: who.code, timestamp: options.timestamp === undefined ? vxpTimestamp() : String(options.timestamp), ...params });
  const headers: Record<string, string> = { ...signed.headers, [VXP_HASH_HEADER]: vxpHmac(who.secret, signed.signingString) };
  for (const [name, value] of Object.entries(options.tamper ?? {})) headers[`XroadVnpt-${name}`] = value;
  const method = options.method ?? VXP_CALLS[name as VxpCall] ?? 'POST';
  return fetch(`${url}/${name}`, { method, headers, body: options.body });
}

async function call<T>(url: string, name: VxpCall, who: Credential, params: Record<string, string> = {}, options: CallOptions = {}): Promise<VxpEnvelope<T>> {
  const response = await rawCall(url, name, who, params, options);
  return (await response.json()) as VxpEnvelope<T>;
}

/** A real package (the axis reads From and To); `label` makes packages differ. */
const edxml = documentPackageBytes;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function sendParams(from: string, to: string[], bytes: Uint8Array, messageType = 'edoc'): Record<string, string> {
  return { from, servicetype: 'eDoc', messagetype: messageType, to: JSON.stringify(to), 'hash-file': sha256(bytes) };
}

function uploadForm(bytes: Uint8Array): FormData {
  const form = new FormData();
  form.append('file_doc', new Blob([bytes], { type: 'application/xml' }), 'package.edxml');
  return form;
}

async function send(url: string, from: Credential, to: string[], bytes: Uint8Array): Promise<VxpEnvelope<string>> {
  return call<string>(url, 'sendEdoc', from, sendParams(from.code, to, bytes), { body: uploadForm(bytes) });
}

async function received(url: string, who: Credential): Promise<VxpReceivedRow[]> {
  const envelope = await call<VxpReceivedRow[]>(url, 'getReceivedEdocList', who, { servicetype: 'eDoc', messagetype: 'edoc' });
  expect(envelope.status).toBe('OK');
  return envelope.data!;
}

describe('demo directory', () => {
  test('seeds a province, a department under it and a ministry, with distinct 32-byte secrets, once', async () => {
    const axis = await startAxis();
    const [province, department, ministry] = axis.agencies;
    expect(axis.agencies.map((a) => a.code)).toEqual(['000.00.00.H41', '000.00.12.H41', '000.00.00.G22']);
    expect(province!.name).toBe('UBND tỉnh Nghệ An');
    expect(department!.name).toBe('Sở Nội vụ tỉnh Nghệ An');
    expect(ministry!.name).toBe('Văn phòng Chính phủ');
    for (const agency of axis.agencies) {
      expect(agency.code).toMatch(QCVN102_AGENCY_CODE);
      expect(agency.secret).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(axis.agencies.map((a) => a.secret)).size).toBe(3);
    expect(axis.server.store.getAgency(department!.code)?.pid).toBe(province!.code);
    // Seeding again keeps the agencies and their secrets (and does not touch the directory version).
    const version = axis.server.store.directoryVersion();
    expect(seedDemoAgencies(axis.server.store)).toEqual(axis.agencies);
    expect(axis.server.store.directoryVersion()).toBe(version);
  });

  test('lists the agencies without their secrets', async () => {
    const axis = await startAxis();
    const envelope = await call<VxpAgencyRow[]>(axis.server.url, 'getAgenciesList', axis.agencies[0]!);
    expect(envelope.status).toBe('OK');
    expect(envelope.data).toContainEqual({ id: '000.00.12.H41', pid: '000.00.00.H41', code: '000.00.12.H41', name: 'Sở Nội vụ tỉnh Nghệ An', mail: 'sonoivu@nghean.gov.vn', oldCode: null });
    expect(JSON.stringify(envelope)).not.toContain(axis.agencies[0]!.secret);
  });
});

describe('authentication', () => {
  test('a correctly signed call succeeds', async () => {
    const axis = await startAxis();
    const envelope = await call<number>(axis.server.url, 'countReceiveEdoc', axis.agencies[0]!, { servicetype: 'eDoc', messagetype: 'edoc' });
    expect(envelope).toEqual({ status: 'OK', ErrorCode: '0', ErrorDesc: '', data: 0 });
  });

  test('a wrong secret or an unknown system id is refused with 15', async () => {
    const axis = await startAxis();
    const [agency] = axis.agencies;
    for (const who of [{ code: agency!.code, secret: 'f'.repeat(64) }, { code: '000.00.99.H99', secret: agency!.secret }]) {
      const response = await rawCall(axis.server.url, 'countReceiveEdoc', who);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'FAIL', ErrorCode: '15', ErrorDesc: 'wrong system id or secret', data: null });
    }
  });

  test('a timestamp outside the allowed skew is refused, even correctly signed', async () => {
    const axis = await startAxis();
    const stale = await call(axis.server.url, 'countReceiveEdoc', axis.agencies[0]!, {}, { timestamp: Date.now() - 11 * 60_000 });
    expect(stale.ErrorCode).toBe('15');
    expect(stale.ErrorDesc).toMatch(/^timestamp outside ±10 min/);
    const future = await call(axis.server.url, 'countReceiveEdoc', axis.agencies[0]!, {}, { timestamp: Date.now() + 11 * 60_000 });
    expect(future.ErrorCode).toBe('15');
    const slightlyOff = await call(axis.server.url, 'countReceiveEdoc', axis.agencies[0]!, {}, { timestamp: Date.now() - 9 * 60_000 });
    expect(slightlyOff.ErrorCode).toBe('0');
  });

  test('a captured request sent again within the clock window is refused: each signature is accepted once', async () => {
    const axis = await startAxis();
    const [a, b] = axis.agencies;
    const bytes = await edxml(a!.code, [b!.code], 'replayed');
    expect((await send(axis.server.url, a!, [b!.code], bytes)).status).toBe('OK');
    const [row] = await received(axis.server.url, b!);
    // What a man in the middle saw go by: B's acknowledgement, headers and all.
    const timestamp = Date.now();
    const first = await call(axis.server.url, 'updateStatus', b!, { docId: row!.docId, status: 'processing' }, { timestamp });
    expect(first.status).toBe('OK');
    const replayed = await call(axis.server.url, 'updateStatus', b!, { docId: row!.docId, status: 'processing' }, { timestamp });
    expect(replayed).toMatchObject({ status: 'FAIL', ErrorCode: '15', ErrorDesc: 'this signed request was already used (a replay); every request must be signed anew' });
    // The headers of an upload carry no body: replayed with another body, they are refused too.
    const sendTimestamp = Date.now();
    const other = await edxml(a!.code, [b!.code], 'other body');
    expect((await call<string>(axis.server.url, 'sendEdoc', a!, sendParams(a!.code, [b!.code], bytes), { body: uploadForm(bytes), timestamp: sendTimestamp })).status).toBe('OK');
    expect((await call<string>(axis.server.url, 'sendEdoc', a!, sendParams(a!.code, [b!.code], bytes), { body: uploadForm(other), timestamp: sendTimestamp })).ErrorDesc).toMatch(/already used/);
    // The same call signed anew (another timestamp) is not a replay.
    expect((await call(axis.server.url, 'updateStatus', b!, { docId: row!.docId, status: 'processing' })).status).toBe('OK');
  });

  test('a signed header changed after signing is refused', async () => {
    const axis = await startAxis();
    const [a, b] = axis.agencies;
    const bytes = (await edxml(a!.code, [b!.code], 'tamper'));
    expect((await send(axis.server.url, a!, [b!.code], bytes)).status).toBe('OK');
    const [row] = await received(axis.server.url, b!);
    const tampered = await call(axis.server.url, 'updateStatus', b!, { docId: row!.docId, status: 'done' }, { tamper: { status: 'fail' } });
    expect(tampered).toMatchObject({ status: 'FAIL', ErrorCode: '15', ErrorDesc: 'wrong system id or secret' });
    expect(await received(axis.server.url, b!)).toHaveLength(1);
  });

  test('a request without the signature headers is refused', async () => {
    const axis = await startAxis();
    const response = await fetch(`${axis.server.url}/countReceiveEdoc`, { headers: { 'XroadVnpt-systemid': axis.agencies[0]!.code } });
    expect(await response.json()).toMatchObject({ ErrorCode: '15', ErrorDesc: 'missing signature headers' });
  });

  test('unknown paths get 404 and wrong methods 405, as envelopes', async () => {
    const axis = await startAxis();
    const missing = await rawCall(axis.server.url, 'getEverything', axis.agencies[0]!);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: 'FAIL', ErrorDesc: 'no call /getEverything on this axis' });
    const wrong = await rawCall(axis.server.url, 'downloadEdoc', axis.agencies[0]!, { docId: 'x' }, { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  test('the admin credential registers and deletes agencies; agencies cannot', async () => {
    const axis = await startAxis();
    const admin = { code: ADMIN_SYSTEM_ID, secret: axis.adminSecret };
    const name = 'UBND huyện Diễn Châu';
    const fields = { code: '000.00.21.H41', pid: '000.00.00.H41', name: encodeURIComponent(name), codeQd20: 'H41.21' };
    const refused = await call(axis.server.url, 'registerAgency', axis.agencies[0]!, fields);
    expect(refused).toMatchObject({ ErrorCode: '15', ErrorDesc: '/registerAgency needs the axis admin credential' });

    const registered = await call<{ code: string; secret: string }>(axis.server.url, 'registerAgency', admin, fields);
    expect(registered.status).toBe('OK');
    expect(registered.data!.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(axis.server.store.getAgency('000.00.21.H41')).toMatchObject({ name, codeQd20: 'H41.21', pid: '000.00.00.H41' });
    const newcomer = registered.data!;
    expect((await call(axis.server.url, 'countReceiveEdoc', newcomer)).ErrorCode).toBe('0');

    expect(await call(axis.server.url, 'countReceiveEdoc', admin)).toMatchObject({ ErrorCode: '15', ErrorDesc: "the admin credential cannot call /countReceiveEdoc; use an agency's" });
    expect((await call(axis.server.url, 'deleteAgency', admin, { AgencyCode: newcomer.code })).status).toBe('OK');
    expect(await call(axis.server.url, 'countReceiveEdoc', newcomer)).toMatchObject({ ErrorCode: '19', ErrorDesc: 'agency 000.00.21.H41 is deleted from the axis directory' });
    expect((await call(axis.server.url, 'deleteAgency', admin, { AgencyCode: newcomer.code })).ErrorCode).toBe('10');
  });

  test('without an admin secret option, one is generated into <dataDir>/admin-secret, owner-only', async () => {
    const axis = await startTemporaryAxis();
    cleanups.push(axis.dispose);
    const second = await createAxisServer({ dataDir: path.join(axis.dataDir, 'other') });
    cleanups.push(() => second.close());
    const file = path.join(axis.dataDir, 'other', 'admin-secret');
    const secret = (await readFile(file, 'utf8')).trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await call(second.url, 'getAgenciesList', { code: ADMIN_SYSTEM_ID, secret })).status).toBe('OK');
  });
});

describe('exchange', () => {
  test('A sends to B; B lists, reads, downloads byte-identical, acknowledges; it leaves the list', async () => {
    const axis = await startAxis();
    const [a, b, c] = axis.agencies;
    const url = axis.server.url;
    const bytes = (await edxml(a!.code, [b!.code], 'Quyết định số 12/QĐ-UBND'));
    const sent = await send(url, a!, [b!.code], bytes);
    expect(sent.status).toBe('OK');
    const docId = sent.data!;
    expect(docId).toMatch(/^[0-9a-f-]{36}$/);

    const rows = await received(url, b!);
    expect(rows).toEqual([
      expect.objectContaining({ docId, serviceType: 'eDoc', messageType: 'edoc', from: a!.code, to: b!.code, status: 'pending', status_desc: '' }),
    ]);
    expect(await received(url, c!)).toEqual([]);
    expect((await call<number>(url, 'countReceiveEdoc', b!)).data).toBe(1);
    expect((await call<number>(url, 'countReceiveStatus', b!)).data).toBe(0);

    const base64 = await call<string>(url, 'getEdoc', b!, { docId });
    expect(Buffer.from(base64.data!, 'base64').equals(Buffer.from(bytes))).toBe(true);
    const download = await rawCall(url, 'downloadEdoc', b!, { docId });
    expect(download.headers.get('content-type')).toBe('application/xml');
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(bytes));

    // Only the addressee may fetch it.
    expect(await call(url, 'getEdoc', c!, { docId })).toMatchObject({ ErrorCode: '10', ErrorDesc: `docId ${docId} is not addressed to ${c!.code}` });
    const refused = await rawCall(url, 'downloadEdoc', c!, { docId });
    expect(refused.headers.get('content-type')).toContain('application/json');
    expect(await refused.json()).toMatchObject({ ErrorCode: '10' });

    expect((await call(url, 'updateStatus', b!, { docId, status: 'done' })).status).toBe('OK');
    expect(await received(url, b!)).toEqual([]);
    expect((await call<number>(url, 'countReceiveEdoc', b!)).data).toBe(0);
    // A repeated acknowledgement is harmless; changing a final one is refused.
    expect((await call(url, 'updateStatus', b!, { docId, status: 'done' })).status).toBe('OK');
    expect((await call(url, 'updateStatus', b!, { docId, status: 'processing' })).ErrorCode).toBe('10');

    const sentList = await call<VxpSentRow[]>(url, 'getSentEdocList', a!, { servicetype: 'eDoc', docId });
    expect(sentList.data).toEqual([
      expect.objectContaining({ senderDocId: docId, fromCode: a!.code, toCode: b!.code, sendStatus: 'done', receiveStatus: 'done', receivedTime: expect.any(String) }),
    ]);
    expect((await call(url, 'getSentEdocList', b!, { docId })).ErrorCode).toBe('10');
  });

  test('processing keeps a package in the list; fail takes it out with its reason', async () => {
    const axis = await startAxis();
    const [a, b] = axis.agencies;
    const docId = (await send(axis.server.url, a!, [b!.code], (await edxml(a!.code, [b!.code], 'processing')))).data!;
    await call(axis.server.url, 'updateStatus', b!, { docId, status: 'processing' });
    expect((await received(axis.server.url, b!))[0]).toMatchObject({ docId, status: 'processing' });
    await call(axis.server.url, 'updateStatus', b!, { docId, status: 'fail', description: 'not edXML' });
    expect(await received(axis.server.url, b!)).toEqual([]);
    expect(axis.server.store.getDelivery(docId, b!.code)).toMatchObject({ status: 'fail', statusDesc: 'not edXML', receivedTime: null });
  });

  test('the same sender re-sending the same bytes gets the same docId and one delivery', async () => {
    const axis = await startAxis();
    const [a, b] = axis.agencies;
    const bytes = (await edxml(a!.code, [b!.code], 'retry'));
    const first = await send(axis.server.url, a!, [b!.code], bytes);
    const second = await send(axis.server.url, a!, [b!.code], bytes);
    expect(second.data).toBe(first.data);
    expect(await received(axis.server.url, b!)).toHaveLength(1);
    // Only the first copy stays on disk (plus the temp folder).
    expect((await readdir(path.join(axis.dataDir, 'packages'))).sort()).toEqual([`${first.data!}.xml`, 'tmp']);
    expect(await readdir(path.join(axis.dataDir, 'packages', 'tmp'))).toEqual([]);
  });

  test('a sender other than the authenticated agency is refused with 19', async () => {
    const axis = await startAxis();
    const [a, b, c] = axis.agencies;
    const bytes = (await edxml(a!.code, [b!.code], 'impostor'));
    const envelope = await call(axis.server.url, 'sendEdoc', a!, sendParams(c!.code, [b!.code], bytes), { body: uploadForm(bytes) });
    expect(envelope).toMatchObject({ status: 'FAIL', ErrorCode: '19', ErrorDesc: `from ${c!.code} is not the authenticated agency ${a!.code}` });
    expect(await received(axis.server.url, b!)).toEqual([]);
  });

  test('an unknown recipient is refused with 18, a locked one with 23, and nothing is delivered', async () => {
    const axis = await startAxis();
    const [a, b, c] = axis.agencies;
    const bytes = (await edxml(a!.code, [b!.code], 'recipients'));
    expect(await send(axis.server.url, a!, [b!.code, '000.00.77.H41'], bytes)).toMatchObject({ ErrorCode: '18', ErrorDesc: 'unknown recipient: 000.00.77.H41' });
    axis.server.store.setAgencyLocked(c!.code, true);
    expect(await send(axis.server.url, a!, [b!.code, c!.code], bytes)).toMatchObject({ ErrorCode: '23' });
    expect(await call(axis.server.url, 'countReceiveEdoc', c!)).toMatchObject({ ErrorCode: '23', ErrorDesc: `agency ${c!.code} is locked on the axis` });
    expect(await received(axis.server.url, b!)).toEqual([]);
  });

  test('hash-file must match the uploaded bytes', async () => {
    const axis = await startAxis();
    const [a, b] = axis.agencies;
    const bytes = (await edxml(a!.code, [b!.code], 'hash'));
    const params = { ...sendParams(a!.code, [b!.code], bytes), 'hash-file': sha256((await edxml(a!.code, [b!.code], 'other'))) };
    const envelope = await call(axis.server.url, 'sendEdoc', a!, params, { body: uploadForm(bytes) });
    expect(envelope).toMatchObject({ ErrorCode: '10', ErrorDesc: 'hash-file does not match the SHA-256 of the uploaded file_doc' });
    expect(await received(axis.server.url, b!)).toEqual([]);
  });

  test('an upload over the size limit is refused with 10 and leaves no file', async () => {
    const axis = await startAxis({ uploadLimitBytes: 10_000 });
    const [a, b] = axis.agencies;
    const bytes = new Uint8Array(256 * 1024).fill(65);
    const envelope = await send(axis.server.url, a!, [b!.code], bytes);
    expect(envelope).toMatchObject({ ErrorCode: '10', ErrorDesc: 'file_doc is larger than the axis limit of 10000 bytes' });
    expect(await readdir(path.join(axis.dataDir, 'packages', 'tmp'))).toEqual([]);
    // The connection is still usable: the next call is answered.
    expect((await send(axis.server.url, a!, [b!.code], (await edxml(a!.code, [b!.code], 'small')))).status).toBe('OK');
  });

  test('a file that is not edXML is refused with 22, and one whose From is another agency with 19', async () => {
    const axis = await startAxis();
    const [a, b, c] = axis.agencies;
    const notEdxml = new TextEncoder().encode('<?xml version="1.0"?><html><body>not a package</body></html>');
    expect(await send(axis.server.url, a!, [b!.code], notEdxml)).toMatchObject({ status: 'FAIL', ErrorCode: '22' });
    const doctype = new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>');
    expect(await send(axis.server.url, a!, [b!.code], doctype)).toMatchObject({ status: 'FAIL', ErrorCode: '22' });
    const forged = await edxml(c!.code, [b!.code], 'forged From');
    expect(await send(axis.server.url, a!, [b!.code], forged)).toMatchObject({
      status: 'FAIL',
      ErrorCode: '19',
      ErrorDesc: `the package's From/OrganId ${c!.code} is not the authenticated agency ${a!.code}`,
    });
    const status = await statusPackageBytes(a!.code, b!.code);
    expect(await send(axis.server.url, a!, [b!.code], status)).toMatchObject({ status: 'FAIL', ErrorCode: '22' });
    expect(await received(axis.server.url, b!)).toEqual([]);
  });

  test('without a to header the axis routes on the package: To of a document, ResponseFor of a status', async () => {
    const axis = await startAxis();
    const [a, b, c] = axis.agencies;
    const bytes = await edxml(a!.code, [b!.code, c!.code], 'routed on To');
    const { to: _to, ...params } = sendParams(a!.code, [], bytes);
    expect((await call<string>(axis.server.url, 'sendEdoc', a!, params, { body: uploadForm(bytes) })).status).toBe('OK');
    expect(await received(axis.server.url, b!)).toHaveLength(1);
    expect(await received(axis.server.url, c!)).toHaveLength(1);
    const status = await statusPackageBytes(c!.code, a!.code, '03');
    const { to: _none, ...statusParams } = sendParams(c!.code, [], status, 'status');
    expect((await call<string>(axis.server.url, 'sendEdoc', c!, statusParams, { body: uploadForm(status) })).status).toBe('OK');
    const forA = await call<VxpReceivedRow[]>(axis.server.url, 'getReceivedEdocList', a!, { messagetype: 'status' });
    expect(forA.data!.map((row) => row.from)).toEqual([c!.code]);
  });

  test('malformed requests get HTTP 400 envelopes', async () => {
    const axis = await startAxis();
    const [a, b] = axis.agencies;
    const bytes = (await edxml(a!.code, [b!.code], 'malformed'));
    const badTo = await rawCall(axis.server.url, 'sendEdoc', a!, { ...sendParams(a!.code, [b!.code], bytes), to: b!.code }, { body: uploadForm(bytes) });
    expect(badTo.status).toBe(400);
    expect(await badTo.json()).toMatchObject({ status: 'FAIL', ErrorDesc: 'to must be a JSON array of agency codes' });
    const noFile = await rawCall(axis.server.url, 'sendEdoc', a!, sendParams(a!.code, [b!.code], bytes), { body: new FormData() });
    expect(noFile.status).toBe(400);
    const noBody = await rawCall(axis.server.url, 'sendEdoc', a!, sendParams(a!.code, [b!.code], bytes));
    expect(await noBody.json()).toMatchObject({ ErrorDesc: 'the body is not multipart/form-data' });
    const badDate = await rawCall(axis.server.url, 'getReceivedEdocList', b!, { fromDate: 'yesterday' });
    expect(badDate.status).toBe(400);
  });

  test('the received list filters by message type and by date', async () => {
    const axis = await startAxis();
    const [a, b] = axis.agencies;
    const bytes = await statusPackageBytes(a!.code, b!.code);
    await call(axis.server.url, 'sendEdoc', a!, sendParams(a!.code, [b!.code], bytes, 'status'), { body: uploadForm(bytes) });
    await send(axis.server.url, a!, [b!.code], (await edxml(a!.code, [b!.code], 'document')));
    const list = (messagetype: string, extra: Record<string, string> = {}) =>
      call<VxpReceivedRow[]>(axis.server.url, 'getReceivedEdocList', b!, { messagetype, ...extra }).then((e) => e.data!.map((row) => row.messageType));
    expect(await list('status')).toEqual(['status']);
    expect(await list('edoc')).toEqual(['edoc']);
    expect((await call<number>(axis.server.url, 'countReceiveStatus', b!)).data).toBe(1);
    expect(await list('edoc', { fromDate: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await list('edoc', { toDate: '2000-01-01' })).toEqual([]);
    expect(await list('edoc', { fromDate: '2000-01-01', toDate: new Date(Date.now() + 60_000).toISOString() })).toEqual(['edoc']);
  });

  test('packages survive a restart on the same data dir', async () => {
    const axis = await startAxis();
    const [a, b] = axis.agencies;
    const bytes = (await edxml(a!.code, [b!.code], 'persist'));
    const docId = (await send(axis.server.url, a!, [b!.code], bytes)).data!;
    await axis.server.close();

    const again = await createAxisServer({ dataDir: axis.dataDir, adminSecret: axis.adminSecret });
    cleanups.push(() => again.close());
    expect((await received(again.url, b!)).map((row) => row.docId)).toEqual([docId]);
    const download = await rawCall(again.url, 'downloadEdoc', b!, { docId });
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(bytes));
    // The dedup record survived too.
    expect((await send(again.url, a!, [b!.code], bytes)).data).toBe(docId);
  });
});

describe('directory calls', () => {
  test('getSynchronizeUnit returns only rows changed after the given version, deletions flagged', async () => {
    const axis = await startAxis();
    const [a] = axis.agencies;
    const admin = { code: ADMIN_SYSTEM_ID, secret: axis.adminSecret };
    const full = await call<{ version: number; rows: VxpSyncUnitRow[] }>(axis.server.url, 'getSynchronizeUnit', a!);
    expect(full.data!.rows.map((row) => row.code).sort()).toEqual(axis.agencies.map((x) => x.code).sort());
    const cursor = full.data!.version;
    expect(cursor).toBe(Math.max(...full.data!.rows.map((row) => row.version)));

    await call(axis.server.url, 'registerAgency', admin, { code: '000.00.02.H41', pid: '000.00.00.H41', name: encodeURIComponent('Sở Tài chính tỉnh Nghệ An') });
    await call(axis.server.url, 'deleteAgency', admin, { AgencyCode: '000.00.00.G22' });
    const changes = await call<{ version: number; rows: VxpSyncUnitRow[] }>(axis.server.url, 'getSynchronizeUnit', a!, { version: String(cursor) });
    expect(changes.data!.version).toBe(cursor + 2);
    expect(changes.data!.rows).toEqual([
      expect.objectContaining({ code: '000.00.02.H41', name: 'Sở Tài chính tỉnh Nghệ An', pid: '000.00.00.H41', deleted: false, version: cursor + 1 }),
      expect.objectContaining({ code: '000.00.00.G22', deleted: true, version: cursor + 2 }),
    ]);
    const none = await call<{ version: number; rows: VxpSyncUnitRow[] }>(axis.server.url, 'getSynchronizeUnit', a!, { version: String(cursor + 2) });
    expect(none.data).toEqual({ version: cursor + 2, rows: [] });
    // A full pull leaves the deleted agency out.
    const after = await call<{ version: number; rows: VxpSyncUnitRow[] }>(axis.server.url, 'getSynchronizeUnit', a!);
    expect(after.data!.rows.map((row) => row.code)).not.toContain('000.00.00.G22');
  });

  test('getAgenciesListQD20 gives both code forms, filtered by level', async () => {
    const axis = await startAxis();
    const all = await call<Array<{ code: string; code102: string }>>(axis.server.url, 'getAgenciesListQD20', axis.agencies[0]!);
    expect(all.data!.map((row) => row.code).sort()).toEqual(['G22', 'H41', 'H41.12']);
    const level2 = await call<Array<{ id: string; code: string; code102: string; name: string }>>(axis.server.url, 'getAgenciesListQD20', axis.agencies[0]!, { level: '2' });
    expect(level2.data).toEqual([{ id: '000.00.12.H41', code: 'H41.12', code102: '000.00.12.H41', name: 'Sở Nội vụ tỉnh Nghệ An', mail: 'sonoivu@nghean.gov.vn' }]);
  });
});
