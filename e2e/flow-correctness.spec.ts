/**
 * Numbering, sending and accepting as a clerk and a leader meet them at 1366×768 in browser mode, with real
 * SoftHSM2 tokens: the number is never typed and an unsigned document cannot be sent; the
 * leader's step offers personal certificates only and warns about another signer, the agency's
 * step the agency's certificate only; the receiving clerk is asked before accepting a document
 * whose signatures are not confirmed; the internal note of "Giao xử lý" stays in the agency.
 * Screenshots of the leader's step and of the received document are kept for review.
 */
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { skipWithoutElectron } from './app-under-test.js';
import { startAxis, type RunningAxis } from './axis-harness.js';
import { openAgency, type OpenAgency as Agency } from './fixtures.js';
import { decree30Pdf, nav, openIncoming } from './screens.js';
import { makeTestTokens, testCertificate, type Manifest } from '../test/tokens.js';

const SUBJECT = 'Quyết định ban hành quy chế tiếp nhận văn bản điện tử';
const HANDLED = 'Quyết định giao nhiệm vụ chuyển đổi số năm 2026';

test.use({ viewport: { width: 1366, height: 768 } });

let axis: RunningAxis;
let manifest: Manifest;
let sender: Agency;
let receiver: Agency;

test.beforeAll(async ({ browser }) => {
  skipWithoutElectron();
  manifest = await makeTestTokens();
  axis = await startAxis();
  // No AllowUnsignedSending policy: documents leave signed.
  sender = await openAgency(browser, axis, axis.agencies[0]!, { env: { SOFTHSM2_CONF: manifest.conf, VANTHU_PKCS11_MODULE: manifest.module } });
  receiver = await openAgency(browser, axis, axis.agencies[1]!);
});
test.afterAll(async () => {
  await sender?.stop();
  await receiver?.stop();
  await axis?.stop();
});

test('1–2: the number comes from the register, never typed; unsigned cannot be sent; each signing step takes its own kind of certificate', async () => {
  const { page } = sender;
  await nav(page, 'Dự thảo').click();
  await page.getByLabel('Trích yếu').fill(SUBJECT);
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: SUBJECT })).toBeVisible();

  // "Số" is shown, not typed: no text box carries it.
  await expect(page.getByLabel('Số', { exact: true })).toHaveText('Chưa cấp số');
  await expect(page.getByRole('textbox', { name: 'Số', exact: true })).toHaveCount(0);
  await page.getByLabel('Ký hiệu').fill('QĐ-UBND');
  await page.getByLabel('Loại văn bản').fill('Quyết định');
  // Another person than the leader whose certificate is on the token.
  await page.getByLabel('Người ký').fill('Trần Văn Bình');
  await page.getByLabel('Nơi nhận').fill('Như Điều 3;\nLưu: VT, NC.');
  await page.getByLabel('Thêm tệp PDF').setInputFiles(await decree30Pdf({ signerName: 'Trần Văn Bình' }));
  await expect(page.getByRole('cell', { name: 'to-trinh.pdf', exact: true })).toBeVisible();

  // Unsigned, it cannot leave: the send section says why and offers no send button.
  const send = page.getByRole('region', { name: 'Gửi văn bản' });
  await expect(send.getByText('Văn bản chỉ được gửi sau khi lãnh đạo ký duyệt và văn thư cấp số, ký số cơ quan')).toBeVisible();
  await expect(send.getByRole('button', { name: /Gửi/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Trình ký', exact: true }).click();
  const leaderForm = page.getByRole('form', { name: 'Ký duyệt' });
  await expect(leaderForm).toBeVisible();
  const leaderChoice = leaderForm.getByLabel('Chứng thư số');
  // Pre-selected: the leader's own certificate (once the tokens are read).
  await expect(leaderChoice.locator('option:checked')).toHaveText(/^Nguyễn Văn An — LEADER — hiệu lực đến/);
  const leaderOptions = await leaderChoice.locator('option').allTextContents();
  expect(leaderOptions.some((text) => text.startsWith('UBND tỉnh Nghệ An'))).toBe(false);
  await expect(leaderForm.getByRole('alert')).toHaveText('Lưu ý: chứng thư số này của Nguyễn Văn An, nhưng người ký ghi trên dự thảo là Trần Văn Bình.');
  // The main area scrolls, not the page: the leader's step is brought into the 1366×768 window.
  await leaderForm.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('leader-step.png') });

  const leader = testCertificate(manifest, 'leader');
  await leaderForm.getByLabel('Mã PIN của Nguyễn Văn An').fill(leader.token.userPin);
  await leaderForm.getByRole('button', { name: 'Ký duyệt' }).click();

  const agencyForm = page.getByRole('form', { name: 'Cấp số và ký số cơ quan' });
  await expect(agencyForm.getByLabel('Chứng thư số').locator('option:checked')).toHaveText(/^UBND tỉnh Nghệ An — AGENCY — hiệu lực đến/);
  const agencyOptions = await agencyForm.getByLabel('Chứng thư số').locator('option').allTextContents();
  expect(agencyOptions.every((text) => text.startsWith('UBND tỉnh Nghệ An'))).toBe(true);
  const agency = testCertificate(manifest, 'agency');
  await agencyForm.getByLabel(/^Mã PIN của /).fill(agency.token.userPin);
  await agencyForm.getByRole('button', { name: 'Cấp số và ký số' }).click();
  await expect(page.getByText('Văn bản đã được ký số và cấp số; có thể gửi.')).toBeVisible();
  await expect(page.getByLabel('Số', { exact: true })).toHaveText('01');

  const picker = page.getByRole('combobox', { name: 'Tìm cơ quan nhận' });
  await picker.fill(receiver.credential.code);
  await page.getByRole('listbox', { name: 'Cơ quan tìm được' }).getByRole('option').first().click();
  await send.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expect(page).toHaveURL(/#\/sent\/\d+/);

  // The receiver reads the printed "Nơi nhận" lines on the document.
  await openIncoming(receiver.page, SUBJECT);
  await expect(receiver.page.getByRole('list', { name: 'Nơi nhận' })).toHaveText(/Như Điều 3;\s*Lưu: VT, NC\./);
  await receiver.page.getByRole('region', { name: 'Thông tin văn bản' }).scrollIntoViewIfNeeded();
  await receiver.page.screenshot({ path: test.info().outputPath('received-document-header-fields.png') });
});

/** A document signed by the leader and the agency and sent to the receiver, through the API (the first test does it on screen). */
async function sendSigned(subject: string): Promise<void> {
  const { call } = sender.app;
  const { id } = await call<{ id: number }>('drafts.create', { subject, summary: '' });
  await call('drafts.update', { id, fields: { codeNotation: 'QĐ-UBND', typeName: 'Quyết định', signerFullName: 'Nguyễn Văn An', place: 'Nghệ An' } });
  await call('attachments.add', { documentId: id, name: 'quyet-dinh.pdf', contentType: 'application/pdf', bytes: new Uint8Array(await readFile(await decree30Pdf())) });
  const tokens = await call<{ slot: string; label: string }[]>('signing.listTokens', {});
  const slotOf = (label: string) => tokens.find((token) => token.label === label)!.slot;
  const [leader, agency] = [testCertificate(manifest, 'leader'), testCertificate(manifest, 'agency')];
  await call('documents.submitForSigning', { id });
  await call('documents.signAsLeader', { id, slot: slotOf('LEADER'), certificateId: leader.id, pin: leader.token.userPin });
  await call('documents.numberAndSignAsAgency', { id, slot: slotOf('AGENCY'), certificateId: agency.id, pin: agency.token.userPin });
  await call('documents.send', { id, recipients: [receiver.credential.code] });
}

test('3–4: accepting a document whose signatures are not confirmed asks first; the internal note of "Giao xử lý" stays in the agency', async () => {
  await sendSigned(HANDLED);
  const { page } = receiver;
  await nav(page, 'Văn bản đến').click();
  const row = page.getByRole('table', { name: 'Danh sách văn bản đến' }).getByRole('row').filter({ hasText: HANDLED });
  // The test CA is not one of this agency's trust anchors: the verdict is "Cần xem lại".
  await expect(row.getByRole('img', { name: /^Chữ ký số: Cần xem lại\./ })).toBeVisible({ timeout: 30_000 });
  await row.getByRole('link', { name: HANDLED }).click();
  await expect(page.getByRole('heading', { level: 1, name: HANDLED })).toBeVisible();

  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Tiếp nhận văn bản chưa xác nhận được chữ ký số' });
  await expect(confirm).toContainText('Kết quả kiểm tra chữ ký số: Cần xem lại.');
  await confirm.getByRole('button', { name: 'Vẫn tiếp nhận' }).click();
  await expect(page.getByText(/^Đã tiếp nhận văn bản\. Số đến: \d+\.$/)).toBeVisible();

  await page.getByRole('button', { name: 'Giao xử lý', exact: true }).click();
  const assign = page.getByRole('dialog', { name: 'Giao xử lý văn bản' });
  await assign.getByLabel('Ghi chú nội bộ').fill('Giao Phòng Tổng hợp chủ trì, hạn 3 ngày; anh Cường theo dõi');
  await assign.getByLabel('Nội dung gửi cơ quan gửi').fill('Đã giao đơn vị chuyên môn xử lý');
  await assign.getByRole('button', { name: 'Xác nhận giao xử lý' }).click();
  await expect(assign).toBeHidden();
  const history = page.getByRole('region', { name: 'Diễn biến' });
  await expect(history.getByText('Ghi chú nội bộ: Giao Phòng Tổng hợp chủ trì, hạn 3 ngày; anh Cường theo dõi')).toBeVisible();
  await page.getByRole('heading', { level: 1, name: HANDLED }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('received-document.png') });
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('received-document-history.png') });

  // The sender learns what was written for it, never the note.
  await nav(sender.page, 'Văn bản đi').click();
  await sender.page.getByRole('table', { name: 'Danh sách văn bản đi' }).getByRole('link', { name: HANDLED, exact: true }).click();
  const atSender = sender.page.getByRole('table', { name: 'Tình trạng tại các cơ quan nhận' }).getByRole('row').filter({ hasText: receiver.credential.name });
  await expect(atSender).toContainText('Đã giao đơn vị chuyên môn xử lý', { timeout: 30_000 });
  await expect(sender.page.getByText(/Phòng Tổng hợp/)).toHaveCount(0);
});
