/**
 * Issue 4 in the UI, browser mode, real SoftHSM2 tokens through the host's signer process:
 * a draft is submitted ("Trình ký"), the leader signs with the PIN typed in the app (a wrong PIN
 * first), the clerk numbers it and signs for the agency. The page is kept as a screenshot.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, ROOT, startApp, type RunningApp } from './app-harness.js';
import { makeTestTokens, testCertificate } from '../test/tokens.js';

let app: RunningApp;
let dataDir: string;

test.afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('draft → Trình ký → Ký duyệt with the PIN → Cấp số và ký số', async ({ page }) => {
  const manifest = await makeTestTokens();
  dataDir = await makeDataDir();
  app = await startApp(dataDir, { SOFTHSM2_CONF: manifest.conf, VANTHU_PKCS11_MODULE: manifest.module });
  const token = new URL(app.launchUrl).searchParams.get('token')!;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const response = await fetch(`${app.origin}/api/call/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input, (_key, value: unknown) => (value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString('base64') } : value)),
    });
    const body = (await response.json()) as { ok: boolean; result: T; error?: unknown };
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.result;
  };
  await call('setup.useDemo', {});
  const subject = 'Quyết định ban hành quy chế làm việc';
  const draft = await call<{ id: number }>('drafts.create', { subject, summary: '' });
  await call('drafts.update', { id: draft.id, fields: { codeNotation: 'QĐ-UBND', typeName: 'Quyết định', signerFullName: 'Nguyễn Văn An', place: 'Nghệ An' } });
  await call('attachments.add', { documentId: draft.id, name: 'Quyết định.pdf', contentType: 'application/pdf', bytes: new Uint8Array(await readFile(path.join(ROOT, 'assets', 'sample.pdf'))) });
  const tokens = await call<{ slot: string; label: string; certificates: { id: string }[] }[]>('signing.listTokens', {});
  const slotOf = (label: string) => tokens.find((t) => t.label === label)!.slot;
  const leader = testCertificate(manifest, 'leader');
  const agency = testCertificate(manifest, 'agency');

  await page.goto(app.launchUrl);
  await page.goto(`${app.origin}/#/drafts/${draft.id}`);
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await page.getByRole('button', { name: 'Trình ký' }).click();

  const leaderForm = page.getByRole('form', { name: 'Ký duyệt' });
  await expect(leaderForm).toBeVisible();
  await leaderForm.getByLabel('Chứng thư số').selectOption(`${slotOf('LEADER')}:${leader.id}`);
  const leaderPin = leaderForm.getByLabel('Mã PIN của Nguyễn Văn An');
  await expect(leaderPin).toHaveAttribute('type', 'password');
  await expect(leaderPin).toHaveAttribute('autocomplete', 'off');
  await leaderPin.fill('0000');
  await leaderForm.getByRole('button', { name: 'Ký duyệt' }).click();
  await expect(leaderForm.getByText(/Mã PIN không đúng/)).toBeVisible();
  await expect(leaderPin).toHaveValue('');
  await leaderPin.fill(leader.token.userPin);
  await leaderForm.getByRole('button', { name: 'Ký duyệt' }).click();

  const agencyForm = page.getByRole('form', { name: 'Cấp số và ký số cơ quan' });
  await expect(agencyForm).toBeVisible();
  await agencyForm.getByLabel('Chứng thư số').selectOption(`${slotOf('AGENCY')}:${agency.id}`);
  await agencyForm.getByLabel(/^Mã PIN của /).fill(agency.token.userPin);
  await agencyForm.getByRole('button', { name: 'Cấp số và ký số' }).click();
  await expect(page.getByText('Văn bản đã được ký số và cấp số; có thể gửi.')).toBeVisible();
  await expect(page.getByLabel('Số', { exact: true })).toHaveValue('01');

  const detail = await call<{ attachments: { id: number }[] }>('documents.get', { id: draft.id });
  const read = await call<{ bytes: { $bytes: string } }>('attachments.read', { attachmentId: detail.attachments[0]!.id });
  const signedFile = test.info().outputPath('signed.pdf');
  await writeFile(signedFile, Buffer.from(read.bytes.$bytes, 'base64'));
  let report: string;
  try {
    report = execFileSync('pdfsig', [signedFile], { encoding: 'utf8' });
  } catch (error) {
    report = String((error as { stdout?: string }).stdout ?? '');
  }
  expect(report.match(/Signature is Valid/g)).toHaveLength(2);
  expect(report).toContain('Total document signed');
  await page.screenshot({ path: test.info().outputPath('signed.png'), fullPage: true });
});
