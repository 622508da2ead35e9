/** Ways around the app's screens that several specs take. */
import { expect, type Page } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDecree30Pdf, type Decree30Options } from '../test/decree30-pdf.js';

/**
 * A draft's PDF in the Decree 30 layout ("Số:", the date line, the signer's block), so that
 * Trình ký finds every box in its text and needs no placing by hand. The signer's block is found
 * by the signer's name the draft gives.
 */
export async function decree30Pdf(options: Decree30Options = {}, name = 'to-trinh.pdf'): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'vanthu-e2e-')), name);
  await buildDecree30Pdf(file, options);
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
