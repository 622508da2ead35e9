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
import { registerFileName, registerTable } from './register-export.js';
import { reportFileName, reportTable, type ReportData } from './report-export.js';
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
const AGENCY = 'Sở Nội vụ tỉnh Nghệ An';

async function bookOf2026(): Promise<{ db: Db; table: ReturnType<typeof registerTable>; fileName: string }> {
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
  return { db, table: registerTable(AGENCY, register, 2026, registerEntries(db, register, 2026, 1000, 0).rows), fileName: registerFileName(register, 2026) };
}

describe('register export', () => {
  it('prints the book as an A4 landscape PDF: the agency and the period, Vietnamese headers on every page, the first row first, page numbers', async () => {
    const { db, table, fileName } = await bookOf2026();
    const file = await exported(table, 'pdf', fileName);
    expect(file.fileName).toBe('so-dang-ky-van-ban-den-2026.pdf');
    expect(file.contentType).toBe('application/pdf');

    const info = await pdfInfo(file.bytes);
    expect(info.pageSize).toMatch(/^841\.89 x 595\.28 pts/);
    expect(info.title).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(info.pages).toBeGreaterThan(1);

    const first = await pdfPageText(file.bytes, 1);
    expect(first).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(first).toContain('SỞ NỘI VỤ TỈNH NGHỆ AN');
    expect(first).toContain('Năm 2026 (từ ngày 01/01/2026 đến ngày 31/12/2026)');
    expect(info.author).toBe(AGENCY);
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

  it('writes the same book as XLSX: agency and title rows, the decree headers, one row per document, dates as dates', async () => {
    const { db, table, fileName } = await bookOf2026();
    const file = await exported(table, 'xlsx', fileName);
    expect(file.fileName).toBe('so-dang-ky-van-ban-den-2026.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes.slice().buffer);
    const sheet = workbook.worksheets[0]!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1)[0]).toBe('SỞ NỘI VỤ TỈNH NGHỆ AN');
    expect(values(2)[0]).toBe('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(values(3)[0]).toBe('Năm 2026 (từ ngày 01/01/2026 đến ngày 31/12/2026)');
    expect(values(4)).toEqual(['Ngày đến', 'Số đến', 'Tác giả', 'Số, ký hiệu', 'Ngày tháng văn bản', 'Tên loại và trích yếu nội dung', 'Đơn vị hoặc người nhận', 'Ký nhận', 'Ghi chú']);
    expect(values(5).slice(0, 5)).toEqual([new Date(Date.UTC(2026, 2, 3)), '01', 'Ủy ban nhân dân tỉnh Nghệ An', '1/UBND-VX', new Date(Date.UTC(2026, 2, 2))]);
    expect(sheet.getRow(5).getCell(1).numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getRow(5).getCell(5).numFmt).toBe('dd/mm/yyyy');
    expect(sheet.rowCount).toBe(4 + DOCUMENTS);
    expect(values(4 + DOCUMENTS)[5]).toBe(`Công văn: Văn bản thứ ${DOCUMENTS}`);
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
  it('writes a report as XLSX with the agency, its title, period (day first) and Vietnamese headers; an untyped row is named', async () => {
    const period = { from: '2026-01-01', to: '2026-03-31' };
    const rows = [
      { label: 'Công văn', sent: 4, received: 7 },
      { label: '', sent: 0, received: 2 },
    ];
    const data: ReportData = { kind: 'byType', rows };
    const file = await exported(reportTable(AGENCY, data, period), 'xlsx', reportFileName(data, period));
    expect(file.fileName).toBe('bao-cao-theo-loai-van-ban-tu-01-01-2026-den-31-03-2026.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes.slice().buffer);
    const values = (workbook.worksheets[0]!.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
    // Agency, title and period are merged across the columns: each merged cell reads as the first.
    expect(values.slice(0, 3).map((row) => row[0])).toEqual(['SỞ NỘI VỤ TỈNH NGHỆ AN', 'THEO LOẠI VĂN BẢN', 'Từ ngày 01/01/2026 đến ngày 31/03/2026']);
    expect(values.slice(3)).toEqual([['Loại văn bản', 'Văn bản đi', 'Văn bản đến'], ['Công văn', 4, 7], ['(Chưa ghi loại)', 0, 2]]);
  });

  it('keeps months and due dates as dates in XLSX, written MM/yyyy and dd/MM/yyyy in the PDF', async () => {
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const months: ReportData = { kind: 'byMonth', rows: [{ label: '2026-12', sent: 1, received: 2 }] };
    const sheet = await exported(reportTable(AGENCY, months, period), 'xlsx', reportFileName(months, period));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sheet.bytes.slice().buffer);
    const monthCell = workbook.worksheets[0]!.getRow(5).getCell(1);
    expect(monthCell.value).toEqual(new Date(Date.UTC(2026, 11, 1)));
    expect(monthCell.numFmt).toBe('mm/yyyy');
    expect(await pdfPageText((await exported(reportTable(AGENCY, months, period), 'pdf', 'x')).bytes, 1)).toMatch(/12\/2026\s+1\s+2/);

    const overdue: ReportData = { kind: 'overdue', today: '2026-12-10', rows: [{ documentId: 1, subject: 'V/v báo cáo', numberNotation: '5/UBND', senderName: 'UBND tỉnh Nghệ An', dueDate: '2026-12-04', daysLate: 6, state: 'accepted' }] };
    const file = await exported(reportTable(AGENCY, overdue, period), 'pdf', reportFileName(overdue, period));
    expect(file.fileName).toBe('bao-cao-van-ban-qua-han-den-10-12-2026.pdf');
    const text = await pdfPageText(file.bytes, 1);
    expect(text).toContain('Tính đến ngày 10/12/2026');
    expect(text).toMatch(/04\/12\/2026\s+6/);
    expect(text).not.toContain('2026-12-04');
  });

  it('prints the same report as a PDF with the agency, its title, period and rows', async () => {
    const period = { from: '2026-01-01', to: '2026-03-31' };
    const file = await exported(reportTable(AGENCY, { kind: 'byType', rows: [{ label: 'Quyết định', sent: 12, received: 3 }] }, period), 'pdf', 'bao-cao');
    expect(file).toMatchObject({ fileName: 'bao-cao.pdf', contentType: 'application/pdf' });
    const text = await pdfPageText(file.bytes, 1);
    expect(text).toContain('SỞ NỘI VỤ TỈNH NGHỆ AN');
    expect(text).toContain('THEO LOẠI VĂN BẢN');
    expect(text).toContain('Từ ngày 01/01/2026 đến ngày 31/03/2026');
    expect(text).toMatch(/Quyết định\s+12\s+3/);
  });
});
