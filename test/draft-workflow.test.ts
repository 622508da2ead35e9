/**
 * The ways back for a submitted draft and the end of a draft, through the real core: the clerk
 * withdraws it before the leader signs, the leader returns it with a comment, a draft is deleted
 * and the audit log keeps what it was; a numbered one is kept (its number is in the register).
 */
import Database from 'better-sqlite3';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import { openDatabase } from '../electron/core/store/database.js';
import { startAgency, type TestAgency } from './agency-harness.js';

let axis: TemporaryAxis;
let A: TestAgency;
let pdf: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  axis = await startTemporaryAxis();
  A = await startAgency(axis.server.url, axis.agencies[0]!);
  pdf = new Uint8Array(await readFile(new URL('../assets/sample.pdf', import.meta.url)));
});
afterAll(async () => {
  await A?.close();
  await axis?.dispose();
});

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: { body: { code: string; fields?: Record<string, string> } }) => error.body);

async function submittedDraft(subject: string) {
  const { id } = await A.call('drafts.create', { subject, summary: '' });
  await A.call('drafts.update', { id, fields: { codeNotation: 'TTr-UBND', typeName: 'Tờ trình', signerFullName: 'Nguyễn Văn An' } });
  const original = await A.call('attachments.add', { documentId: id, name: 'to-trinh.pdf', contentType: 'application/pdf', bytes: pdf });
  // The sample has no date line or signer's block: the clerk places the proposed boxes.
  const { boxes } = await A.call('documents.signingPlacement', { id });
  const submitted = await A.call('documents.submitForSigning', { id, placement: { date: boxes.date.box, leader: boxes.leader.box } });
  expect(submitted.attachments[0]!.sha256).not.toBe(original.sha256);
  return { id, original };
}

function audit(action: string): Record<string, unknown>[] {
  const db = new Database(A.core.databaseFile, { readonly: true });
  try {
    return (db.prepare('SELECT details FROM audit_log WHERE action = ? ORDER BY seq').pluck().all(action) as string[]).map((details) => JSON.parse(details) as Record<string, unknown>);
  } finally {
    db.close();
  }
}

describe('a submitted draft', () => {
  it('can be withdrawn by the clerk before the leader signs: editable again, its PDF as before Trình ký', async () => {
    const { id, original } = await submittedDraft('Tờ trình rút lại');
    expect(await failureOf(A.call('drafts.update', { id, fields: { subject: 'Sửa khi đang trình' } }))).toMatchObject({ code: 'conflict' });
    const back = await A.call('documents.withdrawSubmission', { id });
    expect(back).toMatchObject({ signingState: 'none', leaderComment: null });
    expect(back.attachments[0]!.sha256).toBe(original.sha256);
    expect((await A.call('drafts.update', { id, fields: { subject: 'Tờ trình đã sửa' } })).subject).toBe('Tờ trình đã sửa');
    expect(audit('document.sign.withdraw').at(-1)).toEqual({ restored: [original.sha256] });
    // Only while it waits for the leader.
    expect(await failureOf(A.call('documents.withdrawSubmission', { id }))).toMatchObject({ code: 'conflict', fields: { signing: 'awaiting_leader' } });
  });

  it('can be returned by the leader with a comment, which the drafter sees until it is submitted again', async () => {
    const { id, original } = await submittedDraft('Tờ trình lãnh đạo trả lại');
    expect(await failureOf(A.call('documents.returnForChanges', { id, comment: '  ' }))).toMatchObject({ code: 'invalid_input' });
    const returned = await A.call('documents.returnForChanges', { id, comment: 'Bổ sung số liệu quý III vào mục 2.' });
    expect(returned).toMatchObject({ signingState: 'none', leaderComment: 'Bổ sung số liệu quý III vào mục 2.' });
    expect(returned.attachments[0]!.sha256).toBe(original.sha256);
    expect(audit('document.sign.return').at(-1)).toMatchObject({ comment: 'Bổ sung số liệu quý III vào mục 2.' });
    const again = await A.call('documents.submitForSigning', { id });
    expect(again).toMatchObject({ signingState: 'awaiting_leader', leaderComment: null });
  });
});

describe('deleting a draft', () => {
  it('removes it with its files’ rows, and the audit log keeps what it was', async () => {
    const { id } = await A.call('drafts.create', { subject: 'Dự thảo viết nhầm', summary: '' });
    const attachment = await A.call('attachments.add', { documentId: id, name: 'nham.pdf', contentType: 'application/pdf', bytes: pdf });
    expect(await A.call('drafts.delete', { id })).toEqual({ id });
    expect(await failureOf(A.call('documents.get', { id }))).toMatchObject({ code: 'not_found' });
    expect(audit('draft.delete').at(-1)).toEqual({ subject: 'Dự thảo viết nhầm', signingState: 'none', attachments: [{ name: 'nham.pdf', sha256: attachment.sha256 }] });
    expect((await A.call('documents.list', { box: 'drafts', limit: 100, offset: 0 })).rows.some((row) => row.id === id)).toBe(false);
  });

  it('deletes a submitted draft, but keeps one numbered from the register', async () => {
    const { id } = await submittedDraft('Tờ trình xóa khi đang trình');
    await A.call('drafts.delete', { id });
    const numbered = await submittedDraft('Tờ trình đã cấp số');
    const db = openDatabase(A.core.databaseFile, { migrate: false });
    // As numberAndSignAsAgency leaves it when the agency signature then fails (the number is kept).
    db.prepare("UPDATE documents SET signing_state = 'numbered', code_number = '01' WHERE id = ?").run(numbered.id);
    db.close();
    expect(await failureOf(A.call('drafts.delete', { id: numbered.id }))).toMatchObject({ code: 'conflict', fields: { signing: 'numbered' } });
    expect((await A.call('documents.get', { id: numbered.id })).signingState).toBe('numbered');
  });
});
