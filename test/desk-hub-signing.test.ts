/**
 * Signing across desks end to end: a leader's desk (the real core, its signer process over
 * SoftHSM2) signs a document of a real hub (Fastify on a real PostgreSQL) with "Ký duyệt"; the hub
 * verifies and takes the revision, and the feed brings it to the clerk's desk. A signature made
 * offline waits at the desk (across a restart) and is taken when the hub is back; one whose base
 * was overtaken is refused as stale, shown, and taken once the leader signs the new revision.
 * pdfsig (poppler) checks the final bytes on its own.
 *
 * The leader's desk reaches the hub through a TCP gate (test/signing-desk.ts), which cuts every
 * connection and refuses new ones while it is down (the network gone), and lets them through again.
 */
import { createHash, createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandOutcome } from '../shared/hub/commands.js';
import { signPdf } from '../electron/core/signing/pdf/sign-pdf.js';
import { postgresExchangeStore } from '../hub/store/postgres-exchange-store.js';
import { buildDecree30Pdf } from './decree30-pdf.js';
import { TEST_PASSWORD, useTestHub, type TestHub } from './hub.js';
import { Gate, pdfsigReport, tokenChoice, until, useSigningDesks, type Desk } from './signing-desk.js';
import { makeTestTokens, testCertificate, type Manifest } from './tokens.js';
import { useTempDirs } from './temp-dir.js';
import { uuidv7 } from './uuid7.js';

const AT = '2026-12-01T02:00:00.000Z';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const hub = useTestHub();
const tempDir = useTempDirs();
const openDesk = useSigningDesks();

let manifest: Manifest;
let test: TestHub;
let hubUrl: string;
let gate: Gate;
let decision: Buffer;
const signerEnv = () => ({ SOFTHSM2_CONF: manifest.conf });

beforeAll(async () => {
  manifest = await makeTestTokens();
  const ca = new X509Certificate(await readFile(manifest.caCertificate)).raw;
  test = await hub({ commands: { trustAnchors: [new Uint8Array(ca)] } });
  await test.addUser('lanhdao', ['leader']);
  await test.addUser('vanthu', ['clerk']);
  hubUrl = new URL(await test.app.listen({ host: '127.0.0.1', port: 0 })).origin;
  gate = new Gate();
  await gate.start(Number(new URL(hubUrl).port));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-desk-sign-'));
  await buildDecree30Pdf(path.join(dir, 'decision.pdf'));
  decision = await readFile(path.join(dir, 'decision.pdf'));
}, 60_000);

afterAll(async () => {
  await gate?.close();
  test?.app.server.closeAllConnections();
});

/** A draft at the hub with the decision as its PDF, as the clerk's desk would have made it. */
async function hubDraft(subject: string, pdf = decision): Promise<{ documentId: number; attachmentId: number }> {
  await test.blobs.put(pdf);
  const documentId = await postgresExchangeStore(test.pool).write(async (tx) => {
    const id = await tx.createDraft(subject, AT);
    await tx.insertAttachments(id, [{ name: 'quyet-dinh.pdf', contentType: 'application/pdf', sha256: sha256(pdf), size: pdf.length }], AT);
    return id;
  });
  const { rows } = await test.pool.query<{ id: number }>('SELECT id FROM attachments WHERE document_id = $1', [documentId]);
  return { documentId, attachmentId: rows[0]!.id };
}

async function hubFile(attachmentId: number) {
  const current = (await test.pool.query<{ sha256: string }>('SELECT sha256 FROM attachments WHERE id = $1', [attachmentId])).rows[0]!.sha256;
  const versions = (await test.pool.query<{ step: string; sha256: string }>('SELECT step, sha256 FROM attachment_versions WHERE attachment_id = $1 ORDER BY version', [attachmentId])).rows;
  return { current, versions };
}

/** A desk signed in at the hub (the leader's through the gate). */
async function deskOf(username: string, url: string): Promise<Desk> {
  const desk = await openDesk(await tempDir(), signerEnv());
  await desk.call('hub.connect', { hubUrl: url, username, password: TEST_PASSWORD });
  await until('the desk online', () => desk.call('hub.getStatus', {}), (status) => status?.phase === 'online');
  return desk;
}

const leaderToken = (desk: Desk) => tokenChoice(desk, manifest, 'leader');

const viewOf = (desk: Desk, documentId: number, refresh = false) => desk.call('hub.signingView', { documentId, refresh });
const inReplica = (desk: Desk, documentId: number) => until('the document in the replica', () => viewOf(desk, documentId), (view) => view.blocked !== 'not_found');

const signatureReport = async (bytes: Uint8Array) => pdfsigReport(await tempDir(), bytes);

describe('signing a hub document at the leader’s desk', () => {
  it('the leader signs with his token (a wrong PIN first); the hub verifies and takes the revision; the feed brings it to the clerk’s desk', async () => {
    const { documentId, attachmentId } = await hubDraft('Quyết định ban hành quy chế');
    const leaderDesk = await deskOf('lanhdao', gate.url);
    const clerkDesk = await deskOf('vanthu', hubUrl);
    await inReplica(leaderDesk, documentId);
    // The clerk's desk sees the document but offers her no "Ký duyệt".
    expect(await inReplica(clerkDesk, documentId)).toMatchObject({ blocked: 'not_leader', file: { sha256: sha256(decision) } });

    const view = await viewOf(leaderDesk, documentId, true);
    expect(view).toMatchObject({ blocked: null, fileHere: true, last: null, signedCurrent: false, file: { attachmentId, name: 'quyet-dinh.pdf', sha256: sha256(decision) } });
    // Brought as any attachment is: checked, and held in the desk's file cache.
    expect(await leaderDesk.call('hub.documentFiles', { documentId })).toMatchObject({ files: [{ sha256: sha256(decision), state: 'held' }] });
    const token = await leaderToken(leaderDesk);

    const wrong = await leaderDesk.fails('hub.signRevision', { documentId, baseSha256: view.file!.sha256, ...token, pin: '0000' });
    expect(wrong).toMatchObject({ code: 'invalid_input', fields: { token: 'wrong_pin' } });
    expect(await leaderDesk.call('hub.commands', { limit: 10 })).toEqual([]);

    const signed = await leaderDesk.call('hub.signRevision', { documentId, baseSha256: view.file!.sha256, ...token });
    expect(signed).toMatchObject({ signedCurrent: true, last: { state: expect.stringMatching(/queued|applied/), baseSha256: sha256(decision) } });
    const revision = signed.last!.revisionSha256;
    expect(revision).not.toBe(sha256(decision));
    // Signed once: the desk does not sign the same revision twice.
    expect(await leaderDesk.fails('hub.signRevision', { documentId, baseSha256: view.file!.sha256, ...token })).toMatchObject({ code: 'conflict' });

    const applied = await until('the hub to take the signature', () => viewOf(leaderDesk, documentId), (current) => current.last?.state === 'applied');
    expect(applied.signedCurrent).toBe(true);
    expect(await hubFile(attachmentId)).toEqual({
      current: revision,
      versions: [
        { step: 'original', sha256: sha256(decision) },
        { step: 'leader', sha256: revision },
      ],
    });
    // The feed: the clerk's desk now has the signed revision as the document's file.
    await until('the clerk’s desk to hear of the signature', () => viewOf(clerkDesk, documentId), (current) => current.file?.sha256 === revision);

    const bytes = await test.blobs.read(revision);
    expect(Buffer.from(bytes.subarray(0, decision.length)).equals(decision)).toBe(true);
    const report = await signatureReport(bytes);
    expect(report.match(/Signature #\d/g)).toEqual(['Signature #1']);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Nguyễn Văn An');
  }, 90_000);

  it('a signature made offline waits at the desk, across a restart, and the hub takes it when it is back', async () => {
    const { documentId, attachmentId } = await hubDraft('Quyết định khen thưởng');
    // A second draft whose file (another one) the leader never opened before the link dropped.
    const { documentId: unopened } = await hubDraft('Quyết định chưa mở', Buffer.concat([decision, Buffer.from('\n% another draft\n')]));
    const dataDir = await tempDir();
    let leaderDesk = await openDesk(dataDir, signerEnv());
    await leaderDesk.call('hub.connect', { hubUrl: gate.url, username: 'lanhdao', password: TEST_PASSWORD });
    await inReplica(leaderDesk, documentId);
    const notHere = await inReplica(leaderDesk, unopened);
    expect(notHere.fileHere).toBe(false);
    // Opened while the hub answers: its file is brought to this computer.
    const view = await viewOf(leaderDesk, documentId, true);
    expect(view.fileHere).toBe(true);
    const token = await leaderToken(leaderDesk);

    gate.cut();
    try {
      await until('the desk offline', () => leaderDesk.call('hub.getStatus', {}), (status) => status?.phase === 'offline');
      // Its file is not here and the hub cannot give it: said so before the token is asked for anything.
      expect(await leaderDesk.fails('hub.signRevision', { documentId: unopened, baseSha256: notHere.file!.sha256, ...token })).toMatchObject({ code: 'unavailable', fields: { hub: 'file_not_here' } });
      const signed = await leaderDesk.call('hub.signRevision', { documentId, baseSha256: view.file!.sha256, ...token });
      expect(signed.last).toMatchObject({ state: 'queued' });
      expect((await leaderDesk.call('hub.commands', { limit: 10 })).map((command) => command.kind)).toEqual(['revision.upload']);
      // Still waiting after the desk is closed and opened again, the hub still out of reach.
      await leaderDesk.close();
      leaderDesk = await openDesk(dataDir, signerEnv());
      expect(await viewOf(leaderDesk, documentId)).toMatchObject({ signedCurrent: true, last: { state: 'queued', revisionSha256: signed.last!.revisionSha256 } });
      expect((await hubFile(attachmentId)).current).toBe(sha256(decision));
    } finally {
      gate.up();
    }
    await leaderDesk.call('sync.now', {});
    const taken = await until('the hub to take the offline signature', () => viewOf(leaderDesk, documentId), (current) => current.last?.state === 'applied');
    expect((await hubFile(attachmentId)).current).toBe(taken.last!.revisionSha256);
    expect(await signatureReport(await test.blobs.read(taken.last!.revisionSha256))).toContain('Signature Validation: Signature is Valid.');
  }, 90_000);

  it('a stale base is refused and shown; the desk does not sign again by itself; signed again on the new revision, it is taken', async () => {
    const { documentId, attachmentId } = await hubDraft('Quyết định thành lập tổ công tác');
    const leaderDesk = await deskOf('lanhdao', gate.url);
    await inReplica(leaderDesk, documentId);
    const view = await viewOf(leaderDesk, documentId, true);
    const token = await leaderToken(leaderDesk);

    // The leader signs while his desk is cut off; meanwhile another revision lands first at the hub
    // (here the clerk's, with the agency's certificate, uploaded as her desk would).
    gate.cut();
    let mine: string;
    try {
      await until('the desk offline', () => leaderDesk.call('hub.getStatus', {}), (status) => status?.phase === 'offline');
      mine = (await leaderDesk.call('hub.signRevision', { documentId, baseSha256: view.file!.sha256, ...token })).last!.revisionSha256;
      const theirs = await agencySigned(decision);
      const clerk = await test.signIn('vanthu', TEST_PASSWORD);
      const upload = await test.app.inject({ method: 'PUT', url: `/api/blobs/${sha256(theirs)}`, headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/pdf' }, payload: theirs });
      expect(upload.statusCode).toBe(200);
      const command = { id: uuidv7(), kind: 'revision.upload', payload: { documentId, attachmentId, baseSha256: sha256(decision), revisionSha256: sha256(theirs) } };
      const outcome = JSON.parse((await test.app.inject({ method: 'POST', url: '/api/commands', headers: { authorization: `Bearer ${clerk}` }, payload: command })).body) as CommandOutcome;
      expect(outcome.state).toBe('applied');
    } finally {
      gate.up();
    }
    await leaderDesk.call('sync.now', {});
    const refused = await until('the refusal', () => viewOf(leaderDesk, documentId), (current) => current.last?.state === 'refused');
    expect(refused).toMatchObject({ signedCurrent: false, last: { revisionSha256: mine, refusal: { reason: 'stale', message: expect.stringContaining('sign it again') } } });
    const theirs = (await hubFile(attachmentId)).current;
    expect(theirs).not.toBe(sha256(decision));

    // Nothing is signed again without the leader: the hub still has only the clerk's revision.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await hubFile(attachmentId)).versions.map((version) => version.step)).toEqual(['original', 'agency']);
    // Signing the old revision again is refused at the desk: the hub's current file is another one.
    expect(await leaderDesk.fails('hub.signRevision', { documentId, baseSha256: view.file!.sha256, ...token })).toMatchObject({ code: 'conflict', fields: { baseSha256: 'changed' } });

    // Re-based: the leader looks at the new revision and signs it.
    const rebased = await viewOf(leaderDesk, documentId, true);
    expect(rebased).toMatchObject({ fileHere: true, file: { sha256: theirs }, signedCurrent: false });
    await leaderDesk.call('hub.signRevision', { documentId, baseSha256: theirs, ...token });
    const taken = await until('the hub to take the new signature', () => viewOf(leaderDesk, documentId), (current) => current.last?.state === 'applied');
    expect(await hubFile(attachmentId)).toMatchObject({ current: taken.last!.revisionSha256, versions: [{ step: 'original' }, { step: 'agency' }, { step: 'leader', sha256: taken.last!.revisionSha256 }] });
    const report = await signatureReport(await test.blobs.read(taken.last!.revisionSha256));
    expect(report.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(report.split('Signature #2')[1]).toContain('Total document signed');
  }, 90_000);
});

/** `base` signed with the agency's certificate of the test tokens, outside any desk (its key from the PEM beside the token). */
async function agencySigned(base: Buffer): Promise<Buffer> {
  const agency = testCertificate(manifest, 'agency');
  const key = createPrivateKey(await readFile(agency.privateKey));
  const der = new Uint8Array(new X509Certificate(await readFile(agency.certificate)).raw);
  const dir = await tempDir();
  await writeFile(path.join(dir, 'base.pdf'), base);
  await signPdf(path.join(dir, 'base.pdf'), path.join(dir, 'sealed.pdf'), {
    fieldName: 'AgencySignature',
    rect: [0, 0, 0, 0],
    m: new Date(),
    reason: 'Phát hành',
    certificates: [der],
    signer: async (data) => new Uint8Array(sign('sha256', data, key)),
  });
  return readFile(path.join(dir, 'sealed.pdf'));
}
