/**
 * Signing in the UI, browser mode, real SoftHSM2 tokens through the host's signer process:
 * a draft is submitted ("Trình ký"), the leader signs with the PIN typed in the app (a wrong PIN
 * first), the clerk numbers it and signs for the agency. The page is kept as a screenshot, and
 * so is the in-app viewer (pdf.js) showing the signed version with both visible signatures.
 * Verification: another agency receives a signed document; its clerk sees the verdict in the inbox and
 * opens the signature panel (kept as a screenshot).
 */
import { expect, test } from './fixtures.js';
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, ROOT, skipWithoutElectron, startApp, type RunningApp } from './app-under-test.js';
import { makeTestTokens, testCertificate } from '../test/tokens.js';
import { startCrlServer } from '../test/pdf-corpus/crl-server.js';
import { sendSignedDocument } from './signed-document.js';

let app: RunningApp;
let dataDir: string;

test.afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('draft → Trình ký → Ký duyệt with the PIN → Cấp số và ký số', async ({ page }) => {
  skipWithoutElectron();
  const manifest = await makeTestTokens();
  dataDir = await makeDataDir();
  app = await startApp(dataDir, { SOFTHSM2_CONF: manifest.conf, VANTHU_PKCS11_MODULE: manifest.module });
  const { call } = app;
  await call('setup.useDemo', {});
  const subject = 'Quyết định ban hành quy chế làm việc';
  const draft = await call<{ id: number }>('drafts.create', { subject, summary: '' });
  await call('drafts.update', { id: draft.id, fields: { codeNotation: 'QĐ-UBND', typeName: 'Quyết định', signerFullName: 'Nguyễn Văn An', place: 'Nghệ An' } });
  await call('attachments.add', { documentId: draft.id, name: 'Quyết định.pdf', contentType: 'application/pdf', bytes: new Uint8Array(await readFile(path.join(ROOT, 'assets', 'sample.pdf'))) });
  const tokens = await call<{ slot: string; label: string; certificates: { id: string }[] }[]>('signing.listTokens', {});
  const slotOf = (label: string) => tokens.find((t) => t.label === label)!.slot;
  const leader = testCertificate(manifest, 'leader');
  const agency = testCertificate(manifest, 'agency');

  const cspViolations: string[] = [];
  page = await app.open(page, (page) => {
    page.on('console', (message) => {
      if (/Refused to|violates the following Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });
  await app.goto(page, `#/drafts/${draft.id}`);
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();

  // Trình ký with a preview: sample.pdf has a "So:" label but no date line and no signer's block,
  // so the clerk drags the date box and moves the leader's box with the keyboard before submitting.
  const submit = page.getByRole('button', { name: 'Trình ký', exact: true });
  const viewer = page.getByRole('region', { name: 'Xem văn bản: Quyết định.pdf' });
  await expect(viewer.getByRole('img', { name: /^Trang 1\// })).toHaveAttribute('data-drawn', 'true');
  await expect(page.getByText('Hãy đặt các khung sau vào đúng chỗ trên văn bản rồi trình ký: Ngày ban hành, Chữ ký lãnh đạo.')).toBeVisible();
  await expect(submit).toBeDisabled();
  const dateBox = viewer.getByRole('button', { name: /^Khung Ngày ban hành \(chưa tìm thấy/ });
  await dateBox.scrollIntoViewIfNeeded();
  const before = (await dateBox.boundingBox())!;
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2 - 20, before.y + before.height / 2 + 30, { steps: 5 });
  await page.mouse.up();
  const dropped = viewer.getByRole('button', { name: /^Khung Ngày ban hành \(do bạn đặt\)/ });
  const after = (await dropped.boundingBox())!;
  expect(Math.round(after.x - before.x)).toBe(-20);
  expect(Math.round(after.y - before.y)).toBe(30);
  const leaderBox = viewer.getByRole('button', { name: /^Khung Chữ ký lãnh đạo \(chưa tìm thấy/ });
  await leaderBox.focus();
  await page.keyboard.press('Shift+ArrowUp');
  await expect(viewer.getByRole('button', { name: /^Khung Chữ ký lãnh đạo \(do bạn đặt\)/ })).toBeFocused();
  // The agency's stamp follows the leader's box: the seal is previewed over its left third.
  await expect(viewer.locator('.placement-seal')).toBeVisible();
  await viewer.screenshot({ path: test.info().outputPath('placement.png') });
  await submit.click();

  const leaderForm = page.getByRole('form', { name: 'Ký duyệt' });
  await expect(leaderForm).toBeVisible();
  await leaderForm.getByLabel('Chứng thư số').selectOption(`${slotOf('LEADER')}:${leader.id}`);
  const leaderPin = leaderForm.getByLabel('Mã PIN của Nguyễn Văn An');
  await expect(leaderPin).toHaveAttribute('type', 'password');
  await expect(leaderPin).toHaveAttribute('autocomplete', 'off');
  await leaderPin.fill('0000');
  await leaderForm.getByRole('button', { name: 'Ký duyệt' }).click();
  await expect(leaderForm.getByText(/Mã PIN không đúng/)).toBeVisible();
  await expect(leaderPin).toHaveValue('');
  await leaderPin.fill(leader.token.userPin);
  await leaderForm.getByRole('button', { name: 'Ký duyệt' }).click();

  const agencyForm = page.getByRole('form', { name: 'Cấp số và ký số cơ quan' });
  await expect(agencyForm).toBeVisible();
  await agencyForm.getByLabel('Chứng thư số').selectOption(`${slotOf('AGENCY')}:${agency.id}`);
  await agencyForm.getByLabel(/^Mã PIN của /).fill(agency.token.userPin);
  await agencyForm.getByRole('button', { name: 'Cấp số và ký số' }).click();
  await expect(page.getByText('Văn bản đã được ký số và cấp số; có thể gửi.')).toBeVisible();
  await expect(page.getByLabel('Số', { exact: true })).toHaveText('01');

  // Where the clerk put the boxes, as the PDF's own fields hold them: the date where it was dropped.
  const placed = await call<{ boxes: Record<'number' | 'date' | 'leader', { box: { x: number; y: number }; source: string }> }>('documents.signingPlacement', { id: draft.id });
  expect(Object.values(placed.boxes).map((box) => box.source)).toEqual(['field', 'field', 'field']);
  const detail = await call<{ attachments: { id: number; sha256: string }[] }>('documents.get', { id: draft.id });
  const link = await call<{ url: string }>('attachments.open', { attachmentId: detail.attachments[0]!.id, purpose: 'save' });
  const signedFile = test.info().outputPath('signed.pdf');
  await writeFile(signedFile, await app.fetchFile(link.url));
  let report: string;
  try {
    report = execFileSync('pdfsig', [signedFile], { encoding: 'utf8' });
  } catch (error) {
    report = String((error as { stdout?: string }).stdout ?? '');
  }
  expect(report.match(/Signature is Valid/g)).toHaveLength(2);
  expect(report).toContain('Total document signed');
  await page.screenshot({ path: test.info().outputPath('signed.png'), fullPage: true });

  // The viewer shows the latest version (the agency-signed file): page 1 drawn by pdf.js.
  await page.setViewportSize({ width: 1280, height: 1800 });
  await expect(viewer).toHaveAttribute('data-version', detail.attachments[0]!.sha256);
  await expect(page.getByText(/^\d+ trang$/)).toBeVisible();
  const firstPage = viewer.getByRole('img', { name: /^Trang 1\// });
  await expect(firstPage).toHaveAttribute('data-drawn', 'true');
  await viewer.screenshot({ path: test.info().outputPath('viewer-signed.png') });
  const colours = await firstPage.evaluate((canvas) => {
    // The e2e project has no DOM lib: the canvas, as far as this reads it.
    const element = canvas as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const context = element.getContext('2d')!;
    const top = Math.floor(element.height / 2);
    const { data } = context.getImageData(0, top, element.width, element.height - top);
    let blue = 0;
    let red = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (b > 120 && b - r > 60 && b - g > 40) blue++;
      if (r > 150 && r - g > 80 && r - b > 80) red++;
    }
    return { blue, red, width: element.width, height: element.height };
  });
  test.info().annotations.push({ type: 'viewer-pixels', description: JSON.stringify(colours) });
  expect(colours.blue, 'blue pixels of the leader signature in the lower half of page 1').toBeGreaterThan(200);
  expect(colours.red, 'red pixels of the agency seal in the lower half of page 1').toBeGreaterThan(200);
  // pdf.js and its worker run under the strict CSP (worker-src 'self', no eval, no blob: worker).
  expect(cspViolations).toEqual([]);
});

test('Trình ký of an encrypted PDF says why and asks for no PIN', async ({ page }) => {
  skipWithoutElectron();
  const encrypted = test.info().outputPath('encrypted.pdf');
  execFileSync('qpdf', ['--encrypt', '', 'owner-secret', '256', '--', path.join(ROOT, 'assets', 'sample.pdf'), encrypted]);
  const dir = await makeDataDir();
  const running = await startApp(dir);
  try {
    await running.call('setup.useDemo', {});
    const draft = await running.call<{ id: number }>('drafts.create', { subject: 'Văn bản mã hóa', summary: '' });
    await running.call('attachments.add', { documentId: draft.id, name: 'ma-hoa.pdf', contentType: 'application/pdf', bytes: new Uint8Array(await readFile(encrypted)) });
    page = await running.open(page);
    await running.goto(page, `#/drafts/${draft.id}`);
    // Said by the signing preview, before the clerk places any box: Trình ký cannot be pressed.
    await expect(page.getByRole('alert')).toHaveText('Tệp “ma-hoa.pdf” đã được mã hóa nên không thể ký số. Hãy đề nghị nơi soạn thảo gửi bản không mã hóa.');
    await expect(page.getByRole('button', { name: 'Trình ký', exact: true })).toBeDisabled();
    await expect(page.getByRole('form', { name: 'Ký duyệt' })).toHaveCount(0);
    await expect(page.getByLabel(/Mã PIN/)).toHaveCount(0);
  } finally {
    await running.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the receiving clerk sees the signature verdict in the inbox and opens the signature panel', async ({ browser, axis, agency }) => {
  // The test CA's CRL on loopback, named by every test certificate: revocation is really checked.
  const crl = await startCrlServer();
  const manifest = await makeTestTokens({ crlUrl: crl.url });
  crl.crl = new Uint8Array(await readFile(manifest.crl));
  const sender = await agency(0, { env: { SOFTHSM2_CONF: manifest.conf, VANTHU_PKCS11_MODULE: manifest.module } });
  // B's IT staff installed the (test) root CA by copying it into the trust-anchors folder.
  const receiver = await agency(1, { trustAnchors: [manifest.caCertificate] });
  try {
    const a = sender.call;
    const receiverCredential = axis.agencies[1];
    const subject = 'Quyết định có chữ ký số để kiểm tra';
    await sendSignedDocument(a, manifest, { subject, codeNotation: 'QĐ-UBND', typeName: 'Quyết định', fileName: 'quyet-dinh.pdf' }, receiverCredential!.code);

    const page = await receiver.open(browser);
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Văn bản đến', exact: true }).click();
    const row = page.getByRole('table', { name: 'Danh sách văn bản đến' }).getByRole('row').filter({ hasText: subject });
    // Arrives with the next sync round, then the background verification turns the badge green.
    await expect(row.getByRole('img', { name: /^Chữ ký số: Hợp lệ\./ })).toBeVisible({ timeout: 30_000 });
    await row.getByRole('link', { name: subject }).click();

    const panel = page.getByRole('region', { name: 'Chữ ký số' });
    await expect(panel.getByText('Tất cả chữ ký số hợp lệ và đúng cơ quan gửi.')).toBeVisible();
    await expect(panel.getByText(/Cơ quan ký số “UBND tỉnh Nghệ An” đúng là cơ quan gửi/)).toBeVisible();
    await expect(panel.getByText('Chữ ký 1', { exact: true })).toBeVisible();
    await expect(panel.getByText('Chữ ký 2', { exact: true })).toBeVisible();
    await expect(panel.getByText('Phó Chủ tịch', { exact: true })).toBeVisible();
    await expect(panel.getByText('Ký trên toàn bộ văn bản')).toBeVisible();
    // Signed without a time-stamp server: the basic level, as the panel names it.
    await expect(panel.getByText('Cơ bản (không có dấu thời gian)')).toHaveCount(2);
    await expect(panel.getByText(/\(giờ Việt Nam\) · .* UTC/).first()).toBeVisible();
    const leaderSignature = panel.getByRole('listitem').filter({ has: page.getByText('Chữ ký 1', { exact: true }) });
    await leaderSignature.getByText('Chi tiết kỹ thuật').click();
    await expect(leaderSignature.getByText('TOTAL_PASSED', { exact: true })).toBeVisible();
    await expect(leaderSignature.getByText(/Tình trạng thu hồi \(CRL\/OCSP\): chưa bị thu hồi/)).toBeVisible();
    // The number, the date and the agency's signature came after the leader's: allowed, so a warning and not a failure.
    await expect(leaderSignature.getByRole('note')).toHaveText(/^⚠ Văn bản có thay đổi sau khi ký: điền biểu mẫu; thêm chữ ký\. Các thay đổi này được phép nên chữ ký vẫn hợp lệ/);
    const agencySignature = panel.getByRole('listitem').filter({ has: page.getByText('Chữ ký 2', { exact: true }) });
    await expect(agencySignature.getByRole('note')).toHaveCount(0);
    await page.setViewportSize({ width: 1280, height: 2400 });
    await panel.screenshot({ path: test.info().outputPath('signature-panel.png') });
  } finally {
    await crl.close();
  }
});
