/**
 * OCR at the hub, through real Tesseract (the desk's engine) on a real PostgreSQL: a scan that
 * arrives over the reference axis is read in the background and found by a word of its page typed
 * without accents through the search route, by a user who may see it and by no other. The queue
 * survives a stopped hub (it goes on from the next page, or gives a file up after three starts),
 * notes a page it cannot read and a file it cannot open, and reads a file held twice once.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { PDFDocument, PDFName, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { expect, it } from 'vitest';
import type { HubContentSearchPage, HubOcrProgress } from '../../shared/hub/documents.js';
import { createTesseractJsEngine } from '../../electron/core/intake/ocr-engines.js';
import { createVxpClient } from '../../electron/core/exchange/axis-client/vxp-adapter.js';
import { documentPackageBytes } from '../../test/edxml-fixtures.js';
import { TEST_PASSWORD, useTestHub, type TestHub } from '../../test/hub.js';
import { until, useTemporaryAxis } from '../../test/hub-exchange.js';
import { scannedPagePdf, typedPagePdf, VIETNAMESE_PAGES } from '../../test/scanned-pages.js';
import { useTempDirs } from '../../test/temp-dir.js';
import { exchangeRunner } from '../exchange/exchange-runner.js';
import { takeOcrJob } from '../store/ocr-jobs.js';
import { together, type LeaderLoop } from '../exchange/leadership.js';
import { documentTextReader } from './document-text-reader.js';
import { ocrWorker, UNREADABLE_SCAN } from './ocr-worker.js';

const hub = useTestHub();
const tempDir = useTempDirs();
const axisOf = useTemporaryAxis();

const OCR_TIMEOUT_MS = 180_000;

function backgroundReading(test: TestHub, logs: string[]): LeaderLoop {
  const log = (message: string) => void logs.push(message);
  return together(
    documentTextReader({ pool: test.pool, blobs: test.blobs, idleMs: 100, log }),
    ocrWorker({ pool: test.pool, blobs: test.blobs, createEngine: createTesseractJsEngine, idleMs: 100, log }),
  );
}

async function running<T>(loop: LeaderLoop, work: () => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const done = loop(stop.signal);
  try {
    return await work();
  } finally {
    stop.abort();
    await done;
  }
}

const searchIds = async (test: TestHub, token: string, q: string) => {
  const response = await test.call<HubContentSearchPage>('GET', `/api/search?q=${encodeURIComponent(q)}`, { token });
  expect(response.status).toBe(200);
  return response.body.rows.map((row) => row.documentId);
};

const ocrProgress = async (test: TestHub, token: string) => {
  const response = await test.call<HubOcrProgress>('GET', '/api/search/ocr', { token });
  expect(response.status).toBe(200);
  return response.body;
};

it('OCRs a scan that arrived over the axis; its page is then found without accents by a user who may see it, not by another', async () => {
  const test = await hub();
  const axis = axisOf();
  const [sender, recipient] = axis.agencies;
  const other = await test.administration.createUnit('cli', { code: 'TC', name: 'Phòng Tài chính', parentId: null });
  await test.addUser('vanthu', ['clerk']);
  await test.addUser('cv-tc', ['specialist'], TEST_PASSWORD, other.id);
  const clerk = await test.signIn('vanthu', TEST_PASSWORD);
  const specialist = await test.signIn('cv-tc', TEST_PASSWORD);

  // The other agency sends a scanned page (no text layer) with its own client, as its desk would.
  const packageFile = path.join(await tempDir(), 'scan.edxml');
  await writeFile(packageFile, await documentPackageBytes(sender!.code, [recipient!.code], 'Công văn gửi kèm bản quét', undefined, await scannedPagePdf([VIETNAMESE_PAGES[1]!])));
  await createVxpClient({ baseUrl: axis.server.url, systemId: sender!.code, secret: sender!.secret }).send(packageFile, 'edoc', [recipient!.code]);

  const logs: string[] = [];
  const exchange = exchangeRunner({ pool: test.pool, blobs: test.blobs.files, axis: { url: axis.server.url, systemId: recipient!.code, secret: recipient!.secret }, pollMs: 300, log: (message) => logs.push(message) });
  const found = await running(together(exchange, backgroundReading(test, logs)), async () => {
    // The header is found first; the page's words only once the OCR is done.
    await until('the arrival found by its subject', () => searchIds(test, clerk, 'ban quet'), (ids) => ids.length === 1);
    return until('the scanned page found by its words', () => searchIds(test, clerk, 'quyet toan ngan sach nha nuoc'), (ids) => ids.length === 1, OCR_TIMEOUT_MS);
  });
  const [documentId] = found;
  expect(await searchIds(test, clerk, 'khoa so ke toan')).toEqual([documentId]);
  // The scan's words are nowhere in the header: the OCR found them.
  expect((await test.pool.query('SELECT subject FROM documents WHERE id = $1', [documentId])).rows[0].subject).not.toMatch(/quyết toán/);
  const hit = (await test.call<HubContentSearchPage>('GET', `/api/search?q=${encodeURIComponent('quyet toan ngan sach nha nuoc')}`, { token: clerk })).body.rows[0]!;
  expect(hit.page).toBe(1);
  expect(hit.passage.text).toContain('quyết toán ngân sách nhà nước');
  // A specialist of another unit, to whom nothing was given, finds neither the words nor the header.
  expect(await searchIds(test, specialist, 'quyet toan ngan sach nha nuoc')).toEqual([]);
  expect(await searchIds(test, specialist, 'ban quet')).toEqual([]);
  expect(await ocrProgress(test, clerk)).toEqual({ waiting: 0, pagesLeft: 0, reading: [], failed: 0 });
  expect((await test.call('GET', '/api/search/ocr')).status).toBe(401);
  expect(logs.filter((line) => line.startsWith('OCR:') || line.startsWith('content search:'))).toEqual([]);
}, OCR_TIMEOUT_MS + 60_000);

/** The PDF with a last page whose scan is a 1-bit black-and-white image (a fax-mode scanner's), which VanThu does not hand to OCR. */
async function withBilevelPage(bytes: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes);
  const [width, height] = [400, 560];
  const pixels = new Uint8Array((width / 8) * height).fill(0xff);
  const image = pdf.context.register(pdf.context.flateStream(pixels, { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ColorSpace: 'DeviceGray', BitsPerComponent: 1 }));
  const page = pdf.addPage([width * 0.36, height * 0.36]);
  page.node.setXObject(PDFName.of('Im1'), image);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(width * 0.36, 0, 0, height * 0.36, 0, 0), drawObject('Im1'), popGraphicsState());
  return pdf.save();
}

/** A PDF of these PDFs' pages, in order. */
async function joined(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const part of parts) {
    const source = await PDFDocument.load(part);
    for (const page of await pdf.copyPages(source, source.getPageIndices())) pdf.addPage(page);
  }
  return pdf.save();
}

async function addDocument(pool: pg.Pool, subject: string, files: { name: string; sha256: string; size: number }[]): Promise<number> {
  const { rows } = await pool.query<{ id: number }>("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', $1, 'arrived', now(), now()) RETURNING id", [subject]);
  for (const [i, file] of files.entries()) {
    await pool.query("INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES ($1, $2, $3, 'application/pdf', $4, $5, now())", [rows[0]!.id, i + 1, file.name, file.size, file.sha256]);
  }
  return rows[0]!.id;
}

const job = async (pool: pg.Pool, sha256: string) =>
  (await pool.query<{ state: string; attempts: number; pages: string[]; page_problems: unknown; problem: string | null }>('SELECT state, attempts, pages, page_problems, problem FROM ocr_jobs WHERE sha256 = $1', [sha256])).rows[0];

it('goes on after a stopped hub from the next page, gives a file up after three starts, notes what it cannot read, and reads a file held twice once', async () => {
  const test = await hub();
  const { pool, blobs } = test;
  await test.addUser('vanthu', ['clerk']);
  const clerk = await test.signIn('vanthu', TEST_PASSWORD);

  // A scan whose second page is a 1-bit image, held by two documents (a copy keeps the same file).
  const scan = await blobs.put(await withBilevelPage(await scannedPagePdf([VIETNAMESE_PAGES[2]!])));
  const first = await addDocument(pool, 'Thông báo kết luận giao ban', [{ name: 'thong-bao.pdf', ...scan }]);
  const copy = await addDocument(pool, 'Bản sao thông báo', [{ name: 'ban-sao.pdf', ...scan }]);
  // A file a hub that stopped had read one page of (its words kept), and one started three times without an end.
  const resumed = await blobs.put(await joined([await scannedPagePdf([VIETNAMESE_PAGES[0]!]), await typedPagePdf([['Phụ lục: danh mục hồ sơ lưu trữ của Văn phòng Sở năm 2026.']])]));
  const resumedDocument = await addDocument(pool, 'Quyết định có phụ lục', [{ name: 'qd.pdf', ...resumed }]);
  const givenUp = await blobs.put(await scannedPagePdf([VIETNAMESE_PAGES[1]!]));
  const givenUpDocument = await addDocument(pool, 'Công văn quét hỏng máy', [{ name: 'cv.pdf', ...givenUp }]);
  await pool.query(
    `INSERT INTO ocr_jobs (sha256, state, pages_total, pages, attempts, queued_at, started_at) VALUES
       ($1, 'reading', 2, ARRAY['Trang đã đọc trước khi máy chủ dừng: kho lưu trữ tạm thời'], 1, now(), now()),
       ($2, 'reading', 1, '{}', 3, now(), now()),
       (repeat('0', 64), 'waiting', 1, '{}', 0, now(), NULL)`,
    [resumed.sha256, givenUp.sha256],
  );

  const logs: string[] = [];
  await running(documentTextReader({ pool, blobs, idleMs: 100, log: (message) => logs.push(message) }), () =>
    until('the scan queued', () => job(pool, scan.sha256), (row) => row?.state === 'waiting'),
  );
  // Before any OCR: four files wait (two of them left reading), five pages to go.
  const before = await ocrProgress(test, clerk);
  expect({ ...before, reading: [...before.reading].sort((a, b) => a.pagesTotal - b.pagesTotal) }).toEqual({ waiting: 4, pagesLeft: 5, reading: [{ pagesDone: 0, pagesTotal: 1 }, { pagesDone: 1, pagesTotal: 2 }], failed: 0 });

  const toRead = async () => Number((await pool.query("SELECT count(*) AS n FROM document_texts WHERE files_read_at IS NULL")).rows[0].n);
  await running(backgroundReading(test, logs), async () => {
    await until('the queue done', () => ocrProgress(test, clerk), (progress) => progress.waiting === 0, OCR_TIMEOUT_MS);
    // Then the documents holding what was read are read again.
    await until('the documents read again', toRead, (count) => count === 0);
  });

  // Read once for both documents, the 1-bit page noted; both found by the words of the scan.
  expect(await job(pool, scan.sha256)).toMatchObject({ state: 'done', attempts: 1, page_problems: [{ page: 2, reason: UNREADABLE_SCAN }] });
  expect(await searchIds(test, clerk, 'tot nghiep trung hoc pho thong')).toEqual([copy, first]);
  const { rows: problems } = await pool.query('SELECT document_id, files_problem FROM document_texts WHERE document_id = ANY($1::int[]) ORDER BY document_id', [[first, copy]]);
  expect(problems).toEqual([
    { document_id: first, files_problem: `thong-bao.pdf: page 2: ${UNREADABLE_SCAN}` },
    { document_id: copy, files_problem: `ban-sao.pdf: page 2: ${UNREADABLE_SCAN}` },
  ]);

  // Gone on from page 2: page 1's words are those kept, not read again.
  expect(await job(pool, resumed.sha256)).toMatchObject({ state: 'done', attempts: 2, pages: ['Trang đã đọc trước khi máy chủ dừng: kho lưu trữ tạm thời', 'Phụ lục: danh mục hồ sơ lưu trữ của Văn phòng Sở năm 2026.'] });
  expect(await searchIds(test, clerk, 'kho luu tru tam thoi')).toEqual([resumedDocument]);
  expect(await searchIds(test, clerk, 'tuyen dung cong chuc')).toEqual([]);

  // Given up, not taken again; its document is found by its text layer and header, the reason kept.
  expect(await job(pool, givenUp.sha256)).toMatchObject({ state: 'failed', attempts: 3, problem: 'the hub stopped each of the 3 times it read this file (last at page 1 of 1); it is not read again' });
  expect((await pool.query('SELECT files_problem FROM document_texts WHERE document_id = $1', [givenUpDocument])).rows[0].files_problem).toMatch(/^cv\.pdf: OCR: the hub stopped each of the 3 times/);
  expect(await searchIds(test, clerk, 'hong may')).toEqual([givenUpDocument]);
  // A file the hub no longer has: failed with the reason.
  expect(await job(pool, '0'.repeat(64))).toMatchObject({ state: 'failed', attempts: 1 });
  expect((await job(pool, '0'.repeat(64)))!.problem).toMatch(/^the file cannot be read: /);
  expect(await ocrProgress(test, clerk)).toEqual({ waiting: 0, pagesLeft: 0, reading: [], failed: 2 });

  // Nothing is left to take: what is done or given up is not read again.
  expect(await takeOcrJob(pool)).toBeNull();
}, OCR_TIMEOUT_MS + 60_000);
