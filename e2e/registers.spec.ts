/**
 * Registers end to end, in browser mode: agency A sends 30 documents to B through the reference
 * axis; B accepts them (arrival numbers 01–30 in the incoming register of this year) and one
 * more into a second register chosen in the UI (its number 1), opens
 * the register, prints it to PDF through the core's export and checks the downloaded file's
 * page count and first row, and reads the XLSX export back; then opens Reports and sees a chart, with no CSP violation.
 */
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './app-under-test.js';
import { expect, test } from './fixtures.js';
import { pdfInfo, pdfPageText } from '../test/pdf-tools.js';
import { vietnamToday } from '../renderer/format.js';

const DOCUMENTS = 30;
const subjectOf = (i: number) => `Văn bản kiểm thử sổ đến số ${String(i).padStart(2, '0')}`;

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name, exact: true });

test('the incoming register of a year, printed to PDF: page count and first row; Reports show a chart under the CSP', async ({ page, axis, agency }) => {
  test.setTimeout(180_000);
  const [A, B] = [await agency(0, { unsignedSending: true }), await agency(1, { unsignedSending: true })];
  const pdf = new Uint8Array(await readFile(path.join(ROOT, 'assets', 'sample.pdf')));
  // One more than the book holds: the last goes in a second register, chosen in the UI.
  for (let i = 1; i <= DOCUMENTS + 1; i++) {
    const draft = await A.call<{ id: number }>('drafts.create', { subject: subjectOf(i), summary: '' });
    await A.call('drafts.update', { id: draft.id, fields: { codeNotation: 'UBND-VP', typeName: 'Công văn', signerFullName: 'Nguyễn Văn An', priority: 0 } });
    await A.call('attachments.add', { documentId: draft.id, name: 'Công văn.pdf', contentType: 'application/pdf', bytes: pdf });
    await A.call('documents.send', { id: draft.id, recipients: [axis.agencies[1]!.code] });
  }
  type Inbox = { rows: { id: number; subject: string }[]; total: number };
  await expect.poll(async () => (await B.call<Inbox>('documents.list', { box: 'inbox', limit: 500, offset: 0 })).total, { timeout: 90_000 }).toBe(DOCUMENTS + 1);
  const inbox = await B.call<Inbox>('documents.list', { box: 'inbox', limit: 500, offset: 0 });
  for (let i = 1; i <= DOCUMENTS; i++) {
    const id = inbox.rows.find((row) => row.subject === subjectOf(i))!.id;
    const verdict = await B.call<{ indication: string }>('documents.verify', { id });
    await B.call('documents.respond', { id, status: '03', description: '', acceptVerdict: verdict.indication });
  }

  const cspViolations: string[] = [];
  page = await B.open(page, async (page) => {
    page.on('console', (message) => {
      if (/Refused to|violates the following Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    // Style attributes refused while parsing HTML surface here too, not only in the console text.
    await page.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (event) => console.error('Refused to apply: ' + event.violatedDirective + ' ' + event.sample));",
    });
  });

  await nav(page, 'Sổ đăng ký').click();
  await page.getByText('Thêm sổ đăng ký', { exact: true }).click();
  const newRegister = page.getByRole('form', { name: 'Thêm sổ đăng ký' });
  await newRegister.getByLabel('Tên sổ').fill('Sổ đăng ký văn bản mật đến');
  await newRegister.getByLabel('Mã sổ').fill('incoming');
  await newRegister.getByLabel('Dùng cho').fill('Văn bản mật');
  await newRegister.getByRole('button', { name: 'Thêm sổ' }).click();
  // The default register's code is taken: the form says so and keeps what was typed.
  await expect(newRegister.getByText('Mã sổ không hợp lệ hoặc đã có sổ dùng mã này.')).toBeVisible();
  await newRegister.getByLabel('Mã sổ').fill('mat-den');
  await newRegister.getByRole('button', { name: 'Thêm sổ' }).click();
  await expect(page.getByLabel('Sổ', { exact: true }).locator('option:checked')).toHaveText('Sổ đăng ký văn bản mật đến (Văn bản đến)');

  await nav(page, 'Văn bản đến').click();
  await page.getByRole('table', { name: 'Danh sách văn bản đến' }).getByRole('link', { name: subjectOf(DOCUMENTS + 1), exact: true }).click();
  const registerChoice = page.getByLabel('Vào sổ', { exact: true });
  await expect(registerChoice.locator('option:checked')).toHaveText('Sổ đăng ký văn bản đến');
  await registerChoice.selectOption({ label: 'Sổ đăng ký văn bản mật đến — Văn bản mật' });
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await page.getByRole('dialog', { name: 'Tiếp nhận văn bản chưa xác nhận được chữ ký số' }).getByRole('button', { name: 'Vẫn tiếp nhận' }).click();
  await expect(page.getByText('Đã tiếp nhận văn bản. Số đến: 01.')).toBeVisible();

  await nav(page, 'Sổ đăng ký').click();
  await expect(page.getByLabel('Sổ', { exact: true })).toHaveValue(/\d+/);
  await expect(page.getByLabel('Sổ', { exact: true }).locator('option:checked')).toHaveText('Sổ đăng ký văn bản đến (Văn bản đến)');
  const year = vietnamToday().slice(0, 4);
  await expect(page.getByLabel('Năm', { exact: true })).toHaveValue(year);
  const book = page.getByRole('table', { name: `Sổ đăng ký văn bản đến năm ${year}` });
  await expect(book.getByRole('row')).toHaveCount(DOCUMENTS + 1);
  const firstRow = book.getByRole('row').nth(1);
  await expect(firstRow.getByRole('cell').nth(1)).toHaveText('01');
  await expect(firstRow.getByRole('cell').nth(3)).toHaveText('01/UBND-VP');
  await expect(firstRow.getByRole('cell').nth(5)).toHaveText(`Công văn: ${subjectOf(1)}`);

  // The browser's own print of the screen: the print stylesheet leaves only the book, on A4
  // landscape, the header row again on each page, numbered pages.
  const printed = new Uint8Array(await page.pdf({ preferCSSPageSize: true }));
  const printedInfo = await pdfInfo(printed);
  expect(printedInfo.pageSize).toMatch(/^841\.\d+ x 59\d\.\d+ pts \(A4\)/);
  expect(printedInfo.pages).toBeGreaterThan(1);
  const printedFirst = await pdfPageText(printed, 1);
  expect(printedFirst).not.toContain('Hàng đợi gửi');
  // The register's number "01/UBND-VP" wraps in its narrow column: "VP" goes to the next line.
  expect(printedFirst).toMatch(/^\s*\d\d\/\d\d\/\d{4}\s+01\s+.*01\/UBND-(?:VP)?\s+.*Công văn: Văn bản kiểm thử/m);
  const printedLast = await pdfPageText(printed, printedInfo.pages);
  expect(printedLast).toContain('Tên loại và trích yếu nội dung');
  expect(printedLast).toContain(`Trang ${printedInfo.pages}/${printedInfo.pages}`);

  // The PDF opens in the in-app viewer first; "Lưu tệp" saves it under a Vietnamese name.
  await page.getByRole('button', { name: 'Xuất PDF' }).click();
  const preview = page.getByRole('dialog', { name: `Xem trước: so-dang-ky-van-ban-den-${year}.pdf` });
  await expect(preview.getByRole('img', { name: /^Trang 1\// })).toHaveAttribute('data-drawn', 'true');
  const [download] = await Promise.all([page.waitForEvent('download'), preview.getByRole('button', { name: 'Lưu tệp' }).click()]);
  expect(download.suggestedFilename()).toBe(`so-dang-ky-van-ban-den-${year}.pdf`);
  const bytes = new Uint8Array(await readFile((await download.path())!));
  const info = await pdfInfo(bytes);
  // 30 one-line rows: the first page holds the title and about 26 rows, the rest go on page 2.
  expect(info.pages).toBe(2);
  const first = await pdfPageText(bytes, 1);
  const firstLine = first.split('\n').find((line) => /^\s*\d\d\/\d\d\/\d{4}\s+01\s/.test(line));
  expect(firstLine).toMatch(/\s01\s+.*01\/UBND-(?:VP)?\s+.*Công văn: Văn bản kiểm thử sổ đến số 01/);
  expect(first).toContain('Trang 1/2');
  expect(await pdfPageText(bytes, 2)).toContain(subjectOf(DOCUMENTS));

  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
  expect(sheet.suggestedFilename()).toBe(`so-dang-ky-van-ban-den-${year}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await sheet.path())!);
  const rows = workbook.worksheets[0]!.getSheetValues().slice(1) as unknown[][];
  // The agency's name heads the book, then its title and period.
  expect(rows[0]![1]).toBe(axis.agencies[1]!.name.toLocaleUpperCase('vi-VN'));
  expect(rows[1]![1]).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
  expect(rows[3]![2]).toBe('Số đến');
  expect(rows.slice(4).map((row) => row[2])).toEqual(Array.from({ length: DOCUMENTS }, (_, i) => String(i + 1).padStart(2, '0')));

  // A register is closed from its book: it stays listed, marked, and gives no new numbers.
  await page.getByLabel('Sổ', { exact: true }).selectOption({ label: 'Sổ đăng ký văn bản mật đến (Văn bản đến)' });
  await expect(page.getByRole('table', { name: `Sổ đăng ký văn bản mật đến năm ${year}` }).getByRole('row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Khóa sổ' }).click();
  await expect(page.getByLabel('Sổ', { exact: true }).locator('option:checked')).toHaveText('Sổ đăng ký văn bản mật đến (đã khóa) (Văn bản đến)');
  await expect(page.getByRole('button', { name: 'Mở lại sổ' })).toBeVisible();

  await nav(page, 'Báo cáo').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Báo cáo thống kê' })).toBeVisible();
  const chart = page.getByRole('figure', { name: 'Biểu đồ: Văn bản đi, đến theo tháng' });
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  const month = vietnamToday().slice(0, 7).split('-').reverse().join('/');
  const monthRow = page.getByRole('table', { name: 'Văn bản đi, đến theo tháng' }).getByRole('row', { name: month });
  await expect(monthRow.getByRole('cell')).toHaveText(['0', String(DOCUMENTS + 1)]);
  await page.getByLabel('Báo cáo', { exact: true }).selectOption('byAgency');
  await expect(page.getByRole('figure', { name: 'Biểu đồ: Theo cơ quan (nhiều nhất)' }).locator('.recharts-bar-rectangle').first()).toBeVisible();
  expect(cspViolations).toEqual([]);
});
