import { describe, expect, it } from 'vitest';
import { tableToCsv } from './table-csv.js';

describe('a table as CSV', () => {
  it('quotes what needs it, writes dates day first, and keeps a formula-like text as text', () => {
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      tableToCsv({
        agency: 'Sở Nội vụ',
        title: 'NHẬT KÝ',
        subtitle: '',
        columns: [{ header: 'Ngày', width: 1 }, { header: 'Trích yếu, nội dung', width: 3 }, { header: 'Số', width: 1 }],
        rows: [
          [{ iso: '2026-03-05' }, 'Về việc "khẩn", họp\nchiều', 7],
          [{ iso: '2026-03' }, '=HYPERLINK("http://x")', '-1'],
        ],
      }),
    );
    expect(csv).toBe('\uFEFFNgày,"Trích yếu, nội dung",Số\r\n05/03/2026,"Về việc ""khẩn"", họp\nchiều",7\r\n03/2026,"\'=HYPERLINK(""http://x"")",\'-1\r\n');
  });
});
