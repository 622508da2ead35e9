/**
 * "Quản trị → Nhật ký" from a desk to a real hub (test/hub.ts, real PostgreSQL) over real HTTP:
 * the admin's desk reads the log a page at a time with its own computer named on its rows, the
 * chain's verdict, and the filtered rows exported as XLSX, CSV and PDF (the export recorded in the
 * desk's own log); a clerk's desk is refused by the hub.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api/errors.js';
import { BlobLinks } from '../electron/core/blobs/blob-links.js';
import { NO_POLICY } from '../electron/core/policy/load-policy.js';
import { hubAuditHandlers } from '../electron/core/service/hub-audit-handlers.js';
import type { CoreContext } from '../electron/core/service/handlers.js';
import { TEST_PASSWORD, useTestHub } from './hub.js';
import { testDesk, type TestDesk } from './hub-desk.js';
import { pdfPageText } from './pdf-tools.js';
import { useTempDirs } from './temp-dir.js';

const hub = useTestHub();
const tempDir = useTempDirs();
const files = new BlobLinks((token) => token);
afterAll(() => files.close());

/** The parts of the core the audit calls use: the desk's own database, its file links, the policy, who acts. */
function auditCalls(desk: TestDesk) {
  const ctx = { db: desk.db, files, policy: NO_POLICY, actor: 'quantri', connection: () => null } as unknown as CoreContext;
  return hubAuditHandlers(ctx, desk.link);
}

describe("the admin's audit log at the desk", () => {
  it('pages the hub log with this computer named, says the chain is whole, exports the filtered rows; a clerk is refused', async () => {
    const test = await hub();
    const hubUrl = await test.app.listen({ host: '127.0.0.1', port: 0 });
    await test.addUser('quantri', ['admin']);
    await test.addUser('vanthu', ['clerk']);
    const desk = await testDesk(await tempDir());
    try {
      await desk.link.signIn(hubUrl, 'quantri', TEST_PASSWORD);
      const calls = auditCalls(desk);

      const first = await calls['hub.audit']({ filter: { restrictedOnly: false }, limit: 2 });
      expect(first.rows).toHaveLength(2);
      expect(first.nextBefore).toBe(first.rows[1]!.seq);
      const next = await calls['hub.audit']({ filter: { restrictedOnly: false }, before: first.nextBefore!, limit: 500 });
      expect(next.rows[0]!.seq).toBeLessThan(first.nextBefore!);
      const signIns = await calls['hub.audit']({ filter: { kind: 'signIn', actor: 'quantri', restrictedOnly: false }, limit: 10 });
      expect(signIns.rows).toMatchObject([{ action: 'sign_in', actor: 'quantri', desk: { name: os.hostname(), address: '127.0.0.1' } }]);
      expect(await calls['hub.auditChain']({})).toMatchObject({ ok: true });

      const sheet = await calls['hub.auditExport']({ filter: { kind: 'signIn', restrictedOnly: false }, format: 'xlsx' });
      expect(sheet.fileName).toMatch(/^nhat-ky-may-chu-den-\d{2}-\d{2}-\d{4}\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(files.resolve(sheet.url)!.path)).buffer as ArrayBuffer);
      const values = (workbook.worksheets[0]!.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
      expect(values[1]![0]).toBe('NHẬT KÝ MÁY CHỦ CƠ QUAN');
      expect(values[3]).toEqual(['Thời gian', 'Người', 'Máy', 'Việc làm', 'Văn bản']);
      expect(values.slice(4)).toHaveLength(1);
      expect(values[4]).toEqual([expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/), 'quantri', `${os.hostname()}, địa chỉ 127.0.0.1`, 'Đăng nhập', '']);

      // CSV for another program: the header and the rows only, UTF-8 with its mark, CRLF.
      const csv = await calls['hub.auditExport']({ filter: { kind: 'signIn', restrictedOnly: false }, format: 'csv' });
      expect(csv).toMatchObject({ fileName: expect.stringMatching(/\.csv$/), contentType: 'text/csv; charset=utf-8' });
      const csvText = await readFile(files.resolve(csv.url)!.path, 'utf8');
      expect(csvText.split('\r\n')).toEqual(['\uFEFFThời gian,Người,Máy,Việc làm,Văn bản', expect.stringMatching(new RegExp(`^\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2},quantri,"${os.hostname()}, địa chỉ 127.0.0.1",Đăng nhập,$`)), '']);

      const pdf = await calls['hub.auditExport']({ filter: { restrictedOnly: false }, format: 'pdf' });
      const text = await pdfPageText(new Uint8Array(await readFile(files.resolve(pdf.url)!.path)), 1);
      expect(text).toContain('NHẬT KÝ MÁY CHỦ CƠ QUAN');
      expect(text).toContain('Tạo tài khoản');
      // Each file that left the app is in the desk's own log.
      expect(desk.db.prepare("SELECT subject, json_extract(details, '$.format') AS format FROM audit_log WHERE action = 'export' ORDER BY seq").all()).toEqual(
        ['xlsx', 'csv', 'pdf'].map((format) => ({ subject: 'hub:audit', format })),
      );

      await desk.link.signOut();
      await desk.link.signIn(hubUrl, 'vanthu', TEST_PASSWORD);
      const refused = calls['hub.audit']({ filter: { restrictedOnly: false }, limit: 10 });
      await expect(refused).rejects.toBeInstanceOf(ApiError);
      await expect(refused).rejects.toMatchObject({ code: 'forbidden' });
    } finally {
      await desk.close();
    }
  });
});
