/**
 * Paper arrivals end to end, in browser mode (the first half of the records chain): a document
 * arrives over the reference axis and is accepted (số đến 01); a paper letter scanned by the test
 * (page images with Vietnamese text, made here) is chosen on the paper arrivals screen, read by
 * OCR in the background, its header filled from what OCR read, registered (số đến 02: the same
 * sequence); the next axis arrival takes 03. Then a word of the letter's body typed without
 * accents finds it by its content, with the passage highlighted, and find-in-document in the
 * viewer goes to the page that holds it. The ĐẾN stamp prints its number.
 */
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, type RunningApp } from './app-under-test.js';
import { expect, test } from './fixtures.js';
import { pdfPageText } from '../test/pdf-tools.js';
import { scannedPageImages, VIETNAMESE_PAGES } from '../test/scanned-pages.js';

type Inbox = { rows: { id: number; subject: string; arrivalNumber: number | null }[]; total: number };

/** A sends one document to B (agency code `toB` on the axis); B accepts it (03), which takes its số đến. */
async function axisArrival(A: RunningApp, B: RunningApp, toB: string, subject: string): Promise<number> {
  const pdf = new Uint8Array(await readFile(path.join(ROOT, 'assets', 'sample.pdf')));
  const draft = await A.call<{ id: number }>('drafts.create', { subject, summary: '' });
  await A.call('drafts.update', { id: draft.id, fields: { codeNotation: 'UBND-VP', typeName: 'Công văn', signerFullName: 'Nguyễn Văn An', priority: 0 } });
  await A.call('attachments.add', { documentId: draft.id, name: 'Công văn.pdf', contentType: 'application/pdf', bytes: pdf });
  await A.call('documents.send', { id: draft.id, recipients: [toB] });
  let id = 0;
  await expect
    .poll(async () => (id = (await B.call<Inbox>('documents.list', { box: 'inbox', limit: 500, offset: 0 })).rows.find((row) => row.subject === subject)?.id ?? 0), { timeout: 60_000 })
    .toBeGreaterThan(0);
  // Unsigned: accepting it names the verdict the clerk saw.
  const verdict = await B.call<{ indication: string }>('documents.verify', { id });
  const accepted = await B.call<{ arrivalNumber: number }>('documents.respond', { id, status: '03', description: '', acceptVerdict: verdict.indication });
  return accepted.arrivalNumber;
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name, exact: true });

test('a scanned paper letter is registered in the same số đến sequence as axis arrivals, OCRed, and found by a word of its body typed without accents', async ({ page, axis, agency }) => {
  test.setTimeout(240_000);
  const [A, B] = [await agency(0, { unsignedSending: true }), await agency(1, { unsignedSending: true })];
  expect(await axisArrival(A, B, axis.agencies[1]!.code, 'Công văn đến qua trục trước')).toBe(1);

  page = await B.open(page);
  await nav(page, 'Tiếp nhận văn bản giấy').click();
  const images = await scannedPageImages(VIETNAMESE_PAGES.slice(0, 2));
  await page.getByLabel('Chọn bản quét (PDF hoặc ảnh các trang)').setInputFiles(images.map((bytes, i) => ({ name: `trang-${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(bytes) })));
  const item = page.locator('.intake-item', { hasText: 'trang-1.pdf' });
  // OCR runs in the background: the screen stays usable and shows the progress until it is done.
  await expect(item.getByRole('status')).toHaveText('Đã nhận dạng chữ', { timeout: 120_000 });
  await item.getByRole('button', { name: 'Vào sổ' }).click();

  const form = page.getByRole('form', { name: 'Vào sổ văn bản đến: trang-1.pdf' });
  await expect(form.getByLabel('Số', { exact: true })).toHaveValue('125');
  await expect(form.getByLabel('Ký hiệu')).toHaveValue('QĐ-UBND');
  await expect(form.getByLabel('Ngày văn bản')).toHaveValue('12/03/2026');
  await expect(form.getByLabel('Cơ quan ban hành')).toHaveValue('ỦY BAN NHÂN DÂN TỈNH BẮC NINH');
  await expect(form.getByLabel('Loại văn bản')).toHaveValue('Quyết định');
  await expect(form.getByLabel('Trích yếu')).toHaveValue('Về việc phê duyệt kế hoạch tuyển dụng công chức năm 2026');
  await form.getByLabel('Cơ quan ban hành').fill('Ủy ban nhân dân tỉnh Bắc Ninh');
  await form.getByLabel('Nơi lưu bản gốc giấy').fill('Tủ hồ sơ số 2, Văn phòng');
  await form.getByRole('button', { name: 'Vào sổ và lấy số đến' }).click();
  await expect(page.getByText('Đã vào sổ văn bản đến, số đến 02.')).toBeVisible();
  await expect(page.getByText('Không có bản quét nào chờ vào sổ.')).toBeVisible();

  expect(await axisArrival(A, B, axis.agencies[1]!.code, 'Công văn đến qua trục sau')).toBe(3);
  const inbox = await B.call<Inbox>('documents.list', { box: 'inbox', limit: 500, offset: 0 });
  const paper = inbox.rows.find((row) => row.subject === 'Về việc phê duyệt kế hoạch tuyển dụng công chức năm 2026')!;
  expect(paper.arrivalNumber).toBe(2);
  const stamp = await B.call<{ url: string }>('intake.stamp', { documentId: paper.id });
  const stampText = (await pdfPageText(await B.fetchFile(stamp.url), 1)).replace(/\s+/g, ' ');
  for (const part of ['ĐẾN', 'Số: 02', 'Chuyển:', 'Số và ký hiệu HS:']) expect(stampText).toContain(part);
  expect(stampText).toMatch(/Ngày: \d{2}\/\d{2}\/\d{4}/);

  // A word of the body (page 2), typed without accents, in the header's search box.
  await page.getByRole('searchbox', { name: 'Tìm văn bản' }).fill('quyet toan ngan sach');
  await page.getByRole('searchbox', { name: 'Tìm văn bản' }).press('Enter');
  const content = page.getByRole('region', { name: 'Trong nội dung văn bản' });
  await expect(content.getByText('1 văn bản có các từ này trong nội dung')).toBeVisible({ timeout: 20_000 });
  const hit = content.getByRole('listitem').filter({ hasText: 'Về việc phê duyệt kế hoạch tuyển dụng' });
  await expect(hit.locator('mark').first()).toHaveText('quyết');
  await expect(hit).toContainText('trang-1.pdf, trang 2');

  await hit.getByRole('link').click();
  await page.getByRole('button', { name: 'Xem tệp trang-1.pdf' }).click();
  const find = page.getByRole('searchbox', { name: 'Tìm trong văn bản đang xem' });
  await find.fill('ngan sach nha nuoc');
  await expect(page.getByText('1 chỗ khớp')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Trang 2' })).toBeVisible();
});
