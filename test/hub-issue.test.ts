/**
 * Issuing a document in agency mode, end to end on real parts: a hub (Fastify on a real
 * PostgreSQL) that is agency A on the reference axis, with its exchange loop running; the
 * leader's desk and the clerk's desk (the real core, the built signer process over SoftHSM2
 * tokens). The leader signs at his desk ("Ký duyệt"); the clerk asks the hub for the number, fills
 * it in and seals with the agency's certificate at her desk ("Cấp số và ký số"), then sends; agency
 * B takes the package off the axis with its own client and finds the number, and pdfsig finds both
 * signatures valid on the PDF it carries. The clerk seals while her desk has lost the hub: the
 * sealed file waits in her queue and is taken when the hub is back.
 */
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { CommandOutcome } from '../shared/hub/commands.js';
import { foldText } from '../shared/text/fold.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import { readPackageFile } from '../electron/core/exchange/edxml/package-reader.js';
import { BlobStore } from '../electron/core/store/blob-store.js';
import { exchangeRunner } from '../hub/exchange/exchange-runner.js';
import { postgresExchangeStore } from '../hub/store/postgres-exchange-store.js';
import { buildDecree30Pdf } from './decree30-pdf.js';
import { useTemporaryAxis } from './hub-exchange.js';
import { TEST_PASSWORD, useTestHub } from './hub.js';
import { Gate, pdfsigReport, tokenChoice, until, useSigningDesks, type Desk } from './signing-desk.js';
import { makeTestTokens, type Manifest } from './tokens.js';
import { useTempDirs } from './temp-dir.js';
import { uuidv7 } from './uuid7.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const hub = useTestHub();
const tempDir = useTempDirs();
const openDesk = useSigningDesks();
const temporaryAxis = useTemporaryAxis();

let manifest: Manifest;
let decision: Buffer;
beforeAll(async () => {
  manifest = await makeTestTokens();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-hub-issue-'));
  await buildDecree30Pdf(path.join(dir, 'decision.pdf'));
  decision = await readFile(path.join(dir, 'decision.pdf'));
}, 60_000);

it('the leader signs at his desk, the clerk numbers, seals and sends at hers, and agency B receives it over the axis with its number and both signatures valid', async () => {
  const axis = temporaryAxis();
  const [agencyA, agencyB] = axis.agencies as [(typeof axis.agencies)[number], (typeof axis.agencies)[number]];
  const ca = new Uint8Array(new X509Certificate(await readFile(manifest.caCertificate)).raw);
  const test = await hub({ commands: { trustAnchors: [ca], agencyCode: agencyA.code } });
  await test.addUser('lanhdao', ['leader']);
  await test.addUser('vanthu', ['clerk']);
  const hubUrl = new URL(await test.app.listen({ host: '127.0.0.1', port: 0 })).origin;
  // The clerk's desk reaches the hub through a gate that can cut the network.
  const gate = new Gate();
  await gate.start(Number(new URL(hubUrl).port));
  const stop = new AbortController();
  const loop = exchangeRunner({ pool: test.pool, blobs: test.blobs.files, axis: { url: axis.server.url, systemId: agencyA.code, secret: agencyA.secret }, pollMs: 300, log: () => undefined })(stop.signal);
  try {
    // The draft's header, as the clerk's desk makes one.
    const clerkToken = await test.signIn('vanthu', TEST_PASSWORD);
    const fields = { subject: 'Quyết định ban hành quy chế', codeNotation: 'QĐ-UBND', typeName: 'Quyết định', signerFullName: 'Nguyễn Văn An', signerPosition: 'PHÓ CHỦ TỊCH', signerCompetence: 'KT. CHỦ TỊCH' };
    const made = await test.call<CommandOutcome>('POST', '/api/commands', { token: clerkToken, body: { id: uuidv7(), kind: 'draft.save', payload: { documentId: null, clientKey: randomUUID(), fields } } });
    const documentId = (made.body as Extract<CommandOutcome, { state: 'applied' }>).result.documentId as number;

    const deskOf = async (username: string, url: string): Promise<Desk> => {
      const desk = await openDesk(await tempDir(), { SOFTHSM2_CONF: manifest.conf });
      await desk.call('hub.connect', { hubUrl: url, username, password: TEST_PASSWORD });
      return desk;
    };
    const [leaderDesk, clerkDesk] = [await deskOf('lanhdao', hubUrl), await deskOf('vanthu', gate.url)];
    // Its PDF, added at her desk ("Thêm tệp PDF"): kept there, uploaded, then named by draft.attach.
    const attach = await clerkDesk.call('hub.attachFile', { documentId, name: 'quyet-dinh.pdf', contentType: 'application/pdf', bytes: new Uint8Array(decision) });
    expect(attach).toMatchObject({ kind: 'draft.attach' });
    const attached = await until('the file at the hub', () => clerkDesk.call('hub.commands', { limit: 10 }), (items) => items.find((item) => item.id === attach.id)?.state === 'applied');
    expect(attached.find((item) => item.id === attach.id)).toMatchObject({ state: 'applied' });
    expect((await test.pool.query('SELECT name, sha256, size FROM attachments WHERE document_id = $1', [documentId])).rows).toEqual([{ name: 'quyet-dinh.pdf', sha256: sha256(decision), size: String(decision.length) }]);
    const viewOf = (desk: Desk, refresh = false) => desk.call('hub.signingView', { documentId, refresh });
    const clerkAt = (step: string | null) => until(`the clerk's step ${step}`, () => viewOf(clerkDesk), (view) => view.clerkStep === step);

    // Ký duyệt at the leader's desk.
    await until('the draft at the leader’s desk', () => viewOf(leaderDesk), (view) => view.blocked === null);
    const shown = await viewOf(leaderDesk, true);
    await leaderDesk.call('hub.signRevision', { documentId, baseSha256: shown.file!.sha256, ...(await tokenChoice(leaderDesk, manifest, 'leader')) });

    // The clerk's desk offers the number once the leader's signature is at the hub; the hub gives it.
    await clerkAt('number');
    await clerkDesk.call('hub.queueCommand', { kind: 'draft.number', payload: { documentId } });
    const numbered = await clerkAt('seal');
    expect(numbered.number).toBe('01');

    // The seal: the organisation's certificate only (a person's is refused before any PIN is used).
    const toSeal = await viewOf(clerkDesk, true);
    expect(toSeal).toMatchObject({ fileHere: true, clerkStep: 'seal' });
    const personal = await tokenChoice(clerkDesk, manifest, 'leader');
    expect(await clerkDesk.fails('hub.sealRevision', { documentId, baseSha256: toSeal.file!.sha256, ...personal })).toMatchObject({ code: 'conflict', fields: { certificateKind: 'organization' } });
    const agencyToken = await tokenChoice(clerkDesk, manifest, 'agency');
    gate.cut();
    try {
      await until('the clerk’s desk offline', () => clerkDesk.call('hub.getStatus', {}), (status) => status?.phase === 'offline');
      // Offline, the agency directory (kept by the server) cannot be searched, and says so.
      expect(await clerkDesk.fails('hub.agencies', { query: 'ubnd', limit: 20, offset: 0 })).toMatchObject({ code: 'unavailable' });
      const sealedView = await clerkDesk.call('hub.sealRevision', { documentId, baseSha256: toSeal.file!.sha256, ...agencyToken });
      expect(sealedView).toMatchObject({ signedCurrent: true, last: { state: 'queued', baseSha256: toSeal.file!.sha256 } });
      expect((await test.pool.query('SELECT signing_state FROM documents WHERE id = $1', [documentId])).rows).toEqual([{ signing_state: 'numbered' }]);
    } finally {
      gate.up();
    }
    await clerkDesk.call('sync.now', {});
    await clerkAt('send');

    // She finds agency B, typed without accents, in the directory the server's exchange pulled from the axis.
    const typed = foldText(agencyB.name);
    const found = await until('agency B in the server’s directory', () => clerkDesk.call('hub.agencies', { query: typed, limit: 20, offset: 0 }), (page) => page.rows.some((row) => row.id === agencyB.code));
    expect(found.rows[0]).toMatchObject({ id: agencyB.code, name: agencyB.name });
    await clerkDesk.call('hub.queueCommand', { kind: 'draft.send', payload: { documentId, recipients: [agencyB.code] } });
    // Her last recipients, to choose again should she send again, named by the server.
    expect((await viewOf(clerkDesk)).recipients).toEqual([agencyB.code]);
    expect(await clerkDesk.call('hub.agencyNames', { ids: [agencyB.code] })).toMatchObject([{ id: agencyB.code, name: agencyB.name }]);
    const store = postgresExchangeStore(test.pool);
    await until('sent over the axis', () => store.read.document(documentId), (document) => document?.state === 'sent');

    // Agency B, with its own client, as its own desk or hub would.
    const clientB = createVxpClient({ baseUrl: axis.server.url, systemId: agencyB.code, secret: agencyB.secret });
    const [row] = await until('the package at agency B', () => clientB.listReceived('edoc'), (rows) => rows.length === 1);
    const dir = await tempDir();
    await clientB.download(row!.docId, path.join(dir, 'package.edxml'));
    const blobsB = new BlobStore(path.join(dir, 'blobs'));
    await blobsB.init();
    const read = await readPackageFile(path.join(dir, 'package.edxml'), blobsB);
    expect(read.parsed.kind).toBe('document');
    const { header } = (read.parsed as Extract<typeof read.parsed, { kind: 'document' }>).package;
    expect(header).toMatchObject({ from: { organId: agencyA.code }, code: { codeNumber: '01', codeNotation: 'QĐ-UBND' }, subject: fields.subject });
    expect(read.attachments).toHaveLength(1);
    const pdf = await readFile(blobsB.pathOf(read.attachments[0]!.sha256));
    expect(pdf.subarray(0, decision.length).equals(decision)).toBe(true);
    const report = await pdfsigReport(dir, pdf);
    expect(report.match(/Signature #\d/g)).toEqual(['Signature #1', 'Signature #2']);
    expect(report.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(report.split('Signature #2')[1]).toContain('Total document signed');
    expect(report).toContain('Nguyễn Văn An');
  } finally {
    stop.abort();
    await loop;
    await gate.close();
    test.app.server.closeAllConnections();
  }
}, 120_000);
