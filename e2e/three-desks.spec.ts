/**
 * Agency mode end to end, browser mode: the hub on PostgreSQL is agency A on a reference axis;
 * its clerk, leader and specialist each work at a desk of their own (own data folder, own browser
 * context, signed in through "Kết nối máy chủ cơ quan"); agency B is a standalone VanThu on the
 * same axis. A document B sends arrives at the hub; the clerk's desk lists it, the specialist's
 * does not (he is in another unit and nobody has given it to him). The clerk accepts it at her desk
 * (B hears so) and presents it to the leader, who assigns it to the specialist at his desk (B hears
 * 04); the specialist's desk lists it from then on; the clerk drafts the
 * reply; the leader's desk loses the hub while he changes the draft and signs it with his SoftHSM2
 * token: both wait in his queue and reach the hub and the clerk's desk once he is back, the hub's
 * file a signature poppler finds valid. The clerk numbers it, seals it with the agency's
 * certificate and sends it at her desk; B's inbox shows it with its number, both signatures valid.
 *
 * One step goes around the screens because no screen does it yet: the reply's PDF is put on the
 * hub draft through the hub's database (no command adds a file to a hub draft).
 */
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HubCommandItem } from '../shared/api/hub-link.js';
import type { HubSigningView } from '../shared/api/hub-signing.js';
import { pdfSignatureReport } from '../test/pdf-tools.js';
import { testCertificate } from '../test/tokens.js';
import { ROOT } from './app-under-test.js';
import { expect, test, type Desk } from './hub-agency.js';
import { decree30Pdf, nav } from './screens.js';

const SAMPLE_PDF = path.join(ROOT, 'assets', 'sample.pdf');

const subjectsOf = (desk: Desk) => desk.replica.documents().map((document) => document.subject);
const documentIn = (desk: Desk, subject: string) => desk.replica.documents().find((document) => document.subject === subject);

const commandState = async (desk: Desk, id: string) => (await desk.app.call<HubCommandItem[]>('hub.commands', { limit: 100 })).find((command) => command.id === id)?.state;

async function openOutgoing(page: Page, subject: string): Promise<void> {
  await nav(page, 'Văn bản đi').click();
  await page.getByRole('table', { name: 'Danh sách văn bản đi' }).getByRole('link', { name: subject, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
}

test('three desks: B’s document reaches the clerk, not the specialist until the leader assigns it to him; a reply is drafted; the leader changes and signs it offline, his desk converges; the clerk numbers, seals and sends it, and B receives it signed', async ({ hubAgency }) => {
  test.setTimeout(600_000);
  const { hub, desks, partner, tokens } = hubAgency;
  const { clerk, leader, specialist } = desks;
  const subject = 'V/v đề nghị báo cáo kết quả chuyển đổi số năm 2026';

  await test.step('each desk is online as its person', async () => {
    for (const desk of [clerk, leader, specialist]) {
      // Up to a long-poll (25 s) late: the sign-in's answer, "connecting", can land after the
      // event that said "connected", and the desk says it again only at its next feed answer.
      await expect(desk.bar).toContainText('Đã kết nối máy chủ cơ quan', { timeout: 40_000 });
      await expect(desk.bar).toContainText(`Đăng nhập: ${desk.person.displayName}`);
    }
  });

  await test.step('B sends a document to A over the axis; the hub says it arrived', async () => {
    const draft = await partner.app.call<{ id: number }>('drafts.create', { subject, summary: '' });
    await partner.app.call('drafts.update', { id: draft.id, fields: { codeNotation: 'UBND-VP', typeName: 'Công văn', signerFullName: 'Phạm Văn Dũng', priority: 0 } });
    await partner.app.call('attachments.add', { documentId: draft.id, name: 'Công văn.pdf', contentType: 'application/pdf', bytes: new Uint8Array(await readFile(SAMPLE_PDF)) });
    await partner.app.call('documents.send', { id: draft.id, recipients: [hub.credential.code] });
    // The hub's exchange took it and answered 01: B's clerk sees it arrived at A.
    await openOutgoing(partner.page, subject);
    const atA = partner.page.getByRole('table', { name: 'Tình trạng tại các cơ quan nhận' }).getByRole('row').filter({ hasText: hub.credential.name });
    await expect(atA).toContainText('Đã đến', { timeout: 60_000 });
  });

  await test.step('the clerk’s desk lists it under Văn bản đến, the leader’s holds it; the specialist’s, past the same change, does not', async () => {
    await nav(clerk.page, 'Văn bản đến').click();
    await expect(clerk.page.getByRole('table', { name: 'Danh sách văn bản đến' }).getByRole('link', { name: subject, exact: true })).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => subjectsOf(leader), { timeout: 60_000 }).toContain(subject);
    const arrived = clerk.replica.cursor();
    // The hub moves a desk past changes it may not see (the long-poll's `next`): once the
    // specialist's desk is there, the document would be in its replica if the hub had sent it.
    await expect.poll(() => specialist.replica.cursor(), { timeout: 60_000 }).toBeGreaterThanOrEqual(arrived);
    expect(subjectsOf(specialist)).not.toContain(subject);
    await nav(specialist.page, 'Văn bản đến').click();
    await expect(specialist.page.getByRole('region', { name: 'Văn bản đến' }).getByText('0 văn bản', { exact: true })).toBeVisible();
    await expect(specialist.page.getByRole('link', { name: subject, exact: true })).toHaveCount(0);
    await expect(specialist.bar).toContainText('Đã kết nối máy chủ cơ quan');
  });

  await test.step('the clerk accepts it at her desk (Tiếp nhận): số đến 01 from the hub, and B hears it was accepted', async () => {
    const page = clerk.page;
    await page.getByRole('table', { name: 'Danh sách văn bản đến' }).getByRole('link', { name: subject, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
    const arrivalNumber = page.locator('.meta-grid > div').filter({ has: page.getByRole('term').filter({ hasText: /^Số đến$/ }) }).getByRole('definition');
    await expect(arrivalNumber).toHaveText('—');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await expect(arrivalNumber).toHaveText('01', { timeout: 60_000 });
    await expect.poll(() => documentIn(leader, subject)?.arrivalNumber, { timeout: 30_000 }).toBe(1);
    const atA = partner.page.getByRole('table', { name: 'Tình trạng tại các cơ quan nhận' }).getByRole('row').filter({ hasText: hub.credential.name });
    await expect(atA).toContainText('Đã tiếp nhận', { timeout: 60_000 });
  });

  await test.step('the clerk presents it to the leader, who assigns it to the specialist: from then on his desk lists it, and B hears it was assigned', async () => {
    const present = clerk.page.getByRole('form', { name: 'Trình lãnh đạo' });
    await present.getByLabel('Lãnh đạo').selectOption({ label: 'Nguyễn Văn An' });
    await present.getByLabel('Đề xuất xử lý').fill('Đề nghị giao Phòng Tổng hợp chủ trì.');
    await present.getByRole('button', { name: 'Trình', exact: true }).click();

    await nav(leader.page, 'Việc của tôi').click();
    await leader.page.getByRole('link', { name: subject, exact: true }).click({ timeout: 60_000 });
    const assign = leader.page.getByRole('form', { name: 'Cho ý kiến chỉ đạo' });
    await expect(assign.getByLabel('Ý kiến chỉ đạo')).toBeFocused();
    await assign.getByLabel('Ý kiến chỉ đạo').fill('Giao đồng chí Cường chủ trì, báo cáo kết quả.');
    await assign.getByLabel('Chủ trì', { exact: true }).selectOption({ label: 'Lê Văn Cường' });
    await assign.getByRole('button', { name: 'Giao xử lý', exact: true }).click();

    // His list, open since he found nothing there, counts it as the feed brings it: being handled.
    const inHandling = specialist.page.getByRole('tab', { name: 'Đang xử lý 1', exact: true });
    await expect(inHandling).toBeVisible({ timeout: 60_000 });
    await inHandling.click();
    await expect(specialist.page.getByRole('table', { name: 'Danh sách văn bản đến' }).getByRole('link', { name: subject, exact: true })).toBeVisible();
    expect(documentIn(specialist, subject)).toMatchObject({ arrivalNumber: 1 });
    const atA = partner.page.getByRole('table', { name: 'Tình trạng tại các cơ quan nhận' }).getByRole('row').filter({ hasText: hub.credential.name });
    await expect(atA).toContainText('Đã giao xử lý', { timeout: 60_000 });
  });

  const reply = 'V/v báo cáo kết quả chuyển đổi số năm 2026';
  const pdf = await readFile(await decree30Pdf({}, 'bao-cao.pdf'));
  await test.step('the clerk drafts the reply at her desk; with its PDF it reaches the leader’s desk, not the specialist’s', async () => {
    const page = clerk.page;
    await nav(page, 'Dự thảo').click();
    await page.getByLabel('Trích yếu').fill(reply);
    await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
    const draftLink = page.getByRole('table', { name: 'Danh sách văn bản dự thảo' }).getByRole('link', { name: reply, exact: true });
    await expect(draftLink).toBeVisible({ timeout: 60_000 });
    await draftLink.click();
    await page.getByLabel('Ký hiệu').fill('BC-VP');
    await page.getByLabel('Loại văn bản').fill('Báo cáo');
    await page.getByLabel('Người ký', { exact: true }).fill('Nguyễn Văn An');
    await page.getByLabel('Nơi ban hành').fill('Nghệ An');
    await page.getByLabel('Tóm tắt nội dung').fill('Dự thảo của văn thư');
    await page.getByRole('button', { name: 'Lưu lên máy chủ' }).click();
    await expect.poll(() => documentIn(clerk, reply)?.metadata, { timeout: 60_000 }).toMatchObject({ codeNotation: 'BC-VP', typeName: 'Báo cáo', signerFullName: 'Nguyễn Văn An', summary: 'Dự thảo của văn thư' });
    const draft = documentIn(clerk, reply)!;
    expect(draft.clientKey).toMatch(/^[0-9a-f-]{36}$/);
    await hub.attachToDraft(draft.id, { name: 'bao-cao.pdf', bytes: pdf });
    await expect.poll(() => documentIn(leader, reply)?.attachments.map((file) => file.name), { timeout: 30_000 }).toEqual(['bao-cao.pdf']);
    const drafted = leader.replica.cursor();
    await expect.poll(() => specialist.replica.cursor(), { timeout: 60_000 }).toBeGreaterThanOrEqual(drafted);
    expect(subjectsOf(specialist)).not.toContain(reply);
  });

  await test.step('the leader’s desk loses the hub: his change and his signature wait in the queue; back, both reach the hub and the clerk’s desk', async () => {
    const id = documentIn(leader, reply)!.id;
    const original = documentIn(leader, reply)!.attachments[0]!.sha256;
    // Opened while the hub answers: the file he signs is brought to his computer.
    const view = await leader.app.call<HubSigningView>('hub.signingView', { documentId: id, refresh: true });
    expect(view).toMatchObject({ blocked: null, fileHere: true, signedCurrent: false, file: { name: 'bao-cao.pdf', sha256: original } });

    leader.link.cut();
    await expect(leader.bar).toContainText('Mất kết nối máy chủ cơ quan', { timeout: 60_000 });
    await nav(leader.page, 'Dự thảo').click();
    await leader.page.getByRole('table', { name: 'Danh sách văn bản dự thảo' }).getByRole('link', { name: reply, exact: true }).click();
    await leader.page.getByLabel('Tóm tắt nội dung').fill('Lãnh đạo sửa khi mất kết nối');
    await leader.page.getByRole('button', { name: 'Lưu lên máy chủ' }).click();
    await expect(leader.bar).toContainText('Chờ gửi: 1');
    const change = (await leader.app.call<HubCommandItem[]>('hub.commands', { limit: 10 })).find((command) => command.kind === 'draft.save')!.id;
    // "Ký duyệt" under the draft's fields, offline: the file he was shown is here; the PIN typed in the form.
    const certificate = testCertificate(tokens, 'leader');
    const slot = (await leader.app.call<{ slot: string; label: string }[]>('signing.listTokens', {})).find((token) => token.label === 'LEADER')!.slot;
    await leader.page.getByRole('region', { name: 'Ký duyệt' }).getByRole('button', { name: 'Ký duyệt' }).click();
    const signForm = leader.page.getByRole('form', { name: 'Ký duyệt' });
    await signForm.getByLabel('Chứng thư số').selectOption(`${slot}:${certificate.id}`);
    await signForm.getByLabel('Mã PIN của Nguyễn Văn An').fill(certificate.token.userPin);
    await signForm.getByRole('button', { name: 'Ký duyệt' }).click();
    await expect(leader.page.getByRole('status').filter({ hasText: 'Chữ ký đang chờ gửi lên máy chủ cơ quan' })).toBeVisible({ timeout: 60_000 });
    const signed = await leader.app.call<HubSigningView>('hub.signingView', { documentId: id });
    expect(signed).toMatchObject({ signedCurrent: true, last: { state: 'queued', baseSha256: original } });
    const revision = signed.last!.revisionSha256;
    await expect(leader.bar).toContainText('Chờ gửi: 2');
    expect(await commandState(leader, change)).toBe('queued');
    // The others work on meanwhile: the hub and the clerk's desk still answer each other.
    await expect(clerk.bar).toContainText('Đã kết nối máy chủ cơ quan');
    expect(documentIn(clerk, reply)).toMatchObject({ metadata: { summary: 'Dự thảo của văn thư' }, attachments: [{ sha256: original }] });

    leader.link.restore();
    await expect(leader.bar).toContainText('Đã kết nối máy chủ cơ quan', { timeout: 90_000 });
    await expect.poll(() => commandState(leader, change), { timeout: 90_000 }).toBe('applied');
    await expect.poll(async () => (await leader.app.call<HubSigningView>('hub.signingView', { documentId: id })).last?.state, { timeout: 90_000 }).toBe('applied');
    await expect(leader.bar).not.toContainText('Chờ gửi');
    await nav(leader.page, 'Hàng đợi gửi máy chủ').click();
    const queueTable = leader.page.getByRole('table', { name: 'Việc gửi máy chủ cơ quan' });
    await expect(queueTable.getByRole('row').filter({ hasText: 'Lưu dự thảo' })).toContainText('Đã xong');
    await expect(queueTable.getByRole('row').filter({ hasText: 'Gửi bản đã ký số' })).toContainText('Đã xong');
    for (const desk of [clerk, leader]) {
      await expect
        .poll(() => {
          const document = documentIn(desk, reply);
          return { summary: document?.metadata.summary, file: document?.attachments[0]?.sha256 };
        }, { timeout: 60_000 })
        .toEqual({ summary: 'Lãnh đạo sửa khi mất kết nối', file: revision });
    }
    // The signed file as the hub serves it: the original bytes, then one signature poppler finds valid.
    const bytes = await hub.download(clerk.person, id, revision);
    expect(bytes.subarray(0, pdf.length).equals(pdf)).toBe(true);
    const report = await pdfSignatureReport(bytes);
    expect(report.match(/Signature #\d/g)).toEqual(['Signature #1']);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Nguyễn Văn An');
  });

  await test.step('the clerk numbers it, seals it with the agency’s certificate and sends it to B, at her desk', async () => {
    const page = clerk.page;
    await nav(page, 'Dự thảo').click();
    await page.getByRole('table', { name: 'Danh sách văn bản dự thảo' }).getByRole('link', { name: reply, exact: true }).click();
    const issue = page.getByRole('region', { name: 'Cấp số và ký số cơ quan' });
    await issue.getByRole('button', { name: 'Cấp số', exact: true }).click();
    await expect(issue).toContainText('Văn bản đã được cấp số 01', { timeout: 60_000 });
    await issue.getByRole('button', { name: 'Cấp số và ký số', exact: true }).click();
    const certificate = testCertificate(tokens, 'agency');
    const slot = (await clerk.app.call<{ slot: string; label: string }[]>('signing.listTokens', {})).find((token) => token.label === certificate.token.label)!.slot;
    const sealForm = page.getByRole('form', { name: 'Cấp số và ký số cơ quan' });
    await expect(sealForm).toContainText('Điền số 01 và ngày ban hành vào tệp bao-cao.pdf', { timeout: 60_000 });
    await sealForm.getByLabel('Chứng thư số').selectOption(`${slot}:${certificate.id}`);
    await sealForm.getByLabel(/^Mã PIN của /).fill(certificate.token.userPin);
    await sealForm.getByRole('button', { name: 'Cấp số và ký số', exact: true }).click();
    await expect(issue).toContainText('Văn bản số 01 đã được ký số cơ quan', { timeout: 60_000 });
    // B from the agency server's directory (this desk keeps none), found by its name.
    await issue.getByRole('combobox', { name: 'Tìm cơ quan nhận' }).fill(partner.credential.name);
    await issue.getByRole('option').filter({ hasText: partner.credential.code }).click();
    await expect(issue.getByRole('list', { name: 'Cơ quan nhận đã chọn' })).toContainText(partner.credential.name);
    await issue.getByRole('button', { name: 'Gửi', exact: true }).click();
  });

  await test.step('B’s desk receives the reply: in its inbox with its number, both signatures valid and the agency’s the sender’s', async () => {
    const page = partner.page;
    await nav(page, 'Văn bản đến').click();
    const row = page.getByRole('table', { name: 'Danh sách văn bản đến' }).getByRole('row').filter({ hasText: reply });
    await expect(row.getByRole('img', { name: /^Chữ ký số: Hợp lệ\./ })).toBeVisible({ timeout: 90_000 });
    await expect(row).toContainText('01/BC-VP');
    await row.getByRole('link', { name: reply }).click();
    const panel = page.getByRole('region', { name: 'Chữ ký số' });
    await expect(panel.getByText('Tất cả chữ ký số hợp lệ và đúng cơ quan gửi.')).toBeVisible();
    await expect(panel.getByText('Chữ ký 1', { exact: true })).toBeVisible();
    await expect(panel.getByText('Chữ ký 2', { exact: true })).toBeVisible();
  });
});
