/**
 * Điều hành in standalone mode, in browser mode: a paper letter registered as Khẩn is listed in
 * "Việc của tôi" with its default deadline (3 working days after today, over the shipped days off)
 * in dd/MM/yyyy; on its page the one person sets another deadline by working days and writes his
 * instruction, and the list shows both.
 */
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './app-under-test.js';
import { expect, test } from './fixtures.js';
import { VIETNAM_DAYS_OFF } from '../shared/domain/vietnam-days-off.js';
import { WorkingCalendar } from '../shared/domain/working-days.js';
import { formatDayMonthYear } from '../shared/text/display-formats.js';
import { vietnamToday } from '../renderer/format.js';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name, exact: true });
const SUBJECT = 'V/v báo cáo tình hình thực hiện cải cách hành chính quý IV';

test('a registered arrival in Việc của tôi with its deadline, set again on its page with an instruction', async ({ page, agency }) => {
  test.setTimeout(180_000);
  const app = await agency(0);
  const pdf = new Uint8Array(await readFile(path.join(ROOT, 'assets', 'sample.pdf')));
  const scan = await app.call<{ id: number }>('intake.add', { fileName: 'cong-van.pdf', files: [pdf] });
  await app.call('intake.register', {
    id: scan.id,
    origin: 'paper',
    header: { codeNumber: '45', codeNotation: 'UBND-VP', typeName: 'Công văn', promulgationDate: null, senderName: 'UBND huyện Tân Lập', subject: SUBJECT, summary: '', priority: 1, dueDate: null },
    paperOriginalAt: 'Tủ hồ sơ văn thư',
  });
  const calendar = new WorkingCalendar(VIETNAM_DAYS_OFF);
  const today = vietnamToday();

  page = await app.open(page);
  await nav(page, 'Việc của tôi').click();
  const table = page.getByRole('table', { name: 'Việc của tôi' });
  const row = table.getByRole('row', { name: new RegExp(SUBJECT.slice(0, 30)) });
  await expect(row).toContainText(`${formatDayMonthYear(calendar.addWorkingDays(today, 3))} (mặc định)`);
  await expect(row).toContainText('Đã tiếp nhận');

  await row.getByRole('link', { name: SUBJECT }).click();
  const panel = page.getByRole('region', { name: 'Hạn xử lý và ý kiến' });
  await panel.getByLabel('Hoặc số ngày làm việc kể từ ngày vào sổ').fill('7');
  await panel.getByLabel('Ý kiến, bút phê').fill('Chuyển bộ phận một cửa tổng hợp, báo cáo trước hạn.');
  await panel.getByRole('button', { name: 'Lưu hạn và ý kiến' }).click();
  const set = formatDayMonthYear(calendar.addWorkingDays(today, 7));
  await expect(panel.getByText(`Đã lưu. Hạn xử lý: ${set}.`)).toBeVisible();
  await expect(panel.getByLabel('Hạn xử lý (ngày)')).toHaveValue(set);

  await nav(page, 'Việc của tôi').click();
  await expect(row).toContainText(set);
  await expect(row).not.toContainText('(mặc định)');
  await expect(row).toContainText('Chuyển bộ phận một cửa tổng hợp, báo cáo trước hạn.');
});
