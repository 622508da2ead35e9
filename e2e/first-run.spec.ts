/**
 * The first run end to end, in browser mode: first run → demo → the demo axis's agencies are
 * listed (pulled by the sync process) → a draft with a PDF → the app restarted on the same data
 * folder → the draft and its attachment are still there, byte-identical.
 */
import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, ROOT, startApp, type RunningApp } from './app-under-test.js';

const SAMPLE_PDF = path.join(ROOT, 'assets', 'sample.pdf');
const SUBJECT = 'V/v triển khai gửi nhận văn bản điện tử qua Trục liên thông';

let dataDir: string;
let app: RunningApp | null = null;

test.beforeAll(async () => {
  dataDir = await makeDataDir();
});
test.afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('first run → demo → agencies → draft with PDF → restart → still there, byte-identical', async ({ page }) => {
  const pdf = await readFile(SAMPLE_PDF);
  const pdfSha = createHash('sha256').update(pdf).digest('hex');

  app = await startApp(dataDir);
  page = await app.open(page);
  await page.getByRole('button', { name: 'Dùng thử (demo)' }).click();

  let nav = page.getByRole('navigation', { name: 'Chức năng chính' });
  await nav.getByRole('link', { name: 'Danh bạ cơ quan' }).click();
  await expect(page.getByText('3 cơ quan')).toBeVisible({ timeout: 30_000 }).catch(async (error: Error) => {
    throw new Error(`${error.message}\n${await whyNoAgencies(app!, dataDir, page)}`);
  });
  const agencyRows = page.getByRole('table').getByRole('row');
  await expect(agencyRows).toHaveCount(4); // header + the three demo agencies
  await page.getByRole('searchbox', { name: 'Tìm kiếm cơ quan' }).fill('uy ban');
  await expect(agencyRows).not.toHaveCount(4);

  await nav.getByRole('link', { name: 'Dự thảo', exact: true }).click();
  await page.getByLabel('Trích yếu').fill(SUBJECT);
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  await expect(page.getByRole('heading', { name: SUBJECT })).toBeVisible();
  await page.getByLabel('Thêm tệp PDF').setInputFiles(SAMPLE_PDF);
  let attachments = page.getByRole('table', { name: 'Danh sách tệp đính kèm' });
  await expect(attachments.getByText('sample.pdf')).toBeVisible();
  // The checksum stays out of the clerk's way: the file name's tooltip.
  await expect(attachments.getByRole('cell', { name: 'sample.pdf', exact: true })).toHaveAttribute('title', `Mã kiểm tra (SHA-256): ${pdfSha.slice(0, 12)}…`);

  expect(await app.stop()).toBe(0);
  app = await startApp(dataDir);
  // A new window under Electron: the locators again, on it.
  page = await app.open(page);
  nav = page.getByRole('navigation', { name: 'Chức năng chính' });
  attachments = page.getByRole('table', { name: 'Danh sách tệp đính kèm' });

  await nav.getByRole('link', { name: 'Dự thảo', exact: true }).click();
  await page.getByRole('link', { name: SUBJECT }).click();
  await expect(attachments.getByText('sample.pdf')).toBeVisible();
  await expect(attachments.getByRole('cell', { name: 'sample.pdf', exact: true })).toHaveAttribute('title', `Mã kiểm tra (SHA-256): ${pdfSha.slice(0, 12)}…`);

  // Through the app's own transport (HTTP in browser mode, the preload bridge in Electron).
  const detail = await app.call<{ attachments: { id: number; sha256: string }[] }>('documents.get', { id: Number(/#\/drafts\/(\d+)/.exec(page.url())?.[1]) });
  const attachment = detail.attachments[0]!;
  const link = await app.call<{ url: string }>('attachments.open', { attachmentId: attachment.id, purpose: 'save' });
  const bytes = await app.fetchFile(link.url);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(pdfSha);
  expect(bytes.equals(pdf)).toBe(true);

  await page.screenshot({ path: test.info().outputPath('draft-after-restart.png'), fullPage: true });
});

/**
 * What the screen and the app knew when the demo directory did not show: its sync status, what the list call
 * answers now, and the end of its logs. Printed with the failure, as CI keeps no data folder.
 */
async function whyNoAgencies(running: RunningApp, folder: string, shown: Page): Promise<string> {
  const parts: string[] = [];
  parts.push(`on screen: ${await shown.locator('main').innerText({ timeout: 2_000 }).catch(() => '(unreadable)')}`);
  const ask = async (label: string, read: () => Promise<unknown>) => {
    try {
      parts.push(`${label}: ${JSON.stringify(await read())}`);
    } catch (error) {
      parts.push(`${label} failed: ${String(error)}`);
    }
  };
  await ask('sync.getStatus', () => running.call('sync.getStatus', {}));
  await ask('agencies.search', async () => (await running.call<{ total: number }>('agencies.search', { query: '', limit: 5, offset: 0 })).total);
  const logs = path.join(folder, 'logs');
  for (const name of await readdir(logs).catch(() => [])) {
    const text = await readFile(path.join(logs, name), 'utf8').catch(() => '');
    parts.push(`--- ${name} (end)\n${text.split('\n').slice(-40).join('\n')}`);
  }
  parts.push(`--- app output (end)\n${running.output().split('\n').slice(-40).join('\n')}`);
  return parts.join('\n');
}
