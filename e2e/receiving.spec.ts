/**
 * What a clerk sees of hostile or unusual arrivals, in browser mode: a document received again
 * with other content (the conflict shown beside the original, decided by a click), and a zip
 * bomb in Cách ly (the reason in plain Vietnamese, the technical words only under "Chi tiết").
 * Agency A is a bare axis client here: only B runs VanThu.
 */
import { expect, test, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningApp } from './app-under-test.js';
import { startAxis, type AxisCredential, type RunningAxis } from './axis-harness.js';
import { openAgency, type OpenAgency } from './fixtures.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import { buildDocumentPackage } from '../shared/edxml/builder.js';
import { messages } from '../shared/i18n/messages.js';
import { collectText, sampleDocumentPackage, testBytes } from '../test/edxml-fixtures.js';
import { deflatedEntry, zipBytes } from '../test/zip-bytes.js';

let axis: RunningAxis;
let agencyB: OpenAgency;
let app: RunningApp;
let dataDir: string;
let page: Page;
let A: AxisCredential;
let B: AxisCredential;

test.beforeAll(async ({ browser }) => {
  axis = await startAxis();
  [A, B] = axis.agencies as [AxisCredential, AxisCredential];
  agencyB = await openAgency(browser, axis, B);
  ({ app, dataDir, page } = agencyB);
});
test.afterAll(async () => {
  await agencyB?.stop();
  await axis?.stop();
});

/** A package with one attachment (a small PDF unless `attachment` is given) sent by A to B over the axis. */
async function sendAsA(options: { documentId: string; subject: string; pdfSeed: number; attachment?: Uint8Array }): Promise<void> {
  const pkg = sampleDocumentPackage(['1']);
  pkg.header = {
    ...pkg.header,
    from: { ...pkg.header.from, organId: A.code, organName: A.name },
    to: [{ ...pkg.header.to[0]!, organId: B.code, organName: B.name }],
    documentId: options.documentId,
    subject: options.subject,
    responseFor: [],
  };
  pkg.traces = [{ organId: A.code, timestamp: '2026/12/01 08:00:00' }];
  const file = path.join(dataDir, `sent-${options.pdfSeed}.edxml`);
  await writeFile(file, await collectText(buildDocumentPackage(pkg, () => [options.attachment ?? testBytes(3000, options.pdfSeed, '%PDF-1.4\n')])));
  await createVxpClient({ baseUrl: axis.url, systemId: A.code, secret: A.secret }).send(file, 'edoc', [B.code]);
}

const nav = (name: string) => page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name, exact: true });

test('a document received again with other content: both shown side by side, the clerk takes the new one', async () => {
  const documentId = `${A.code},2026/12/01,15/KH-UBND`;
  await sendAsA({ documentId, subject: 'Kế hoạch kiểm tra công vụ', pdfSeed: 1 });
  await nav('Văn bản đến').click();
  const inbox = page.getByRole('table', { name: 'Danh sách văn bản đến' });
  await expect(inbox.getByRole('link', { name: 'Kế hoạch kiểm tra công vụ', exact: true })).toBeVisible({ timeout: 30_000 });

  await sendAsA({ documentId, subject: 'Kế hoạch kiểm tra công vụ (đính chính)', pdfSeed: 2 });
  await expect
    .poll(async () => (await app.call<{ rows: { id: number; hasConflict: boolean }[] }>('documents.list', { box: 'inbox', limit: 10, offset: 0 })).rows.map((row) => row.hasConflict), { timeout: 30_000 })
    .toEqual([true]);
  // The corrected version never appears as a second document.
  await expect(inbox.getByRole('link', { name: 'Kế hoạch kiểm tra công vụ (đính chính)', exact: true })).toHaveCount(0);

  await inbox.getByRole('link', { name: 'Kế hoạch kiểm tra công vụ', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kế hoạch kiểm tra công vụ' })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Nhận được một bản khác của văn bản này' });
  const compared = panel.getByRole('table', { name: 'So sánh bản đang có và bản mới' });
  const subjectRow = compared.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Trích yếu', exact: true }) });
  await expect(subjectRow.getByRole('cell')).toHaveText(['Kế hoạch kiểm tra công vụ', /^Kế hoạch kiểm tra công vụ \(đính chính\)/]);
  await expect(compared.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Tệp đính kèm', exact: true }) })).toHaveClass(/conflict-differs/);

  await panel.getByRole('button', { name: 'Dùng bản mới' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kế hoạch kiểm tra công vụ (đính chính)' })).toBeVisible();
  await expect(panel).toHaveCount(0);
});

test('a zip bomb in Cách ly: the reason in plain Vietnamese, the technical words only under "Chi tiết"', async () => {
  // 64 MB of spaces deflate to ~64 KB: far past what one attachment may unzip to.
  const bomb = zipBytes([deflatedEntry('Công văn.pdf', Buffer.alloc(64 * 1024 * 1024, 0x20))]);
  await sendAsA({ documentId: `${A.code},2026/12/01,99/QĐ-UBND`, subject: 'Bom nén', pdfSeed: 3, attachment: bomb });
  await nav('Cách ly').click();
  const table = page.getByRole('table', { name: 'Các gói bị cách ly' });
  const row = table.getByRole('row').filter({ hasText: messages['quarantine.reason.unzipped_too_large'].vi });
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  const detail = row.locator('details.quarantine-detail p');
  await expect(detail).toBeHidden();
  await expect(row.getByRole('cell').first()).not.toContainText(messages['quarantine.reason.unzipped_too_large'].en);
  await row.getByText('Chi tiết', { exact: true }).click();
  await expect(detail).toBeVisible();
  await expect(detail).toContainText(/MB/);
});
