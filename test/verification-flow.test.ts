/**
 * Verification of what arrives, end to end: agency A signs a document with the
 * SoftHSM2 test tokens through the signing flow and sends it; B receives it, verifies it in the
 * background and stores the verdict. The test CA's certificates name a CRL distribution point
 * served here on loopback, so revocation is really checked (and really not known when the
 * server has no CRL to give).
 */
import Database from 'better-sqlite3';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentVerification } from '../shared/api/verification.js';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import { FileSecretStore } from '../electron/core/config/secret-store.js';
import type { CoreHost } from '../electron/core/service/core-host.js';
import { CoreService } from '../electron/core/service/core-service.js';
import { NO_POLICY } from '../electron/core/policy/load-policy.js';
import { startAgency, UNSIGNED_SENDING, type TestAgency } from './agency-harness.js';
import { startCrlServer, type CrlServer } from './pdf-corpus/crl-server.js';
import { makeTestTokens, testCertificate, type Manifest } from './tokens.js';
import { SAMPLE_PDF_BOXES } from './decree30-pdf.js';

let axis: TemporaryAxis;
let A: TestAgency;
let B: TestAgency;
let manifest: Manifest;
let pdf: Uint8Array<ArrayBuffer>;
let crl: CrlServer;
let crlBytes: Uint8Array;

beforeAll(async () => {
  crl = await startCrlServer();
  manifest = await makeTestTokens({ crlUrl: crl.url });
  crlBytes = new Uint8Array(await readFile(manifest.crl));
  crl.crl = crlBytes;
  axis = await startTemporaryAxis();
  // A is UBND tỉnh Nghệ An, the O= of the test agency certificate; B (Sở Nội vụ) signing with
  // the same token is the sender mismatch.
  // A also sends one unsigned document, as IT's AllowUnsignedSending policy allows.
  A = await startAgency(axis.server.url, axis.agencies[0]!, { signerEnv: { SOFTHSM2_CONF: manifest.conf }, policy: UNSIGNED_SENDING });
  B = await startAgency(axis.server.url, axis.agencies[1]!, { signerEnv: { SOFTHSM2_CONF: manifest.conf } });
  pdf = new Uint8Array(await readFile(new URL('../assets/sample.pdf', import.meta.url)));
}, 60_000);

afterAll(async () => {
  await A?.close();
  await B?.close();
  await axis?.dispose();
  await crl?.close();
});

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: { body: { code: string } }) => error.body);

/** Drafts a document with a main PDF and a PDF appendix, and signs it through the whole signing flow. */
async function issueSigned(agency: TestAgency, subject: string): Promise<number> {
  await agency.call('signing.setModule', { module: manifest.module });
  const tokens = await agency.call('signing.listTokens', {});
  const slotOf = (label: string) => tokens.find((token) => token.label === label)!.slot;
  const draft = await agency.call('drafts.create', { subject, summary: '' });
  await agency.call('drafts.update', { id: draft.id, fields: { codeNotation: 'QĐ-UBND', typeName: 'Quyết định', signerFullName: 'Nguyễn Văn An', place: 'Nghệ An' } });
  await agency.call('attachments.add', { documentId: draft.id, name: 'quyet-dinh.pdf', contentType: 'application/pdf', bytes: pdf });
  await agency.call('attachments.add', { documentId: draft.id, name: 'phu-luc.pdf', contentType: 'application/pdf', bytes: pdf });
  await agency.call('documents.submitForSigning', { id: draft.id, placement: SAMPLE_PDF_BOXES });
  const leader = testCertificate(manifest, 'leader');
  const agencyCertificate = testCertificate(manifest, 'agency');
  await agency.call('documents.signAsLeader', { id: draft.id, slot: slotOf('LEADER'), certificateId: leader.id, pin: leader.token.userPin });
  await agency.call('documents.numberAndSignAsAgency', { id: draft.id, slot: slotOf('AGENCY'), certificateId: agencyCertificate.id, pin: agencyCertificate.token.userPin });
  return draft.id;
}

/** Sends `id` from `from` to `to` and returns the id of the copy `to` received. */
async function deliver(from: TestAgency, to: TestAgency, id: number, subject: string): Promise<number> {
  await from.call('documents.send', { id, recipients: [to.code] });
  await from.sync();
  await to.sync();
  const { rows } = await to.call('documents.list', { box: 'inbox', limit: 100, offset: 0 });
  return rows.find((row) => row.subject === subject)!.id;
}

/** The background verification of an arrival, once it is stored. */
async function storedVerification(agency: TestAgency, id: number): Promise<DocumentVerification> {
  const started = Date.now();
  for (;;) {
    const verification = await agency.call('documents.verification', { id });
    if (verification) return verification;
    if (Date.now() - started > 20_000) throw new Error(`document ${id} was not verified in the background`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function auditActions(agency: TestAgency, action: string): { subject: string | null; details: string }[] {
  const db = new Database(agency.core.databaseFile, { readonly: true });
  try {
    return db.prepare('SELECT subject, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { subject: string | null; details: string }[];
  } finally {
    db.close();
  }
}

describe('verification of incoming documents', () => {
  it('verifies at arrival (no trust anchor: NO_CERTIFICATE_CHAIN_FOUND), again after the test CA is anchored (TOTAL_PASSED), and says TRY_LATER when the CRL is unreachable', async () => {
    const subject = 'Quyết định được ký số';
    const received = await deliver(A, B, await issueSigned(A, subject), subject);

    const arrival = await storedVerification(B, received);
    expect(arrival).toMatchObject({ documentId: received, indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(arrival.sender).toEqual({ expectedName: 'UBND tỉnh Nghệ An', expectedCode: A.code, signedBy: 'UBND tỉnh Nghệ An', matches: true });
    expect(arrival.files.map((file) => [file.name, file.signatures.length])).toEqual([
      ['quyet-dinh.pdf', 2],
      ['phu-luc.pdf', 1],
    ]);
    const [leaderSignature, agencySignature] = arrival.files[0]!.signatures;
    expect(leaderSignature!.signer).toMatchObject({ commonName: 'Nguyễn Văn An', organization: 'UBND tỉnh Nghệ An' });
    expect(leaderSignature!.checks).toMatchObject({ integrity: true, cryptographic: true, chainTrusted: false });
    expect(leaderSignature!.coversWholeDocument).toBe(false);
    expect(agencySignature!.coversWholeDocument).toBe(true);
    // The inbox row carries the verdict; the UI is told to refresh (the verifier's changes are
    // told together, within a short window: change-batcher.ts).
    const listed = (await B.call('documents.list', { box: 'inbox', limit: 100, offset: 0 })).rows.find((row) => row.id === received)!;
    expect(listed.verification).toEqual({ indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    await expect.poll(() => B.events.some((event) => event.type === 'documents.changed' && event.ids.includes(received)), { timeout: 5_000 }).toBe(true);
    expect(auditActions(B, 'document.verified').map((row) => row.subject)).toContain(`document:${received}`);

    // IT staff add the test CA as a trust anchor.
    expect(await failureOf(B.call('trustAnchors.add', { bytes: pdf.subarray(0, 4000) }))).toMatchObject({ code: 'invalid_input' });
    const added = await B.call('trustAnchors.add', { bytes: new Uint8Array(await readFile(manifest.caCertificate)) });
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ commonName: 'VanThu Test CA', subject: expect.stringContaining('O=Ban Cơ yếu Chính phủ (thử nghiệm)') });
    expect(await failureOf(B.call('trustAnchors.add', { bytes: new Uint8Array(await readFile(manifest.caCertificate)) }))).toMatchObject({ code: 'conflict' });
    expect((await B.call('trustAnchors.list', {})).anchors.map((anchor) => anchor.sha256)).toEqual([added[0]!.sha256]);

    // Adding the anchor verified again, in the background, what had no trusted chain.
    const started = Date.now();
    while ((await B.call('documents.verification', { id: received }))?.indication !== 'TOTAL_PASSED') {
      if (Date.now() - started > 20_000) throw new Error('adding the trust anchor did not verify the document again');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const trusted = await B.call('documents.verify', { id: received });
    expect(trusted).toMatchObject({ indication: 'TOTAL_PASSED', subIndication: null });
    expect(trusted.files.every((file) => file.indication === 'TOTAL_PASSED')).toBe(true);
    expect(trusted.files[0]!.signatures[0]!.checks).toMatchObject({ chainTrusted: true, validAtSigningTime: true, keyUsage: true, revocation: 'good' });
    expect(await B.call('documents.verification', { id: received })).toEqual(trusted);

    // The CRL distribution point has no CRL (HTTP 404): never a silent pass.
    crl.crl = new Uint8Array();
    try {
      expect(await B.call('documents.verify', { id: received })).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    } finally {
      crl.crl = crlBytes;
    }
    expect((await B.call('documents.list', { box: 'inbox', limit: 100, offset: 0 })).rows.find((row) => row.id === received)!.verification).toEqual({
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
    });

    const removed = await B.call('trustAnchors.remove', { sha256: added[0]!.sha256 });
    expect(removed.anchors).toEqual([]);
    expect(await failureOf(B.call('trustAnchors.remove', { sha256: added[0]!.sha256 }))).toMatchObject({ code: 'not_found' });
    expect(auditActions(B, 'trustAnchor.add')).toHaveLength(1);
    expect(auditActions(B, 'trustAnchor.remove')).toHaveLength(1);
  }, 120_000);

  it('flags a sender whose agency signature names another agency: INDETERMINATE / SIG_CONSTRAINTS_FAILURE', async () => {
    // The test CA dropped into the folder by hand, as IT staff install the national roots.
    const anchors = path.join(A.dataDir, 'trust-anchors');
    await mkdir(anchors, { recursive: true });
    await copyFile(manifest.caCertificate, path.join(anchors, 'test-ca.pem'));
    expect((await A.call('trustAnchors.list', {})).anchors.map((anchor) => anchor.file)).toEqual(['test-ca.pem']);

    const subject = 'Công văn ký bằng chứng thư của cơ quan khác';
    const received = await deliver(B, A, await issueSigned(B, subject), subject);
    const verification = await storedVerification(A, received);
    expect(verification).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIG_CONSTRAINTS_FAILURE' });
    expect(verification.sender).toEqual({ expectedName: 'Sở Nội vụ tỉnh Nghệ An', expectedCode: B.code, signedBy: 'UBND tỉnh Nghệ An', matches: false });
    // Each signature by itself is fine: the mismatch is the policy's verdict, not the files'.
    expect(verification.files.map((file) => file.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
  }, 120_000);

  it('marks a document without signatures UNSIGNED, and verifies incoming documents only', async () => {
    const subject = 'Giấy mời chưa ký số';
    const draft = await A.call('drafts.create', { subject, summary: '' });
    await A.call('drafts.update', { id: draft.id, fields: { codeNotation: 'GM-UBND', typeName: 'Giấy mời', signerFullName: 'Nguyễn Văn An' } });
    await A.call('attachments.add', { documentId: draft.id, name: 'giay-moi.pdf', contentType: 'application/pdf', bytes: pdf });
    const received = await deliver(A, B, draft.id, subject);
    expect(await storedVerification(B, received)).toMatchObject({ indication: 'UNSIGNED', subIndication: null, sender: { signedBy: null, matches: null } });
    expect(await failureOf(A.call('documents.verify', { id: draft.id }))).toMatchObject({ code: 'conflict' });
    expect(await failureOf(A.call('documents.verification', { id: 999_999 }))).toMatchObject({ code: 'not_found' });
  }, 60_000);

  it('verifies at start what arrived unverified (the core was not running, or the data predates verification)', async () => {
    const { rows } = await B.call('documents.list', { box: 'inbox', limit: 100, offset: 0 });
    expect(rows.map((row) => row.verification?.indication)).toEqual(['UNSIGNED', 'INDETERMINATE']);
    const db = new Database(B.core.databaseFile);
    db.prepare('DELETE FROM document_verifications').run();
    db.close();
    const host: CoreHost = {
      shell: 'browser',
      secrets: new FileSecretStore(path.join(B.dataDir, 'secrets.json')),
      configureSync: () => {},
      sendToSync: () => {},
      startDemoAxis: () => Promise.reject(new Error('no demo axis')),
      stopDemoAxis: () => Promise.resolve(),
      spawnSigner: () => {
        throw new Error('no signer');
      },
    };
    const restarted = await CoreService.open({ dataDir: B.dataDir, version: 'test', host, policy: NO_POLICY });
    try {
      const started = Date.now();
      const verdicts = async () => {
        const reply = await restarted.call('documents.list', { box: 'inbox', limit: 100, offset: 0 });
        return reply.ok ? (reply.result as { rows: { verification: unknown }[] }).rows.map((row) => row.verification) : [];
      };
      while ((await verdicts()).some((verdict) => verdict === null)) {
        if (Date.now() - started > 20_000) throw new Error('the restarted core did not verify the unverified arrivals');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await verdicts()).map((verdict) => (verdict as { indication: string }).indication)).toEqual(['UNSIGNED', 'INDETERMINATE']);
    } finally {
      await restarted.close();
    }
  }, 60_000);
});
