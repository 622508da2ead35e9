/**
 * Search end to end, in browser mode, on a data dir filled by `npm run seed`: "/"
 * focuses the one search box, an accent-less query finds accented subjects, a filter narrows
 * them, the result list is virtualized, and the keyboard alone opens a result.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, ROOT, startApp, type RunningApp } from './app-under-test.js';

const SEED_CLI = path.join(ROOT, 'dist', 'tools', 'seed.cjs');

let dataDir: string;
let app: RunningApp | null = null;

test.beforeAll(async () => {
  dataDir = await makeDataDir();
  const seeded = spawnSync(process.execPath, [SEED_CLI, '--docs', '3000', '--data-dir', dataDir, '--seed', '3'], { encoding: 'utf8' });
  expect(seeded.status, seeded.stderr).toBe(0);
});
test.afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const countOf = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

test('accent-less search → filter → open a result with the keyboard', async ({ page }) => {
  app = await startApp(dataDir);
  page = await app.open(page);
  await page.getByRole('button', { name: 'Dùng thử (demo)' }).click();
  await expect(page.getByRole('navigation', { name: 'Chức năng chính' })).toBeVisible();

  const box = page.getByRole('searchbox', { name: 'Tìm văn bản' });
  await page.locator('body').press('/');
  await expect(box).toBeFocused();
  await box.pressSequentially('quyet dinh');

  const results = page.getByRole('listbox', { name: 'Kết quả tìm kiếm' });
  const options = results.getByRole('option');
  await expect(options.first()).toContainText('Quyết định về việc');
  const count = page.locator('.screen-count');
  await expect(count).toHaveText(/\d+ văn bản/);
  const all = countOf(await count.textContent());
  expect(all).toBeGreaterThan(100);
  // Virtualized: far fewer rows in the page than results.
  expect(await options.count()).toBeLessThan(60);

  await page.getByLabel('Loại', { exact: true }).selectOption({ label: 'Văn bản đến' });
  await expect(page).toHaveURL(/direction=incoming/);
  // While a new search loads its count is empty: wait for one between 0 and the previous, excluded.
  const fewerThan = async (previous: number) => {
    const inRange = async () => {
      const n = countOf(await count.textContent());
      return n > 0 && n < previous ? n : 0;
    };
    await expect.poll(inRange).toBeGreaterThan(0);
    return inRange();
  };
  const incoming = await fewerThan(all);
  await expect(options.first()).toContainText('Quyết định về việc');
  // The incoming register holds the accepted ones only: fewer again, none outside it.
  await page.getByLabel('Sổ đăng ký', { exact: true }).selectOption({ label: 'Sổ đăng ký văn bản đến' });
  await expect(page).toHaveURL(/register=\d+/);
  expect(await fewerThan(incoming)).toBeGreaterThan(0);
  await page.getByLabel('Sổ đăng ký', { exact: true }).selectOption({ label: 'Sổ đăng ký văn bản đi' });
  await expect(page.locator('.empty-state')).toBeVisible();
  await page.getByLabel('Sổ đăng ký', { exact: true }).selectOption({ label: 'Tất cả' });

  // From the box, ↓ enters the list; ↓ ↓ selects the third result; Enter opens it.
  await box.focus();
  await box.press('ArrowDown');
  await expect(results).toBeFocused();
  await results.press('ArrowDown');
  await results.press('ArrowDown');
  const third = options.nth(2);
  await expect(third).toHaveAttribute('aria-selected', 'true');
  await expect(results).toHaveAttribute('aria-activedescendant', (await third.getAttribute('id'))!);
  const subject = (await third.locator('.search-result-subject').textContent())!.replace(/^(Khẩn|Thượng khẩn|Hỏa tốc hẹn giờ|Hỏa tốc)/, '').trim();
  await results.press('Enter');
  await expect(page).toHaveURL(/#\/inbox\/\d+$/);
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();

  // Back finds the search again, filter and all.
  await page.goBack();
  await expect(page).toHaveURL(/direction=incoming/);
  await expect(box).toHaveValue('quyet dinh');
  await expect(options.first()).toContainText('Quyết định về việc');
});
