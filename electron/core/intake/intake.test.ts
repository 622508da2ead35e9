import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { insertDocument } from '../../../test/document-rows.js';
import { scannedPageImages, typedPagePdf, VIETNAMESE_PAGES } from '../../../test/scanned-pages.js';
import { pdfInfo, pdfPageText } from '../../../test/pdf-tools.js';
import { BlobStore } from '../store/blob-store.js';
import { openDatabase, writeTransaction, type Db } from '../store/database.js';
import { searchContent } from '../store/content-search.js';
import { textPages } from '../store/content-texts.js';
import { getIntakeItem, registerPaperArrival } from '../store/intake.js';
import { enterInRegister, registerForNumbering } from '../store/registers.js';
import { arrivalStampPdf } from './arrival-stamp.js';
import { guessHeader } from './header-guess.js';
import { IntakeRuntime } from './intake-runtime.js';

const tempDir = useTempDirs();
const runtimes: IntakeRuntime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.stop()));
});

async function setUp(): Promise<{ db: Db; runtime: IntakeRuntime; events: string[] }> {
  const dir = await tempDir();
  const db = openDatabase(path.join(dir, 'vanthu.sqlite'));
  const blobs = new BlobStore(path.join(dir, 'blobs'));
  await blobs.init();
  const events: string[] = [];
  const runtime = new IntakeRuntime({ db, blobs, actor: 'user:test', emit: (event) => events.push(event.type), log: () => {}, scanIntervalMs: 60_000 });
  runtimes.push(runtime);
  return { db, runtime, events };
}

/** An axis arrival accepted by the clerk: the exchange's 03 takes the number this way. */
function acceptAxisArrival(db: Db, subject: string): number {
  const id = insertDocument(db, { direction: 'incoming', subject, senderId: 'H01', state: 'arrived' });
  return writeTransaction(db, () => enterInRegister(db, id, registerForNumbering(db, 'in', undefined)!, new Date()));
}

const header = { codeNumber: '125', codeNotation: 'QĐ-UBND', typeName: 'Quyết định', promulgationDate: '2026-03-12', senderName: 'Ủy ban nhân dân tỉnh Bắc Ninh', subject: 'Phê duyệt kế hoạch tuyển dụng', summary: '', priority: 0 as const, dueDate: null };

describe('paper arrivals', () => {
  it('a scan made of page images is OCRed in the background, its header guessed, registered between two axis arrivals in the one số đến sequence, and found by its words typed without accents', async () => {
    const { db, runtime, events } = await setUp();
    expect(acceptAxisArrival(db, 'Công văn qua trục')).toBe(1);

    const item = (await runtime.take('upload', 'scan.jpg', await scannedPageImages(VIETNAMESE_PAGES.slice(0, 2))))!;
    expect(item.fileName).toBe('scan.pdf');
    await runtime.reader.idle();
    expect(events).toContain('texts.progress');
    const pages = textPages(db, item.sha256)!;
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('tuyển dụng công chức');
    expect(getIntakeItem(db, item.id)!.reading).toMatchObject({ state: 'done', source: 'ocr', pagesDone: 2, pagesTotal: 2 });
    expect(guessHeader(pages[0]!)).toEqual({
      codeNumber: '125',
      codeNotation: 'QĐ-UBND',
      promulgationDate: '2026-03-12',
      senderName: 'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
      typeName: 'Quyết định',
      subject: 'Về việc phê duyệt kế hoạch tuyển dụng công chức năm 2026',
    });

    const registered = registerPaperArrival(db, { itemId: item.id, origin: 'paper', header, paperOriginalAt: 'Tủ hồ sơ số 2, Văn phòng', register: registerForNumbering(db, 'in', undefined)! }, 'user:test')!;
    expect(registered.arrivalNumber).toBe(2);
    expect(acceptAxisArrival(db, 'Giấy mời qua trục')).toBe(3);
    expect(db.prepare('SELECT origin, paper_original_at, arrival_number, state FROM documents WHERE id = ?').get(registered.documentId)).toEqual({
      origin: 'paper',
      paper_original_at: 'Tủ hồ sơ số 2, Văn phòng',
      arrival_number: 2,
      state: 'accepted',
    });
    expect(getIntakeItem(db, item.id)).toBeNull();

    const found = searchContent(db, { query: 'quyet toan ngan sach', beforeId: null, limit: 20 });
    expect(found.rows.map((row) => row.document.id)).toEqual([registered.documentId]);
    const hit = found.rows[0]!;
    expect(hit.page).toBe(2);
    const highlighted = hit.passage.highlights.map((h) => hit.passage.text.slice(h.start, h.end));
    expect(highlighted.slice(0, 4)).toEqual(['quyết', 'toán', 'ngân', 'sách']);
    expect(new Set(highlighted)).toEqual(new Set(['quyết', 'toán', 'ngân', 'sách']));
    expect(found.total).toEqual({ count: 1, capped: false });
    expect(searchContent(db, { query: 'tuyen sinh', beforeId: null, limit: 20 }).rows).toEqual([]);
  }, 120_000);

  it('a born-digital PDF is read from its text layer, without OCR', async () => {
    const { db, runtime } = await setUp();
    const item = (await runtime.take('upload', 'thong-bao.pdf', [await typedPagePdf([VIETNAMESE_PAGES[2]!])]))!;
    await runtime.reader.idle();
    expect(getIntakeItem(db, item.id)!.reading).toMatchObject({ state: 'done', source: 'text_layer' });
    expect(textPages(db, item.sha256)![0]).toContain('tốt nghiệp trung học phổ thông');
  });

  it('a file that is not a PDF is marked failed with the reason, and the queue goes on', async () => {
    const { db, runtime } = await setUp();
    const broken = (await runtime.take('upload', 'hong.pdf', [new TextEncoder().encode('%PDF-1.7\nnot really a pdf')]))!;
    const good = (await runtime.take('upload', 'tot.pdf', [await typedPagePdf([VIETNAMESE_PAGES[1]!])]))!;
    await runtime.reader.idle();
    expect(getIntakeItem(db, broken.id)!.reading).toMatchObject({ state: 'failed' });
    expect(getIntakeItem(db, broken.id)!.reading!.error).toBeTruthy();
    expect(getIntakeItem(db, good.id)!.reading).toMatchObject({ state: 'done' });
  });

  it('refuses a file that is neither a PDF nor an image', async () => {
    const { runtime } = await setUp();
    await expect(runtime.take('upload', 'x.docx', [new Uint8Array([0x50, 0x4b, 3, 4])])).rejects.toThrow(/neither a PDF nor a JPEG or PNG/);
  });

  it('prints the ĐẾN stamp as a 50 × 35 mm page with the agency, the number and the date', async () => {
    const pdf = await arrivalStampPdf({ agencyName: 'Ủy ban nhân dân huyện Demo', arrivalNumber: '05', arrivalDate: '12/03/2026' });
    const info = await pdfInfo(pdf);
    expect(info.pageSize).toMatch(/^141\.73\d* x 99\.21\d* pts/);
    const text = (await pdfPageText(pdf, 1)).replace(/\s+/g, ' ');
    for (const part of ['ỦY BAN NHÂN DÂN HUYỆN DEMO', 'ĐẾN', 'Số: 05', 'Ngày: 12/03/2026', 'Chuyển:', 'Số và ký hiệu HS:']) expect(text).toContain(part);
  });
});
