/**
 * Recovery end to end: the app opened on a data folder whose database is damaged shows the
 * recovery screen (not a crash loop), restores the backup chosen there, and carries on to the inbox
 * with the backed-up draft back.
 */
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, startApp, type RunningApp } from './app-under-test.js';

const SUBJECT = 'V/v kiểm tra khôi phục dữ liệu từ bản sao lưu';
let dataDir: string;
let app: RunningApp | null = null;

test.beforeAll(async () => {
  dataDir = await makeDataDir();
});
test.afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('a damaged database → recovery screen → restore the backup → the inbox, with the draft back', async ({ page }) => {
  app = await startApp(dataDir);
  await app.call('setup.useDemo', {});
  await app.call('drafts.create', { subject: SUBJECT, summary: '' });
  await app.call('backup.now', {});
  for (let i = 0; i < 100; i++) await app.call('drafts.create', { subject: `Sau sao lưu ${i}`, summary: 'x'.repeat(400) });
  expect(await app.stop()).toBe(0);

  // Garbage over every page after the first two, as a failing disk would leave them.
  const file = await open(path.join(dataDir, 'vanthu.sqlite'), 'r+');
  const { size } = await file.stat();
  await file.write(randomBytes(size - 8192), 0, size - 8192, 8192);
  await file.close();

  app = await startApp(dataDir);
  page = await app.open(page);
  await expect(page.getByRole('heading', { name: 'Khôi phục dữ liệu' })).toBeVisible();
  await expect(page.getByText('Cơ sở dữ liệu của VanThu bị hỏng')).toBeVisible();
  await expect(page.getByText('Chỉ những văn bản đến mà trục còn lưu mới được tải lại')).toBeVisible();
  await expect(page.getByText(/1 văn bản, 0 tệp/)).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lưu báo cáo' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^vanthu-diagnostics-\d{8}-\d{4}\.txt$/);
  expect(await readFile((await download.path())!, 'utf8')).toMatch(/\nDatabase: cannot be used \(damaged\): /);
  await page.getByRole('button', { name: 'Khôi phục bản này' }).click();

  const nav = page.getByRole('navigation', { name: 'Chức năng chính' });
  await expect(nav.getByRole('link', { name: 'Văn bản đến', exact: true })).toBeVisible({ timeout: 30_000 });
  await nav.getByRole('link', { name: 'Văn bản đến', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Văn bản đến' }).getByRole('heading', { name: 'Văn bản đến' })).toBeVisible();
  await nav.getByRole('link', { name: 'Dự thảo', exact: true }).click();
  await expect(page.getByRole('link', { name: SUBJECT })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sau sao lưu 0' })).toHaveCount(0);
});
