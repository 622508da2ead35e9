/**
 * Issuing a draft across desks, on a real PostgreSQL: the leader's signature (revision.upload)
 * makes it leader_signed; the clerk's draft.number takes the outgoing register's number; her seal
 * (revision.upload with the agency's certificate) makes it agency_signed; draft.send puts the
 * package in the outbox in the same transaction. Refusals name their reason.
 */
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CommandOutcome } from '../../shared/hub/commands.js';
import { TEST_PASSWORD, useTestHub, type TestHub } from '../../test/hub.js';
import type { TestSigner } from '../../test/pdf-corpus/test-pki.js';
import { draftPdf, signedPdf, useTestPki } from '../../test/hub-signing-pdf.js';
import { useTempDirs } from '../../test/temp-dir.js';
import { uuidv7 } from '../../test/uuid7.js';
import { documentsToReadAgain, recordFilesRead } from '../store/content-search.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';

const hub = useTestHub();
const tempDir = useTempDirs();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const pki = useTestPki();

const signed = (base: Uint8Array, signer: TestSigner) => signedPdf(tempDir, base, signer);

async function scene() {
  const test: TestHub = await hub({ commands: { trustAnchors: [pki().caDer] } });
  await test.addUser('lanhdao', ['leader']);
  await test.addUser('vanthu', ['clerk']);
  await test.addUser('chuyenvien', ['specialist']);
  const [leader, clerk, specialist] = await Promise.all(['lanhdao', 'vanthu', 'chuyenvien'].map((name) => test.signIn(name, TEST_PASSWORD)));
  const command = async (token: string, kind: string, payload: unknown): Promise<CommandOutcome> => {
    const response = await test.call<CommandOutcome>('POST', '/api/commands', { token, body: { id: uuidv7(), kind, payload } });
    expect(response.status).toBe(200);
    return response.body;
  };
  // The specialist drafts it (so he sees it, and may ask for what he may not do).
  const made = await command(specialist!, 'draft.save', {
    documentId: null,
    clientKey: randomUUID(),
    fields: { subject: 'Quyết định ban hành quy chế', codeNotation: 'QĐ-UBND', typeName: 'Quyết định', signerFullName: 'Nguyễn Văn An' },
  });
  const documentId = (made as Extract<CommandOutcome, { state: 'applied' }>).result.documentId as number;
  const base = draftPdf('Du thao quyet dinh');
  await test.blobs.put(base);
  await postgresExchangeStore(test.pool).write((tx) => tx.insertAttachments(documentId, [{ name: 'du-thao.pdf', contentType: 'application/pdf', sha256: sha256(base), size: base.length }], new Date().toISOString()));
  const attachmentId = (await test.pool.query<{ id: number }>('SELECT id FROM attachments WHERE document_id = $1', [documentId])).rows[0]!.id;
  /** Uploads `revision` and names it as signed over `over`. */
  const sign = async (token: string, over: Uint8Array, revision: Uint8Array) => {
    const upload = await test.app.inject({ method: 'PUT', url: `/api/blobs/${sha256(revision)}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' }, payload: Buffer.from(revision) });
    expect(upload.statusCode).toBe(200);
    return command(token, 'revision.upload', { documentId, attachmentId, baseSha256: sha256(over), revisionSha256: sha256(revision) });
  };
  const state = async () =>
    (await test.pool.query<{ direction: string; state: string; signing_state: string; code_number: string | null; promulgation_date: string | null }>('SELECT direction, state, signing_state, code_number, promulgation_date FROM documents WHERE id = $1', [documentId])).rows[0]!;
  return { test, leader: leader!, clerk: clerk!, specialist: specialist!, command, documentId, base, sign, state };
}

describe('numbering, sealing and sending a hub draft', () => {
  it('a file is added to a draft by whoever may change it, once its bytes are at the hub with the size named, and not once the draft is signed', async () => {
    const { test, leader, specialist, command, documentId, base, sign } = await scene();
    await test.addUser('chuyenvien2', ['specialist']);
    const stranger = await test.signIn('chuyenvien2', TEST_PASSWORD);
    const annex = Buffer.from('%PDF-1.7 phụ lục');
    const attach = (file = annex, size = file.length) => ({ documentId, name: 'phu-luc.pdf', contentType: 'application/pdf', sha256: sha256(file), size });
    expect(await command(specialist, 'draft.attach', attach())).toMatchObject({ state: 'refused', reason: 'invalid', message: expect.stringContaining('uploaded first') });
    const upload = await test.app.inject({ method: 'PUT', url: `/api/blobs/${sha256(annex)}`, headers: { authorization: `Bearer ${specialist}`, 'content-type': 'application/pdf' }, payload: annex });
    expect(upload.statusCode).toBe(200);
    expect(await command(specialist, 'draft.attach', attach(annex, annex.length + 1))).toMatchObject({ state: 'refused', reason: 'invalid', message: expect.stringContaining(`${annex.length} bytes`) });
    // Another specialist does not see the draft at all.
    expect(await command(stranger, 'draft.attach', attach())).toMatchObject({ state: 'refused', reason: 'not_found' });
    // Its files were read for content search before: the file added has them read again.
    await recordFilesRead(test.pool, documentId, 'Dự thảo', null);
    expect(await documentsToReadAgain(test.pool, 10)).toEqual([]);
    expect(await command(specialist, 'draft.attach', attach())).toMatchObject({ state: 'applied', result: { documentId, sha256: sha256(annex) } });
    expect((await documentsToReadAgain(test.pool, 10)).map((document) => document.documentId)).toEqual([documentId]);
    const files = async () => (await test.pool.query('SELECT position, name, sha256 FROM attachments WHERE document_id = $1 ORDER BY position', [documentId])).rows;
    expect(await files()).toEqual([
      { position: 1, name: 'du-thao.pdf', sha256: sha256(base) },
      { position: 2, name: 'phu-luc.pdf', sha256: sha256(annex) },
    ]);
    const { rows: audit } = await test.pool.query("SELECT actor, subject FROM audit_log WHERE action = 'draft.attach'");
    expect(audit).toEqual([{ actor: 'chuyenvien', subject: `document:${documentId}` }]);
    // Signed by the leader: its files are what he signed.
    expect(await sign(leader, base, await signed(base, pki().leader))).toMatchObject({ state: 'applied' });
    expect(await command(specialist, 'draft.attach', attach())).toMatchObject({ state: 'refused', reason: 'stale' });
    expect(await files()).toHaveLength(2);
  });

  it('goes leader → number → seal → send, each step by its role, and the package waits in the outbox with the number', async () => {
    const { test, leader, clerk, specialist, command, documentId, base, sign, state } = await scene();
    // Not signed by a leader: no number yet.
    expect(await command(clerk, 'draft.number', { documentId })).toMatchObject({ state: 'refused', reason: 'invalid', message: expect.stringContaining("leader's signature") });
    const leaderSigned = await signed(base, pki().leader);
    expect(await sign(leader, base, leaderSigned)).toMatchObject({ state: 'applied' });
    expect(await state()).toMatchObject({ signing_state: 'leader_signed', code_number: null });
    // Signed: its fields are no longer edited.
    expect(await command(leader, 'draft.save', { documentId, clientKey: randomUUID(), fields: { subject: 'Đổi sau khi ký' } })).toMatchObject({ state: 'refused', reason: 'stale' });

    expect(await command(specialist, 'draft.number', { documentId })).toMatchObject({ state: 'refused', reason: 'forbidden' });
    const numbered = await command(clerk, 'draft.number', { documentId });
    expect(numbered).toMatchObject({ state: 'applied', result: { documentId, number: '01', register: expect.any(String) } });
    expect(await state()).toMatchObject({ signing_state: 'numbered', code_number: '01', promulgation_date: (numbered as Extract<CommandOutcome, { state: 'applied' }>).result.promulgationDate });
    expect(await command(clerk, 'draft.number', { documentId })).toMatchObject({ state: 'refused', reason: 'stale', message: expect.stringContaining('(01)') });
    const { rows: entries } = await test.pool.query('SELECT number FROM register_entries WHERE document_id = $1', [documentId]);
    expect(entries).toEqual([{ number: 1 }]);
    // Numbered: a leader's signature now would come after the number.
    const late = await signed(leaderSigned, pki().leader);
    expect(await sign(leader, leaderSigned, late)).toMatchObject({ state: 'refused', reason: 'stale' });

    // Not sealed yet: it does not leave.
    expect(await command(clerk, 'draft.send', { documentId, recipients: ['H02.00.TEST'] })).toMatchObject({ state: 'refused', reason: 'invalid', message: expect.stringContaining('not sealed') });
    // The seal takes the organisation's certificate, not a person's.
    const personal = await signed(leaderSigned, pki().leader);
    expect(await sign(clerk, leaderSigned, personal)).toMatchObject({ state: 'refused', reason: 'invalid', message: expect.stringContaining("organisation's certificate") });
    expect(await state()).toMatchObject({ signing_state: 'numbered' });
    // A seal over a revision that is no longer the current one is stale.
    const overBase = await signed(base, pki().agency);
    expect(await sign(clerk, base, overBase)).toMatchObject({ state: 'refused', reason: 'stale' });
    const sealed = await signed(leaderSigned, pki().agency);
    expect(await sign(clerk, leaderSigned, sealed)).toMatchObject({ state: 'applied' });
    expect(await state()).toMatchObject({ signing_state: 'agency_signed' });

    expect(await command(specialist, 'draft.send', { documentId, recipients: ['H02.00.TEST'] })).toMatchObject({ state: 'refused', reason: 'forbidden' });
    expect(await command(clerk, 'draft.send', { documentId, recipients: ['H01.00.TEST'] })).toMatchObject({ state: 'refused', reason: 'invalid', message: expect.stringContaining('itself') });
    const sent = await command(clerk, 'draft.send', { documentId, recipients: ['H02.00.TEST'] });
    expect(sent).toMatchObject({ state: 'applied', result: { documentId, recipients: ['H02.00.TEST'] } });
    expect(await state()).toMatchObject({ direction: 'outgoing', state: 'queued' });
    const store = postgresExchangeStore(test.pool);
    const document = (await store.read.document(documentId))!;
    expect(document.edxmlDocumentId).toMatch(/^H01\.00\.TEST,\d{4}\/\d{2}\/\d{2},01\/QĐ-UBND$/);
    const { rows: outbox } = await test.pool.query<{ package_sha256: string; state: string }>('SELECT package_sha256, state FROM outbox WHERE document_id = $1', [documentId]);
    expect(outbox).toMatchObject([{ state: 'queued', package_sha256: document.packageSha256 }]);
    const xml = Buffer.from(await test.blobs.read(outbox[0]!.package_sha256)).toString('utf8');
    expect(xml).toMatch(/<(\w+:)?CodeNumber>01<\/(\w+:)?CodeNumber>/);
    expect(xml).toContain('QĐ-UBND');
    expect(await store.read.recipientState(documentId, 'H02.00.TEST')).toBe('queued');
    // Sent once: again, it is stale.
    expect(await command(clerk, 'draft.send', { documentId, recipients: ['H02.00.TEST'] })).toMatchObject({ state: 'refused', reason: 'stale' });
    const { rows: audit } = await test.pool.query<{ action: string }>("SELECT action FROM audit_log WHERE action IN ('document.number', 'attachment.signed', 'document.send') ORDER BY seq");
    expect(audit.map((row) => row.action)).toEqual(['attachment.signed', 'document.number', 'attachment.signed', 'document.send']);
  });
});
