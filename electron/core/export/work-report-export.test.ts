import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkFigures, WorkReport } from '../../../shared/hub/work-report.js';
import { pdfPageText } from '../../../test/pdf-tools.js';
import { BlobLinks } from '../blobs/blob-links.js';
import { exportTable } from './export-file.js';
import { workReportFileName, workReportTable } from './work-report-export.js';

const files = new BlobLinks((token) => token);
afterAll(() => files.close());

const AGENCY = 'Ủy ban nhân dân xã Nghi Lộc';
const none: WorkFigures = { assigned: 0, doneOnTime: 0, doneLate: 0, open: 0, openOverdue: 0, closed: 0, onTimeRate: null, averageWorkingDays: null };
const unitA: WorkFigures = { assigned: 3, doneOnTime: 1, doneLate: 2, open: 0, openOverdue: 0, closed: 0, onTimeRate: 1 / 3, averageWorkingDays: 1.7 };
const REPORT: WorkReport = {
  from: '2026-11-16',
  to: '2026-11-30',
  day: '2026-11-30',
  scope: 'all',
  units: [
    {
      unitId: 2,
      code: 'TH',
      name: 'Phòng Tổng hợp',
      ...unitA,
      people: [
        { userId: null, name: 'Phòng Tổng hợp', ...none, assigned: 1, open: 1, openOverdue: 1 },
        { userId: 7, name: 'Nguyễn Văn An', ...unitA },
      ],
    },
  ],
  total: { ...unitA, assigned: 4, open: 1, openOverdue: 1 },
  presentation: { normal: { registered: 3, onTime: 1, late: 1, waiting: 1 }, urgent: { registered: 2, onTime: 1, late: 1, waiting: 0 }, urgentHours: 2 },
};

async function exported(format: 'pdf' | 'xlsx') {
  const link = await exportTable(files, workReportTable(AGENCY, REPORT), format, workReportFileName(REPORT));
  return { ...link, bytes: new Uint8Array(await readFile(files.resolve(link.url)!.path)) };
}

describe('work handling report export', () => {
  it('writes XLSX rows per unit, its people under it, the total and the presentation rule, counts as numbers and the rate in per cent', async () => {
    const file = await exported('xlsx');
    expect(file.fileName).toBe('bao-cao-xu-ly-cong-viec-tu-16-11-2026-den-30-11-2026.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes.slice().buffer);
    const values = (workbook.worksheets[0]!.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
    expect(values.slice(0, 3).map((row) => row[0])).toEqual(['ỦY BAN NHÂN DÂN XÃ NGHI LỘC', 'XỬ LÝ CÔNG VIỆC', 'Từ ngày 16/11/2026 đến ngày 30/11/2026 (việc đang xử lý tính đến ngày 30/11/2026)']);
    expect(values[3]).toEqual(['Đơn vị, cá nhân', 'Được giao', 'Xong đúng hạn', 'Xong trễ hạn', 'Đang xử lý', 'Đang quá hạn', 'Dừng xử lý', 'Tỷ lệ đúng hạn (%)', 'Thời gian xử lý trung bình (ngày làm việc)']);
    expect(values.slice(4, 8)).toEqual([
      ['TH – Phòng Tổng hợp', 3, 1, 2, 0, 0, 0, 33.3, 1.7],
      // Nothing finished: no rate and no mean, blank rather than 0.
      ['    Phòng Tổng hợp (chưa giao cho ai)', 1, 0, 0, 1, 1, 0, '', ''],
      ['    Nguyễn Văn An', 3, 1, 2, 0, 0, 0, 33.3, 1.7],
      ['Tổng cộng', 4, 1, 2, 1, 1, 0, 33.3, 1.7],
    ]);
    expect(values.slice(9).map((row) => row[0])).toEqual([
      'Trình văn bản đến. Văn bản đến phải được trình lãnh đạo ngay trong ngày làm việc vào sổ; văn bản khẩn trong vòng 2 giờ.',
      'Văn bản thường: 3 vào sổ, 1 trình đúng hạn, 1 trình muộn hoặc quá hạn chưa trình, 1 chưa trình còn trong hạn',
      'Văn bản khẩn: 2 vào sổ, 1 trình đúng hạn, 1 trình muộn hoặc quá hạn chưa trình, 0 chưa trình còn trong hạn',
    ]);
  });

  it('prints the same as a PDF with its title, period, header row and rows', async () => {
    const file = await exported('pdf');
    expect(file).toMatchObject({ fileName: 'bao-cao-xu-ly-cong-viec-tu-16-11-2026-den-30-11-2026.pdf', contentType: 'application/pdf' });
    const text = await pdfPageText(file.bytes, 1);
    expect(text).toContain('XỬ LÝ CÔNG VIỆC');
    expect(text).toContain('Từ ngày 16/11/2026 đến ngày 30/11/2026');
    expect(text).toContain('Được giao');
    expect(text).toContain('Xong đúng hạn');
    expect(text).toMatch(/Nguyễn Văn An\s+3\s+1\s+2\s+0\s+0\s+0\s+33[.,]3\s+1[.,]7/);
    expect(text).toContain('Văn bản khẩn: 2 vào sổ');
  });
});
