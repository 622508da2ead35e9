/**
 * The diagnostics page, on the demo, in both modes: reached from the navigation, it shows
 * the versions, the axis connection test passes against the embedded demo axis, the token test of
 * Settings lists the SoftHSM2 tokens, and "Lưu báo cáo" downloads the helpdesk report with its
 * expected name and content, which never holds the launch token; nor does the log file.
 */
import { expect, test } from '@playwright/test';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, skipWithoutElectron, startApp, type RunningApp } from './app-under-test.js';
import { makeTestTokens } from '../test/tokens.js';

let app: RunningApp;
let dataDir: string;

test.afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('Chẩn đoán: versions, axis test, token test, saved report', async ({ page }) => {
  skipWithoutElectron();
  const manifest = await makeTestTokens();
  dataDir = await makeDataDir();
  app = await startApp(dataDir, { SOFTHSM2_CONF: manifest.conf, VANTHU_PKCS11_MODULE: manifest.module });
  await app.call('setup.useDemo', {});
  const { version } = JSON.parse(await readFile(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };

  page = await app.open(page);
  const electron = test.info().project.name === 'electron';
  await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Chẩn đoán' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chẩn đoán' })).toBeVisible();
  const versions = page.getByRole('region', { name: 'Phiên bản và dữ liệu' });
  await expect(versions.getByRole('definition').first()).toHaveText(version);
  await expect(versions.getByText(dataDir, { exact: true })).toBeVisible();
  if (electron) {
    await expect(versions.getByText('Không dùng (chế độ trình duyệt)')).toHaveCount(0);
  } else {
    // The host runs on the Node that runs this test (app-harness: process.execPath).
    await expect(versions.getByText(process.versions.node, { exact: true })).toBeVisible();
    await expect(versions.getByText('Không dùng (chế độ trình duyệt)').first()).toBeVisible();
  }

  await page.getByRole('button', { name: 'Kiểm tra kết nối trục' }).click();
  await expect(page.getByText(/^Kết nối tốt tới http:\/\/127\.0\.0\.1:\d+ \(\d+ ms\)\.$/)).toBeVisible();

  await page.getByRole('button', { name: 'Kiểm tra thiết bị ký số' }).click();
  await expect(page.getByText('Đọc được 2 thiết bị ký số.')).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lưu báo cáo' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^vanthu-diagnostics-\d{8}-\d{4}\.txt$/);
  const report = await readFile((await download.path())!, 'utf8');
  expect(report).toMatch(/^VanThu diagnostics report\n/);
  expect(report).toContain(`VanThu: ${version}\n`);
  expect(report).toMatch(/Result: ok in \d+ ms/);
  expect(report).toMatch(/Slot \S+: .*certificate/);
  // Browser mode's access secrets (the desktop app has none) are in neither the report nor the log.
  const log = await readFile(path.join(dataDir, 'logs', 'vanthu.log'), 'utf8').catch(() => '');
  for (const secret of await app.accessSecrets()) {
    expect(report).not.toContain(secret);
    expect(log).not.toContain(secret);
  }
});
