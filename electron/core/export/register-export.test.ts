import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobLinks } from '../blobs/blob-links.js';
import { insertDocument } from '../../../test/document-rows.js';
import { pdfInfo, pdfPageText } from '../../../test/pdf-tools.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { openDatabase, writeTransaction, type Db } from '../store/database.js';
import { enterInRegister, getRegister, registerEntries, registerForNumbering } from '../store/registers.js';
import { exportTable } from './export-file.js';
import { registerTable } from './register-export.js';
import { reportTable } from './report-export.js';
import { wrapText } from './table-pdf.js';

const tempDir = useTempDirs();
const DOCUMENTS = 60;
const files = new BlobLinks((token) => token);
afterAll(() => files.close());

/** An export as the page gets it (a link), with the bytes its link serves. */
async function exported(...args: Parameters<typeof exportTable> extends [unknown, ...infer Rest] ? Rest : never) {
  const link = await exportTable(files, ...args);
  return { ...link, bytes: new Uint8Array(await readFile(files.resolve(link.url)!.path)) };
}

/** An incoming register of 2026 with DOCUMENTS entries; the first has a subject long enough to wrap. */
async function bookOf2026(): Promise<{ db: Db; table: ReturnType<typeof registerTable> }> {
  const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
  const incoming = registerForNumbering(db, 'in', undefined)!;
  writeTransaction(db, () => {
    for (let i = 1; i <= DOCUMENTS; i++) {
      const id = insertDocument(db, {
        direction: 'incoming',
        subject: i === 1 ? 'Về việc tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn trên địa bàn tỉnh trong mùa mưa bão năm 2026' : `Văn bản thứ ${i}`,
        senderName: 'Ủy ban nhân dân tỉnh Nghệ An',
        codeNumber: String(i),
        codeNotation: 'UBND-VX',
        typeName: 'Công văn',
        promulgationDate: '2026-03-02',
      });
      enterInRegister(db, id, incoming, new Date(Date.UTC(2026, 2, 3, 2, i)));
    }
  });
  const register = getRegister(db, incoming.id)!;
  return { db, table: registerTable(register, 2026, registerEntries(db, register, 2026, 1000, 0).rows) };
}

describe('register export', () => {
  it('prints the book as an A4 landscape PDF: Vietnamese headers on every page, the first row first, page numbers', async () => {
    const { db, table } = await bookOf2026();
    const file = await exported(table, 'pdf', 'so-incoming-2026');
    expect(file.fileName).toBe('so-incoming-2026.pdf');
    expect(file.contentType).toBe('application/pdf');

    const info = await pdfInfo(file.bytes);
    expect(info.pageSize).toMatch(/^841\.89 x 595\.28 pts/);
    expect(info.title).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(info.pages).toBeGreaterThan(1);

    const first = await pdfPageText(file.bytes, 1);
    expect(first).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(first).toContain('Năm 2026');
    const lines = first.split('\n');
    const firstRow = lines.findIndex((line) => /^\s*03\/03\/2026\s+01\s/.test(line));
    expect(firstRow).toBeGreaterThan(0);
    expect(lines[firstRow]).toMatch(/03\/03\/2026\s+01\s+Ủy ban nhân dân tỉnh Nghệ\s+1\/UBND-VX\s+02\/03\/2026\s+Công văn: Về việc tăng/);
    // The long subject wrapped onto the following lines of the same cell.
    expect(lines.slice(firstRow + 1, firstRow + 4).join(' ')).toMatch(/thiên tai/);
    expect(first).toContain(`Trang 1/${info.pages}`);

    const last = await pdfPageText(file.bytes, info.pages);
    expect(last).toContain('Tên loại và trích yếu nội dung');
    expect(last).toContain(`Văn bản thứ ${DOCUMENTS}`);
    expect(last).toContain(`Trang ${info.pages}/${info.pages}`);
    db.close();
  });

  it('writes the same book as XLSX: title row, the decree headers, one row per document', async () => {
    const { db, table } = await bookOf2026();
    const file = await exported(table, 'xlsx', 'so-incoming-2026');
    expect(file.fileName).toBe('so-incoming-2026.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes.slice().buffer);
    const sheet = workbook.worksheets[0]!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1)[0]).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(values(2)[0]).toBe('Năm 2026');
    expect(values(3)).toEqual(['Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Ngày tháng văn bản', 'Tên loại và trích yếu nội dung', 'Đơn vị hoặc người nhận', 'Ký nhận', 'Ghi chú']);
    expect(values(4).slice(0, 5)).toEqual(['03/03/2026', '01', 'Ủy ban nhân dân tỉnh Nghệ An', '1/UBND-VX', '02/03/2026']);
    expect(sheet.rowCount).toBe(3 + DOCUMENTS);
    expect(values(3 + DOCUMENTS)[5]).toBe(`Công văn: Văn bản thứ ${DOCUMENTS}`);
    db.close();
  });

  it('wraps between words, and inside a word wider than the cell', () => {
    const measure = (s: string) => s.length;
    expect(wrapText('một hai ba bốn', 7, measure)).toEqual(['một hai', 'ba bốn']);
    expect(wrapText('abcdefghij', 4, measure)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('', 4, measure)).toEqual(['']);
  });
});

describe('report export', () => {
  it('writes a report as XLSX with its title, period and Vietnamese headers; an untyped row is named', async () => {
    const period = { from: '2026-01-01', to: '2026-03-31' };
    const rows = [
      { label: 'Công văn', sent: 4, received: 7 },
      { label: '', sent: 0, received: 2 },
    ];
    const file = await exported(reportTable({ kind: 'byType', rows }, period), 'xlsx', 'bao-cao');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes.slice().buffer);
    const values = (workbook.worksheets[0]!.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
    // Title and period are merged across the columns: each merged cell reads as the first.
    expect(values.slice(0, 2).map((row) => row[0])).toEqual(['THEO LOẠI VĂN BẢN', 'Từ ngày 2026-01-01 đến ngày 2026-03-31']);
    expect(values.slice(2)).toEqual([['Loại văn bản', 'Văn bản đi', 'Văn bản đến'], ['Công văn', 4, 7], ['(Chưa ghi loại)', 0, 2]]);
  });

  it('prints the same report as a PDF with its title, period and rows', async () => {
    const period = { from: '2026-01-01', to: '2026-03-31' };
    const file = await exported(reportTable({ kind: 'byType', rows: [{ label: 'Quyết định', sent: 12, received: 3 }] }, period), 'pdf', 'bao-cao');
    expect(file).toMatchObject({ fileName: 'bao-cao.pdf', contentType: 'application/pdf' });
    const text = await pdfPageText(file.bytes, 1);
    expect(text).toContain('THEO LOẠI VĂN BẢN');
    expect(text).toContain('Từ ngày 2026-01-01 đến ngày 2026-03-31');
    expect(text).toMatch(/Quyết định\s+12\s+3/);
  });
});
