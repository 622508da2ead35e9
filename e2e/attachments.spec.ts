/**
 * Opening attachments in the app: a PDF is drawn by the in-app viewer from its file link, read by
 * range; an HTML file that calls itself a PDF is never rendered (no window, no frame, nothing of
 * it runs), only offered to save; an executable is flagged and has no "Xem". A range that never
 * comes ends in a clear failure, not an endless "loading".
 */
import { expect, test, type Request } from '@playwright/test';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, ROOT, startApp, type RunningApp } from './app-under-test.js';
import { writeBigPdf } from '../test/big-pdf.js';

let app: RunningApp;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await makeDataDir();
  app = await startApp(dataDir);
  await app.call('setup.useDemo', {});
});
test.afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const HTML = '<!doctype html><title>pwned</title><script>document.title = "pwned"; window.top.document.title = "pwned"</script>';

test('Xem: a PDF in the in-app viewer by range; HTML never rendered; an executable flagged', async ({ page }) => {
  const draft = await app.call<{ id: number }>('drafts.create', { subject: 'Tệp đính kèm lạ', summary: '' });
  // Larger than pdf.js's two range chunks, so it reads by range rather than in one request.
  const bigFile = test.info().outputPath('big.pdf');
  const bigSize = await writeBigPdf(bigFile, 4 * 1024 * 1024);
  await app.call('attachments.add', { documentId: draft.id, name: 'Quyết định.pdf', contentType: 'application/pdf', bytes: new Uint8Array(await readFile(bigFile)) });
  const pdf = new Uint8Array(await readFile(path.join(ROOT, 'assets', 'sample.pdf')));
  await app.call('attachments.add', { documentId: draft.id, name: 'Báo cáo.pdf', contentType: 'application/pdf', bytes: new TextEncoder().encode(HTML) });
  await app.call('attachments.add', { documentId: draft.id, name: 'Hồ sơ.pdf.exe', contentType: 'application/pdf', bytes: pdf });

  page = await app.open(page);
  const fileRequests: Request[] = [];
  page.on('request', (request) => {
    if (/\/api\/blob\/|^vanthu-blob:/.test(request.url())) fileRequests.push(request);
  });
  const popups: string[] = [];
  page.context().on('page', (opened) => popups.push(opened.url()));
  await app.goto(page, `#/drafts/${draft.id}`);
  const table = page.getByRole('table', { name: 'Danh sách tệp đính kèm' });
  await expect(table.getByText('Quyết định.pdf')).toBeVisible();
  const title = await page.title();

  await table.getByRole('button', { name: 'Xem tệp Quyết định.pdf' }).click();
  // The draft's signing preview shows its main PDF too: the viewer under the table is the one opened.
  const files = page.getByRole('region', { name: 'Tệp đính kèm' });
  const firstPage = files.locator('.pdf-page[data-page="1"] canvas');
  await expect(firstPage).toHaveAttribute('data-drawn', 'true');
  expect(fileRequests.length).toBeGreaterThan(0);
  expect(fileRequests.some((request) => request.headers().range !== undefined), 'pdf.js read by range').toBe(true);
  // Page 1 of a 4 MB file took a few chunks, not the file.
  // A range pdf.js cancelled has no answer: it counts as all it asked for.
  const fetched = await Promise.all(fileRequests.map(async (request) => (await request.response())?.headers()['content-length']));
  const asked = (range: string) => {
    const bounds = /^bytes=(\d+)-(\d+)$/.exec(range);
    return bounds ? Number(bounds[2]) - Number(bounds[1]) + 1 : bigSize;
  };
  const rangeBytes = fileRequests
    .map((request, i) => {
      const range = request.headers().range;
      if (range === undefined) return 0;
      return fetched[i] === undefined ? asked(range) : Number(fetched[i]);
    })
    .reduce((a, b) => a + b, 0);
  expect(rangeBytes).toBeLessThan(bigSize / 2);

  await table.getByRole('button', { name: 'Xem tệp Báo cáo.pdf' }).click();
  await expect(page.getByText('VanThu chỉ hiển thị tệp PDF và ảnh. Hãy tải tệp Báo cáo.pdf về máy và mở bằng phần mềm phù hợp.')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải về tệp Báo cáo.pdf' }).last().click()]);
  expect(download.suggestedFilename()).toBe('Báo cáo.pdf');
  expect(await page.title()).toBe(title);
  expect(page.frames()).toHaveLength(1);
  expect(popups).toEqual([]);

  const flagged = table.getByRole('row').filter({ hasText: 'Hồ sơ.pdf.exe' });
  await expect(flagged.getByText('Tệp chạy được (.exe): VanThu không mở loại tệp này.', { exact: false })).toBeVisible();
  await expect(flagged.getByText('phần thật là .exe', { exact: false })).toBeVisible();
  await expect(flagged.getByRole('button', { name: /^Xem/ })).toHaveCount(0);
  await expect(flagged.getByRole('button', { name: 'Tải về tệp Hồ sơ.pdf.exe' })).toBeVisible();
});

test('Xem: a PDF whose later ranges fail says it could not be shown, instead of loading for ever', async ({ page }) => {
  const draft = await app.call<{ id: number }>('drafts.create', { subject: 'Tệp đọc dở', summary: '' });
  const file = test.info().outputPath('cut.pdf');
  await writeBigPdf(file, 4 * 1024 * 1024);
  await app.call('attachments.add', { documentId: draft.id, name: 'Bản vẽ.pdf', contentType: 'application/pdf', bytes: new Uint8Array(await readFile(file)) });

  page = await app.open(page);
  // The first chunk comes (the length is known), every later one is lost on the way: as a host
  // gone or a connection dropped while the clerk reads.
  let cut = 0;
  await page.route(/\/api\/blob\//, async (route) => {
    if (/^bytes=0-/.test(route.request().headers().range ?? '')) return route.continue();
    cut++;
    return route.abort('connectionreset');
  });
  await app.goto(page, `#/drafts/${draft.id}`);
  const table = page.getByRole('table', { name: 'Danh sách tệp đính kèm' });
  await table.getByRole('button', { name: 'Xem tệp Bản vẽ.pdf' }).click();
  // The draft's signing preview reads the same file (and fails the same way): the viewer under the table is the one opened.
  const files = page.getByRole('region', { name: 'Tệp đính kèm' });
  await expect(files.getByText('Không hiển thị được tệp Bản vẽ.pdf.')).toBeVisible();
  expect(cut).toBeGreaterThan(0);
  await expect(files.locator('.pdf-page canvas[data-drawn="true"]')).toHaveCount(0);
});

test('Xem: viewers replaced faster than their PDFs open still end on the last one drawn', async ({ page }) => {
  const draft = await app.call<{ id: number }>('drafts.create', { subject: 'Xem nhanh nhiều tệp', summary: '' });
  const pdf = new Uint8Array(await readFile(path.join(ROOT, 'assets', 'sample.pdf')));
  for (const name of ['Tờ trình.pdf', 'Phụ lục.pdf']) await app.call('attachments.add', { documentId: draft.id, name, contentType: 'application/pdf', bytes: pdf });

  page = await app.open(page);
  await app.goto(page, `#/drafts/${draft.id}`);
  const table = page.getByRole('table', { name: 'Danh sách tệp đính kèm' });
  // Clicks closer together than a PDF takes to open: each viewer is closed while the draft's
  // preview and the next viewer are opening theirs on the same pdf.js worker.
  for (let round = 0; round < 12; round++) {
    await table.getByRole('button', { name: `Xem tệp ${round % 2 === 0 ? 'Tờ trình.pdf' : 'Phụ lục.pdf'}` }).click();
    await page.waitForTimeout((round * 7) % 40);
  }
  const files = page.getByRole('region', { name: 'Tệp đính kèm' });
  await expect(files.getByRole('region', { name: 'Xem văn bản: Phụ lục.pdf' }).locator('.pdf-page[data-page="1"] canvas')).toHaveAttribute('data-drawn', 'true');
});
