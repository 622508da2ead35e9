/**
 * The core's answer to main's updater ("may the downloaded update install now?") on a real
 * agency: its store, the built signer process and SoftHSM2 tokens. A send the sync process has
 * under way and a signature from token login to stored PDF both hold the install back.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminPolicy } from '../shared/api/policy.js';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import { DATABASE_FILE } from '../electron/core/config/data-dir.js';
import { openDatabase, type Db } from '../electron/core/store/database.js';
import { enqueueOutbox, setOutboxState } from '../electron/core/store/outbox.js';
import { startAgency, type TestAgency } from './agency-harness.js';
import { makeTestTokens, testCertificate, type Manifest } from './tokens.js';
import { SAMPLE_PDF_BOXES } from './decree30-pdf.js';

const policy: AdminPolicy = { updateUrl: { value: 'https://intranet.example.vn/vanthu/updates', source: 'HKLM' } };
const at = '2026-11-30T08:00:00.000Z';
let axis: TemporaryAxis;
let A: TestAgency;
let manifest: Manifest;
/** A second connection to A's database, as the sync process has. */
let syncDb: Db;

beforeAll(async () => {
  manifest = await makeTestTokens();
  axis = await startTemporaryAxis();
  A = await startAgency(axis.server.url, axis.agencies[0]!, { signerEnv: { SOFTHSM2_CONF: manifest.conf } });
  syncDb = openDatabase(path.join(A.dataDir, DATABASE_FILE), { migrate: false });
}, 60_000);

afterAll(async () => {
  syncDb?.close();
  await A?.close();
  await axis?.dispose();
});

/** Settles to 'pending' when `promise` has not settled after `ms` (longer than the guard's 1 s poll). */
const stillPending = (promise: Promise<unknown>, ms = 1500) => Promise.race([promise.then(() => 'settled'), new Promise((resolve) => setTimeout(() => resolve('pending'), ms))]);

describe('may the downloaded update install?', () => {
  it('yes at once when nothing is sent or signed; never without the update URL policy', async () => {
    expect(await A.core.whenUpdateAllowed(policy)).toEqual({ install: true });
    expect(await A.core.whenUpdateAllowed({})).toEqual({ install: false, reason: 'no_update_url' });
  });

  it('not while the sync process has an outbox row in sending; yes once it is sent', async () => {
    const id = enqueueOutbox(syncDb, { documentId: null, messageType: 'status', packageSha256: '0'.repeat(64), recipients: ['000.00.00.H99'], purpose: 'test' }, at);
    setOutboxState(syncDb, id, { state: 'sending' }, at);
    const allowed = A.core.whenUpdateAllowed(policy);
    expect(await stillPending(allowed)).toBe('pending');
    setOutboxState(syncDb, id, { state: 'sent' }, at);
    expect(await allowed).toEqual({ install: true });
  });

  it('not while a leader signs: only once the signed PDF is stored', async () => {
    await A.call('signing.setModule', { module: manifest.module });
    const token = (await A.call('signing.listTokens', {})).find((candidate) => candidate.label === 'LEADER')!;
    const leader = testCertificate(manifest, 'leader');
    const draft = await A.call('drafts.create', { subject: 'Quyết định về cập nhật', summary: '' });
    await A.call('drafts.update', { id: draft.id, fields: { codeNumber: '', codeNotation: 'QĐ-UBND', typeName: 'Quyết định', signerFullName: 'Nguyễn Văn An', place: 'Hà Nội' } });
    await A.call('attachments.add', { documentId: draft.id, name: 'qd.pdf', contentType: 'application/pdf', bytes: new Uint8Array(await readFile(new URL('../assets/sample.pdf', import.meta.url))) });
    await A.call('documents.submitForSigning', { id: draft.id, placement: SAMPLE_PDF_BOXES });
    const signingState = () => (syncDb.prepare('SELECT signing_state FROM documents WHERE id = ?').get(draft.id) as { signing_state: string }).signing_state;

    const signed = A.call('documents.signAsLeader', { id: draft.id, slot: token.slot, certificateId: leader.id, pin: leader.token.userPin });
    expect(signingState()).toBe('awaiting_leader');
    const stateWhenAllowed = A.core.whenUpdateAllowed(policy).then((decision) => ({ decision, signingState: signingState() }));
    expect(await stateWhenAllowed).toEqual({ decision: { install: true }, signingState: 'leader_signed' });
    expect((await signed).signingState).toBe('leader_signed');
  });
});
