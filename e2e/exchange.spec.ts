/**
 * Exchange end to end, in browser mode: agencies A, B and C, each its own VanThu (data folder,
 * host, sync process), one reference axis process between them. Clerks act through the UI;
 * setting up the second and third documents goes through the same HTTP API the UI uses.
 */
import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, skipWithoutElectron, type RunningApp } from './app-under-test.js';
import { startAxis, type AxisCredential, type RunningAxis } from './axis-harness.js';
import { openAgency, type OpenAgency } from './fixtures.js';
import { nav, openIncoming } from './screens.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import { writePackageFile } from '../electron/core/exchange/edxml/package-writer.js';
import { buildDocumentId } from '../shared/edxml/document-id.js';
import { BUSINESS_DOC_TYPE } from '../shared/edxml/codes.js';
import type { DocumentPackage, Organization } from '../shared/edxml/model.js';

const SAMPLE_PDF = path.join(ROOT, 'assets', 'sample.pdf');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Agency extends OpenAgency {
  call: RunningApp['call'];
}

let axis: RunningAxis;
const agencies: Agency[] = [];

test.beforeAll(async ({ browser }) => {
  skipWithoutElectron();
  axis = await startAxis();
  for (const credential of axis.agencies) {
    // These documents are not signed: IT's AllowUnsignedSending policy lets them leave, numbered by the register.
    const agency = await openAgency(browser, axis, credential, { unsignedSending: true });
    agencies.push({ ...agency, call: agency.app.call });
  }
});
test.afterAll(async () => {
  for (const agency of agencies) await agency.stop();
  await axis?.stop();
});

async function openOutgoing(page: Page, subject: string): Promise<void> {
  await nav(page, 'Văn bản đi').click();
  await page.getByRole('table', { name: 'Danh sách văn bản đi' }).getByRole('link', { name: subject, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
}

/** A draft ready to send, made through the API (the first document is made through the UI). */
async function apiDraft(agency: Agency, subject: string): Promise<number> {
  const draft = await agency.call<{ id: number }>('drafts.create', { subject, summary: '' });
  await agency.call('drafts.update', {
    id: draft.id,
    fields: { codeNotation: 'UBND-VP', typeName: 'Công văn', signerFullName: 'Nguyễn Văn An', priority: 0 },
  });
  await agency.call('attachments.add', { documentId: draft.id, name: 'Công văn.pdf', contentType: 'application/pdf', bytes: new Uint8Array(await readFile(SAMPLE_PDF)) });
  return draft.id;
}

function recipientRow(page: Page, agencyName: string) {
  return page.getByRole('table', { name: 'Tình trạng tại các cơ quan nhận' }).getByRole('row').filter({ hasText: agencyName });
}

test('A sends to B and C through the UI; B accepts, C returns; A sees both', async () => {
  const [A, B, C] = agencies as [Agency, Agency, Agency];
  const subject = 'V/v phối hợp tổ chức Ngày Chuyển đổi số';
  const pdf = await readFile(SAMPLE_PDF);
  const appendix = Buffer.from('%PDF-1.4\n% Phụ lục: danh sách đơn vị phối hợp\n%%EOF\n');

  const page = A.page;
  await nav(page, 'Dự thảo').click();
  await page.getByLabel('Trích yếu').fill(subject);
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await page.getByLabel('Ký hiệu').fill('UBND-VX');
  await page.getByLabel('Loại văn bản').fill('Công văn');
  await page.getByLabel('Người ký').fill('Nguyễn Văn An');
  // Autosave may save the header before a click could: wait for it to say so instead of clicking a button it disabled.
  await expect(page.getByText('Đã lưu.', { exact: true })).toBeVisible();
  await page.getByLabel('Thêm tệp PDF').setInputFiles(SAMPLE_PDF);
  await expect(page.getByText('Công văn', { exact: false }).first()).toBeVisible();
  await page.getByLabel('Thêm tệp PDF').setInputFiles({ name: 'Phụ lục.pdf', mimeType: 'application/pdf', buffer: appendix });
  // The cell, not the "Đã thêm tệp Phụ lục.pdf." status that may show at the same time.
  await expect(page.getByRole('cell', { name: 'Phụ lục.pdf', exact: true })).toBeVisible();

  const picker = page.getByRole('combobox', { name: 'Tìm cơ quan nhận' });
  for (const recipient of [B, C]) {
    await picker.fill(recipient.credential.code);
    await page.getByRole('listbox', { name: 'Cơ quan tìm được' }).getByRole('option').first().click();
    await expect(page.getByRole('list', { name: 'Cơ quan nhận đã chọn' })).toContainText(recipient.credential.name);
  }
  await page.getByRole('button', { name: 'Cấp số và gửi (không ký số)', exact: true }).click();
  await expect(page).toHaveURL(/#\/sent\/\d+/);

  await openIncoming(B.page, subject);
  const atB = await B.call<{ id: number; attachments: { id: number; sha256: string }[] }>('documents.get', { id: Number(/(\d+)$/.exec(B.page.url())![1]) });
  expect(atB.attachments.map((a) => a.sha256)).toEqual([sha(pdf), sha(appendix)]);
  for (const [attachment, expected] of [[atB.attachments[0]!, pdf], [atB.attachments[1]!, appendix]] as const) {
    const link = await B.call<{ url: string }>('attachments.open', { attachmentId: attachment.id, purpose: 'save' });
    expect((await B.app.fetchFile(link.url)).equals(expected)).toBe(true);
  }
  await B.page.getByRole('button', { name: 'Tiếp nhận' }).click();
  // Not signed: accepting it is confirmed with the verdict shown.
  await B.page.getByRole('dialog', { name: 'Tiếp nhận văn bản chưa xác nhận được chữ ký số' }).getByRole('button', { name: 'Vẫn tiếp nhận' }).click();
  await expect(B.page.getByText(/Số đến: 01\b/)).toBeVisible();

  await openIncoming(C.page, subject);
  await C.page.getByRole('button', { name: 'Trả lại', exact: true }).click();
  const dialog = C.page.getByRole('dialog', { name: 'Trả lại văn bản' });
  await dialog.getByLabel('Lý do').fill('Không thuộc thẩm quyền giải quyết của đơn vị');
  await dialog.getByRole('button', { name: 'Xác nhận trả lại' }).click();
  await expect(dialog).toBeHidden();

  await openOutgoing(A.page, subject);
  await expect(recipientRow(A.page, B.credential.name)).toContainText('Đã tiếp nhận', { timeout: 30_000 });
  await expect(recipientRow(A.page, C.credential.name)).toContainText('Bị trả lại', { timeout: 30_000 });
  await expect(recipientRow(A.page, C.credential.name)).toContainText('Không thuộc thẩm quyền giải quyết của đơn vị');
  await A.page.screenshot({ path: test.info().outputPath('outbox-statuses.png'), fullPage: true });
});

test('A asks to take a document back; B agrees; B’s copy shows as taken back', async () => {
  const [A, B] = agencies as [Agency, Agency, Agency];
  const subject = 'V/v lấy ý kiến góp ý dự thảo quy chế';
  await A.call('documents.send', { id: await apiDraft(A, subject), recipients: [B.credential.code] });
  await openIncoming(B.page, subject);

  await openOutgoing(A.page, subject);
  await A.page.getByRole('button', { name: 'Đề nghị lấy lại' }).click();
  const ask = A.page.getByRole('dialog', { name: 'Đề nghị lấy lại văn bản' });
  await ask.getByLabel('Lý do').fill('Gửi nhầm nơi nhận');
  // The request goes only to the recipients ticked.
  await ask.getByRole('checkbox', { name: B.credential.name }).check();
  await ask.getByRole('button', { name: 'Xác nhận đề nghị lấy lại' }).click();

  await expect(B.page.getByRole('button', { name: 'Đồng ý', exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(B.page.getByText('Gửi nhầm nơi nhận').first()).toBeVisible();
  await B.page.getByRole('button', { name: 'Đồng ý', exact: true }).click();
  const agree = B.page.getByRole('dialog', { name: 'Đồng ý với đề nghị' });
  await agree.getByRole('button', { name: 'Xác nhận đồng ý' }).click();
  // Taken back, not revoked (another action): the glossary's words.
  await expect(B.page.getByRole('heading', { name: 'Văn bản đã được cơ quan gửi lấy lại' })).toBeVisible();
  await expect(B.page.getByText('Lý do: Gửi nhầm nơi nhận')).toBeVisible();
});

test('A replaces a document; B sees the link to what it replaces', async () => {
  const [A, B] = agencies as [Agency, Agency, Agency];
  const subject = 'Kế hoạch tổ chức hội nghị tổng kết năm';
  await A.call('documents.send', { id: await apiDraft(A, subject), recipients: [B.credential.code] });
  await openIncoming(B.page, subject);
  const replacementSubject = `${subject} (thay thế)`;
  const replacementId = await apiDraft(A, replacementSubject);

  await openOutgoing(A.page, subject);
  await A.page.getByRole('button', { name: 'Thay thế' }).click();
  const dialog = A.page.getByRole('dialog', { name: 'Thay thế văn bản' });
  await dialog.getByLabel('Văn bản thay thế').selectOption(String(replacementId));
  await dialog.getByLabel('Lý do').fill('Điều chỉnh thời gian tổ chức');
  await dialog.getByRole('button', { name: 'Xác nhận thay thế' }).click();

  await openIncoming(B.page, replacementSubject);
  await expect(B.page.getByRole('link', { name: new RegExp(`^Thay thế cho .*${subject}`) })).toBeVisible();
});

test('a package whose attachment is zip-wrapped, as VNPT’s library sends it, arrives as the PDF', async () => {
  const [A, B] = agencies as [Agency, Agency, Agency];
  const subject = 'V/v gửi văn bản từ hệ thống khác (tệp nén)';
  const org = (credential: AxisCredential): Organization => ({ organId: credential.code, organizationInCharge: '', organName: credential.name, organAdd: '', email: '', telephone: '', fax: '', website: '' });
  const pkg: DocumentPackage = {
    header: {
      from: org(A.credential),
      to: [org(B.credential)],
      documentId: buildDocumentId(A.credential.code, '2026/11/23', { codeNumber: '77', codeNotation: 'SNV-VP' }),
      code: { codeNumber: '77', codeNotation: 'SNV-VP' },
      promulgationInfo: { place: 'Nghệ An', promulgationDate: '2026/11/23' },
      documentType: { type: 1, typeDetail: 1, typeName: 'Công văn' },
      subject,
      content: subject,
      signerInfo: { competence: '', position: 'Giám đốc', fullName: 'Trần Văn Bình' },
      dueDate: '',
      toPlaces: ['Như trên;', 'Lưu: VT.'],
      otherInfo: { priority: 0, sphereOfPromulgation: '', typerNotation: '', promulgationAmount: null, pageAmount: null, direction: false, appendixes: [] },
      responseFor: [],
      steeringType: 1,
    },
    traces: [{ organId: A.credential.code, timestamp: '2026/11/23 09:00:00' }],
    business: { docType: BUSINESS_DOC_TYPE.new, reason: '', documentId: '', paper: false, staffInfo: { department: '', staff: '', email: '', mobile: '' }, documentInfo: false, documentReceiver: false, receivers: [], replacements: [] },
    references: [{ contentId: 'cid:1', contentType: 'application/pdf', description: '', attachmentName: 'cong-van-77.pdf' }],
    attachments: [{ contentId: 'cid:1', contentType: 'application/pdf', description: '', attachmentName: 'cong-van-77.pdf' }],
  };
  const file = path.join(A.dataDir, 'zip-wrapped.edxml');
  await writePackageFile(file, pkg, new Map([['cid:1', SAMPLE_PDF]]), { zipAttachments: true });
  expect((await readFile(file, 'utf8')).includes('UEsDB')).toBe(true); // base64 of "PK\x03\x04": the zip wrapper is on the wire
  await createVxpClient({ baseUrl: axis.url, systemId: A.credential.code, secret: A.credential.secret }).send(file, 'edoc', [B.credential.code]);

  await openIncoming(B.page, subject);
  const detail = await B.call<{ attachments: { name: string; sha256: string }[] }>('documents.get', { id: Number(/(\d+)$/.exec(B.page.url())![1]) });
  expect(detail.attachments).toEqual([expect.objectContaining({ name: 'cong-van-77.pdf', sha256: sha(await readFile(SAMPLE_PDF)) })]);
});

test('with the axis stopped, A queues 3 documents; when it is back they are delivered once each, without a click', async () => {
  const [A, B] = agencies as [Agency, Agency, Agency];
  await axis.stop();
  const subjects = ['Thông báo lịch trực tuần 48', 'Thông báo lịch trực tuần 49', 'Thông báo lịch trực tuần 50'];
  for (const subject of subjects) await A.call('documents.send', { id: await apiDraft(A, subject), recipients: [B.credential.code] });
  await nav(A.page, 'Hàng đợi gửi').click();
  await expect(A.page.getByRole('contentinfo')).toContainText(/Mất kết nối|Ngoại tuyến|offline/i, { timeout: 30_000 });

  await axis.restart();
  await expect
    .poll(async () => (await B.call<{ rows: { subject: string }[] }>('documents.list', { box: 'inbox', limit: 500, offset: 0 })).rows.filter((r) => subjects.includes(r.subject)).length, {
      timeout: 60_000,
    })
    .toBe(3);
  const inbox = await B.call<{ rows: { subject: string }[] }>('documents.list', { box: 'inbox', limit: 500, offset: 0 });
  for (const subject of subjects) expect(inbox.rows.filter((r) => r.subject === subject)).toHaveLength(1);
  await expect.poll(async () => (await A.call<{ queueLength: number }>('sync.getStatus', {})).queueLength, { timeout: 30_000 }).toBe(0);
});
