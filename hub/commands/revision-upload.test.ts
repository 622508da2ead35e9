import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CommandOutcome } from '../../shared/hub/commands.js';
import { TEST_PASSWORD, useTestHub, type TestHub } from '../../test/hub.js';
import type { TestSigner } from '../../test/pdf-corpus/test-pki.js';
import { draftPdf, signedPdf, useTestPki } from '../../test/hub-signing-pdf.js';
import { useTempDirs } from '../../test/temp-dir.js';
import { uuidv7 } from '../../test/uuid7.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';

const hub = useTestHub();
const tempDir = useTempDirs();
const AT = '2026-12-01T02:00:00.000Z';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const pki = useTestPki();

const signed = (base: Uint8Array, signer: TestSigner) => signedPdf(tempDir, base, signer, 'Approve');

interface Scene {
  test: TestHub;
  leader: string;
  clerk: string;
  specialist: string;
  documentId: number;
  attachmentId: number;
  base: Buffer;
  upload(token: string, bytes: Uint8Array, address?: string): Promise<{ status: number; body: { sha256?: string; size?: number; error?: string; message?: string } }>;
  sign(token: string, base: Uint8Array, revision: Uint8Array, instance?: TestHub['app']): Promise<CommandOutcome>;
  current(): Promise<{ sha256: string; versions: { version: number; sha256: string; step: string }[] }>;
}

async function scene(anchors: Uint8Array[] = [pki().caDer]): Promise<Scene> {
  const test = await hub({ commands: { trustAnchors: anchors } });
  await test.addUser('lanhdao', ['leader']);
  await test.addUser('vanthu', ['clerk']);
  await test.addUser('chuyenvien', ['specialist']);
  const base = draftPdf('Du thao quyet dinh');
  await test.blobs.put(base);
  const documentId = await postgresExchangeStore(test.pool).write(async (tx) => {
    const id = await tx.createDraft('Dự thảo quyết định', AT);
    await tx.insertAttachments(id, [{ name: 'du-thao.pdf', contentType: 'application/pdf', sha256: sha256(base), size: base.length }], AT);
    return id;
  });
  const [attachment] = (await test.pool.query<{ id: number }>('SELECT id FROM attachments WHERE document_id = $1', [documentId])).rows;
  const upload = async (token: string, bytes: Uint8Array, address = sha256(bytes)) => {
    const response = await test.app.inject({ method: 'PUT', url: `/api/blobs/${address}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' }, payload: Buffer.from(bytes) });
    return { status: response.statusCode, body: JSON.parse(response.body) };
  };
  const sign = async (token: string, baseBytes: Uint8Array, revision: Uint8Array, instance = test.app) => {
    const command = { id: uuidv7(), kind: 'revision.upload', payload: { documentId, attachmentId: attachment!.id, baseSha256: sha256(baseBytes), revisionSha256: sha256(revision) } };
    const response = await instance.inject({ method: 'POST', url: '/api/commands', headers: { authorization: `Bearer ${token}` }, payload: command });
    expect(response.statusCode).toBe(200);
    return JSON.parse(response.body) as CommandOutcome;
  };
  const current = async () => ({
    sha256: (await test.pool.query('SELECT sha256 FROM attachments WHERE id = $1', [attachment!.id])).rows[0].sha256,
    versions: (await test.pool.query('SELECT version, sha256, step FROM attachment_versions WHERE attachment_id = $1 ORDER BY version', [attachment!.id])).rows,
  });
  return {
    test,
    leader: await test.signIn('lanhdao', TEST_PASSWORD),
    clerk: await test.signIn('vanthu', TEST_PASSWORD),
    specialist: await test.signIn('chuyenvien', TEST_PASSWORD),
    documentId,
    attachmentId: attachment!.id,
    base,
    upload,
    sign,
    current,
  };
}

describe('signing across desks: revision.upload', () => {
  it('takes a signed incremental update of the current revision and points the attachment at it; a second signature builds on it', async () => {
    const { leader, clerk, base, upload, sign, current, test, documentId } = await scene();
    const leaderSigned = await signed(base, pki().leader);
    expect((await upload(leader, leaderSigned)).body).toEqual({ sha256: sha256(leaderSigned), size: leaderSigned.length });
    const outcome = await sign(leader, base, leaderSigned);
    expect(outcome).toMatchObject({ state: 'applied', result: { sha256: sha256(leaderSigned), version: 2 } });
    expect(await current()).toEqual({
      sha256: sha256(leaderSigned),
      versions: [
        { version: 1, sha256: sha256(base), step: 'original' },
        { version: 2, sha256: sha256(leaderSigned), step: 'leader' },
      ],
    });
    expect(JSON.parse((await test.pool.query("SELECT details FROM audit_log WHERE action = 'attachment.signed'")).rows[0].details)).toMatchObject({ signer: expect.stringContaining('Nguyen Van Lanh Dao'), step: 'leader' });

    // The clerk seals what the leader signed, once it has its number: both signatures still verify.
    const sealed = await signed(leaderSigned, pki().agency);
    await upload(clerk, sealed);
    expect(await sign(clerk, leaderSigned, sealed)).toMatchObject({ state: 'refused', reason: 'invalid', message: expect.stringContaining('no number yet') });
    const numbering = { id: uuidv7(), kind: 'draft.number', payload: { documentId } };
    expect(JSON.parse((await test.app.inject({ method: 'POST', url: '/api/commands', headers: { authorization: `Bearer ${clerk}` }, payload: numbering })).body)).toMatchObject({ state: 'applied' });
    expect(await sign(clerk, leaderSigned, sealed)).toMatchObject({ state: 'applied', result: { version: 3 } });
    expect((await current()).versions.map((v) => v.step)).toEqual(['original', 'leader', 'agency']);
  });

  it('refuses a stale base with the reason, and the desk re-bases on the current revision', async () => {
    const { leader, clerk, base, upload, sign, current, test } = await scene();
    const first = await signed(base, pki().leader);
    const second = await signed(base, pki().agency);
    await upload(leader, first);
    await upload(clerk, second);
    // Two desks signed the same revision; both commands race on two instances: one is taken.
    const other = await test.anotherInstance();
    const outcomes = await Promise.all([sign(leader, base, first), sign(clerk, base, second, other)]);
    expect(outcomes.map((o) => o.state).sort()).toEqual(['applied', 'refused']);
    const loser = outcomes.find((o) => o.state === 'refused')!;
    expect(loser).toMatchObject({ reason: 'stale', message: expect.stringContaining('sign it again') });
    const winner = outcomes[0]!.state === 'applied' ? first : second;
    expect((await current()).sha256).toBe(sha256(winner));
    expect((await current()).versions).toHaveLength(2);

    // Re-based: signed over the current revision, it is taken.
    const rebased = await signed(winner, pki().leader);
    await upload(leader, rebased);
    expect(await sign(leader, winner, rebased)).toMatchObject({ state: 'applied', result: { version: 3 } });
  });

  it('refuses what is not an incremental update of the base, a signature over bytes changed after signing, an update that does not end with its signature, a missing upload and a specialist', async () => {
    const { leader, specialist, base, upload, sign, current } = await scene();
    const refusal = async (revision: Uint8Array, token = leader) => {
      const outcome = await sign(token, base, revision);
      expect(outcome.state).toBe('refused');
      return outcome as Extract<CommandOutcome, { state: 'refused' }>;
    };

    // Signed, but over another file: not the base with bytes added.
    const elsewhere = await signed(draftPdf('Mot van ban khac'), pki().leader);
    await upload(leader, elsewhere);
    expect(await refusal(elsewhere)).toMatchObject({ reason: 'invalid', message: expect.stringContaining('keep every byte') });

    // The base's bytes, then a signature whose signed bytes were changed afterwards.
    const good = await signed(base, pki().leader);
    const tampered = Buffer.from(good);
    // /Reason (Approve), written in hex: after /Contents, inside the second signed byte range.
    const at = tampered.indexOf('/Reason <417070726f7665>', base.length, 'latin1');
    expect(at).toBeGreaterThan(base.length);
    tampered.write('/Reason <427070726f7665>', at, 'latin1');
    await upload(leader, tampered);
    expect(await refusal(tampered)).toMatchObject({ reason: 'invalid', message: expect.stringContaining('does not match the file') });

    // Bytes appended after the signature: the update does not end with it.
    const trailing = Buffer.concat([good, Buffer.from('\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 'latin1')]);
    await upload(leader, trailing);
    expect(await refusal(trailing)).toMatchObject({ reason: 'invalid', message: expect.stringContaining('does not end with a signature') });

    // Not uploaded first.
    const notUploaded = await signed(base, pki().agency);
    expect(await refusal(notUploaded)).toMatchObject({ reason: 'invalid', message: expect.stringContaining('upload it first') });

    // A specialist does not sign (this one is not even given the document: to him it does not exist).
    await upload(specialist, good);
    expect(await refusal(good, specialist)).toMatchObject({ reason: 'not_found' });

    expect(await current()).toMatchObject({ sha256: sha256(base), versions: [{ version: 1 }] });
    expect(await sign(leader, base, good)).toMatchObject({ state: 'applied' });
  });

  it("refuses a signature whose certificate leads to no authority the hub trusts", async () => {
    const { leader, base, upload, sign, current } = await scene([]);
    const revision = await signed(base, pki().leader);
    await upload(leader, revision);
    expect(await sign(leader, base, revision)).toMatchObject({ state: 'refused', reason: 'invalid', message: expect.stringContaining('trusts') });
    expect((await current()).sha256).toBe(sha256(base));
  });

  it('PUT /api/blobs keeps a file only when its bytes hash to its address, and only for a signed-in desk', async () => {
    const { test, leader, upload } = await scene();
    const bytes = Buffer.from('%PDF-1.7 not really');
    const wrong = await upload(leader, bytes, sha256(Buffer.from('something else')));
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_input' } });
    expect(await test.blobs.has(sha256(Buffer.from('something else')))).toBe(false);
    expect(await test.blobs.has(sha256(bytes))).toBe(false);
    expect((await upload(leader, bytes, 'not-a-hash')).status).toBe(400);
    expect((await upload('no-session', bytes)).status).toBe(401);
    expect(await upload(leader, bytes)).toEqual({ status: 200, body: { sha256: sha256(bytes), size: bytes.length } });
    expect(Buffer.from(await test.blobs.read(sha256(bytes)))).toEqual(bytes);
    // Larger than the JSON routes' body limit: streamed, not refused.
    const large = Buffer.alloc(3 * 1024 * 1024, 7);
    expect(await upload(leader, large)).toEqual({ status: 200, body: { sha256: sha256(large), size: large.length } });
  });
});
