/** Ways around the app's screens that several specs take. */
import { expect, type Page } from '@playwright/test';

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
