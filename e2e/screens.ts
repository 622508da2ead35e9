/** Ways around the app's screens that several specs take. */
import { expect, type Page } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDecree30Pdf } from '../test/decree30-pdf.js';

/**
 * A draft's PDF in the Decree 30 layout ("Số:", the date line, the signer's block), so that
 * Trình ký finds every box in its text and needs no placing by hand.
 */
export async function decree30Pdf(name = 'to-trinh.pdf'): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'vanthu-e2e-')), name);
  await buildDecree30Pdf(file);
  return file;
}

/** A link of the main navigation ("Văn bản đến", "Dự thảo", "Cài đặt"…). */
export const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name, exact: true });

/** Opens an inbox document once the sync process has brought it in (it polls every second in the specs). */
export async function openIncoming(page: Page, subject: string): Promise<void> {
  await nav(page, 'Văn bản đến').click();
  const link = page.getByRole('table', { name: 'Danh sách văn bản đến' }).getByRole('link', { name: subject, exact: true });
  await expect(link).toBeVisible({ timeout: 30_000 });
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
}
