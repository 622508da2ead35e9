/**
 * Agency mode end to end, browser mode: the hub on PostgreSQL is agency A on a reference axis;
 * its clerk, leader, a specialist and a specialist of a co-operating unit each work at a desk of
 * their own (own data folder, own browser context, signed in through "Kết nối máy chủ cơ quan");
 * the specialist's unit head works through the hub's API; agency B is a standalone VanThu on the
 * same axis. A document B sends arrives at the hub; the clerk's desk lists it, the specialist's
 * does not (nobody has given it to him). The clerk accepts it at her desk (B hears so) and presents
 * it to the leader, who assigns it with an instruction and a deadline to the specialist's unit, in
 * charge, and to a co-operating unit (B hears 04); the unit head passes it to the specialist, who
 * records progress (B hears 05) and drafts the reply from his work ("Soạn trả lời"); the
 * co-operating specialist reads the draft at his desk and gives his opinion (ý kiến phối hợp),
 * which the drafter and the leader read beside it. The specialist submits it for signature (Trình
 * ký) to the leader who assigned the work, chosen for him; it waits, locked, in the leader's "Chờ
 * ký". The leader's desk loses the hub while he opens it from there, adds his own opinion and signs
 * it with his SoftHSM2 token: both wait in his queue and reach the hub and the clerk's desk once he
 * is back, the hub's file a signature poppler finds valid. The clerk
 * numbers it, seals it with the agency's certificate and sends it at her desk; the specialist
 * marks his work done (B hears 06). B's inbox shows the reply with its number, both signatures
 * valid, linked to the document it answers, whose history shows 04, 05, 06 in order.
 */
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeskWork, HubCommandItem, HubDirectory } from '../shared/api/hub-link.js';
import type { HubSigningView } from '../shared/api/hub-signing.js';
import type { MyWork } from '../shared/hub/workflow.js';
import { pdfSignatureReport } from '../test/pdf-tools.js';
import { testCertificate } from '../test/tokens.js';
import { uuidv7 } from '../test/uuid7.js';
import { ROOT } from './app-under-test.js';
import { expect, test, UNIT_HEAD, type Desk } from './hub-agency.js';
import { decree30Pdf, nav } from './screens.js';

const SAMPLE_PDF = path.join(ROOT, 'assets', 'sample.pdf');

const subjectsOf = (desk: Desk) => desk.replica.documents().map((document) => document.subject);
const documentIn = (desk: Desk, subject: string) => desk.replica.documents().find((document) => document.subject === subject);

const commandState = async (desk: Desk, id: string) => (await desk.app.call<HubCommandItem[]>('hub.commands', { limit: 100 })).find((command) => command.id === id)?.state;

/** A day a month ahead, as a person types it (dd/MM/yyyy). */
function monthAhead(): string {
  const day = new Date(Date.now() + 30 * 86_400_000);
  return [day.getDate(), day.getMonth() + 1].map((part) => String(part).padStart(2, '0')).join('/') + `/${day.getFullYear()}`;
}

async function openOutgoing(page: Page, subject: string): Promise<void> {
  await nav(page, 'Văn bản đi').click();
  await page.getByRole('table', { name: 'Danh sách văn bản đi' }).getByRole('link', { name: subject, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
}

test('desks of an agency: B’s document is accepted, presented, assigned with a deadline, passed on to a specialist who drafts the reply; a co-operating unit gives its opinion; submitted for signature, the leader signs it from "Chờ ký" offline, his desk converges; the clerk numbers, seals and sends it; B hears 04, 05, 06 and receives the reply signed, linked to its document', async ({ hubAgency }) => {
  test.setTimeout(600_000);
  const { hub, desks, partner, tokens } = hubAgency;
  const { clerk, leader, specialist, cooperator } = desks;
  const subject = 'V/v đề nghị báo cáo kết quả chuyển đổi số năm 2026';
  // B's view of A, on the page of the document it sent.
  const atA = partner.page.getByRole('table', { name: 'Tình trạng tại các cơ quan nhận' }).getByRole('row').filter({ hasText: hub.credential.name });

  await test.step('each desk is online as its person', async () => {
    for (const desk of [clerk, leader, specialist, cooperator]) {
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
    await expect(atA).toContainText('Đã tiếp nhận', { timeout: 60_000 });
  });

  await test.step('the clerk presents it; the leader assigns it with an instruction and a deadline to the specialist’s unit, in charge, and a co-operating unit: the specialist’s desk lists it, and B hears it was assigned', async () => {
    const present = clerk.page.getByRole('form', { name: 'Trình lãnh đạo' });
    await present.getByLabel('Lãnh đạo').selectOption({ label: 'Nguyễn Văn An' });
    await present.getByLabel('Đề xuất xử lý').fill('Đề nghị giao Phòng Tổng hợp chủ trì.');
    await present.getByRole('button', { name: 'Trình', exact: true }).click();

    await nav(leader.page, 'Việc của tôi').click();
    await leader.page.getByRole('link', { name: subject, exact: true }).click({ timeout: 60_000 });
    const assign = leader.page.getByRole('form', { name: 'Cho ý kiến chỉ đạo' });
    await expect(assign.getByLabel('Ý kiến chỉ đạo')).toBeFocused();
    await assign.getByLabel('Ý kiến chỉ đạo').fill('Phòng Tổng hợp chủ trì, Phòng Kế toán phối hợp, báo cáo kết quả.');
    await assign.getByLabel('Chủ trì', { exact: true }).selectOption({ label: 'Phòng Tổng hợp' });
    await assign.getByRole('group', { name: 'Phối hợp' }).getByLabel('Phòng Kế toán', { exact: true }).check();
    await assign.getByLabel('Hạn xử lý (dd/MM/yyyy)').fill(monthAhead());
    await assign.getByRole('button', { name: 'Giao xử lý', exact: true }).click();

    // His list, open since he found nothing there, counts it as the feed brings it: being handled.
    const inHandling = specialist.page.getByRole('tab', { name: 'Đang xử lý 1', exact: true });
    await expect(inHandling).toBeVisible({ timeout: 60_000 });
    await inHandling.click();
    await expect(specialist.page.getByRole('table', { name: 'Danh sách văn bản đến' }).getByRole('link', { name: subject, exact: true })).toBeVisible();
    expect(documentIn(specialist, subject)).toMatchObject({ arrivalNumber: 1 });
    await expect(atA).toContainText('Đã giao xử lý', { timeout: 60_000 });
  });

  await test.step('the unit head passes it to the specialist (through the hub’s API); the specialist starts it at his desk', async () => {
    const arrivalId = documentIn(clerk, subject)!.id;
    const directory = await clerk.app.call<HubDirectory>('hub.directory', {});
    const specialistId = directory.users.find((user) => user.displayName === specialist.person.displayName)!.id;
    const work = await hub.call<MyWork>(UNIT_HEAD, 'GET', '/api/work');
    const item = work.items.find((entry) => entry.documentId === arrivalId && entry.item.role === 'lead')!;
    expect(item.item.deadline).not.toBeNull();
    const passed = await hub.call<{ state: string }>(UNIT_HEAD, 'POST', '/api/commands', {
      id: uuidv7(),
      kind: 'assignment.pass',
      payload: { documentId: arrivalId, itemId: item.item.id, userId: specialistId, note: 'Đồng chí Cường soạn trả lời.' },
    });
    expect(passed).toMatchObject({ state: 'applied' });

    const page = specialist.page;
    await nav(page, 'Việc của tôi').click();
    await page.getByRole('link', { name: subject, exact: true }).click({ timeout: 60_000 });
    await expect(page.getByText('Đồng chí Cường soạn trả lời.').first()).toBeVisible();
    await page.getByRole('button', { name: 'Bắt đầu xử lý', exact: true }).click();
    // B hears 05 meanwhile: its document's history is read at the end, not waited for here.
    await expect.poll(() => documentIn(specialist, subject)?.workflow.steps.map((step) => step.kind), { timeout: 60_000 }).toContain('progress');
  });

  const reply = 'V/v báo cáo kết quả chuyển đổi số năm 2026';
  const pdf = await readFile(await decree30Pdf({}, 'bao-cao.pdf'));
  await test.step('the specialist drafts the reply from his work; with its PDF it reaches the leader’s desk and the co-operating specialist’s', async () => {
    const page = specialist.page;
    const replyForm = page.getByRole('form', { name: 'Soạn trả lời' });
    await replyForm.getByLabel('Trích yếu').fill(reply);
    await replyForm.getByRole('button', { name: 'Tạo dự thảo' }).click();
    await nav(page, 'Dự thảo').click();
    const draftLink = page.getByRole('table', { name: 'Danh sách văn bản dự thảo' }).getByRole('link', { name: reply, exact: true });
    await expect(draftLink).toBeVisible({ timeout: 60_000 });
    await draftLink.click();
    await page.getByLabel('Ký hiệu').fill('BC-VP');
    await page.getByLabel('Loại văn bản').fill('Báo cáo');
    await page.getByLabel('Người ký', { exact: true }).fill('Nguyễn Văn An');
    await page.getByLabel('Nơi ban hành').fill('Nghệ An');
    await page.getByLabel('Tóm tắt nội dung').fill('Dự thảo của chuyên viên');
    await page.getByRole('button', { name: 'Lưu lên máy chủ' }).click();
    await expect.poll(() => documentIn(specialist, reply)?.metadata, { timeout: 60_000 }).toMatchObject({ codeNotation: 'BC-VP', typeName: 'Báo cáo', signerFullName: 'Nguyễn Văn An', summary: 'Dự thảo của chuyên viên' });
    const draft = documentIn(specialist, reply)!;
    expect(draft.answers).toMatchObject({ id: documentIn(specialist, subject)!.id, subject });
    // Its PDF, added under the draft ("Thêm tệp PDF"): kept at his desk, uploaded, named by draft.attach.
    await page.getByLabel('Thêm tệp PDF').setInputFiles({ name: 'bao-cao.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => documentIn(leader, reply)?.attachments.map((file) => file.name), { timeout: 30_000 }).toEqual(['bao-cao.pdf']);
    await expect.poll(() => subjectsOf(cooperator), { timeout: 60_000 }).toContain(reply);
  });

  const opinion = 'Phòng Kế toán đề nghị bổ sung số liệu quý IV.';
  await test.step('the co-operating specialist reads the draft at his desk and gives his opinion; the drafter and the leader read it beside the draft', async () => {
    const page = cooperator.page;
    await nav(page, 'Dự thảo').click();
    await page.getByRole('table', { name: 'Danh sách văn bản dự thảo' }).getByRole('link', { name: reply, exact: true }).click();
    const opinions = page.getByRole('region', { name: 'Ý kiến phối hợp' });
    await expect(opinions.getByRole('link', { name: new RegExp(`^Trả lời văn bản .*UBND-VP — ${subject}$`) })).toBeVisible();
    await expect(opinions).toContainText('Chưa có ý kiến nào.');
    await opinions.getByLabel('Ý kiến của bạn').fill(opinion);
    await opinions.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await expect(opinions).toContainText(opinion, { timeout: 60_000 });
    await expect(opinions).toContainText(cooperator.person.displayName);
    // The drafter's page, open on the draft, shows it as the feed brings it.
    await expect(specialist.page.getByRole('region', { name: 'Ý kiến phối hợp' })).toContainText(opinion, { timeout: 60_000 });
    await expect.poll(() => documentIn(leader, reply)?.workflow.steps.map((step) => [step.kind, step.text]), { timeout: 60_000 }).toEqual([['comment', opinion]]);
  });

  await test.step('the specialist submits it for signature (Trình ký) to the leader who assigned the work; locked, it waits in the leader’s "Chờ ký"', async () => {
    const page = specialist.page;
    const leaderId = (await specialist.app.call<HubDirectory>('hub.directory', {})).users.find((user) => user.displayName === leader.person.displayName)!.id;
    const submission = page.getByRole('form', { name: 'Trình ký' });
    await expect(submission.getByLabel('Lãnh đạo ký')).toHaveValue(String(leaderId));
    await submission.getByLabel('Ghi chú khi trình').fill('Kính trình lãnh đạo ký.');
    await submission.getByRole('button', { name: 'Trình ký', exact: true }).click();
    await expect(page.getByText(`Đang chờ ký — ${leader.person.displayName}`)).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('button', { name: 'Lưu lên máy chủ' })).toHaveCount(0);
    await expect.poll(async () => (await leader.app.call<DeskWork>('hub.myWork', {})).toSign.map((draft) => draft.subject), { timeout: 60_000 }).toEqual([reply]);
  });

  await test.step('the leader’s desk loses the hub: he opens the draft from "Chờ ký"; his opinion and his signature wait in the queue; back, both reach the hub and the clerk’s desk', async () => {
    const id = documentIn(leader, reply)!.id;
    const original = documentIn(leader, reply)!.attachments[0]!.sha256;
    // Opened while the hub answers: the file he signs is brought to his computer.
    const view = await leader.app.call<HubSigningView>('hub.signingView', { documentId: id, refresh: true });
    expect(view).toMatchObject({ blocked: null, fileHere: true, signedCurrent: false, file: { name: 'bao-cao.pdf', sha256: original } });

    leader.link.cut();
    await expect(leader.bar).toContainText('Mất kết nối máy chủ cơ quan', { timeout: 60_000 });
    await nav(leader.page, 'Việc của tôi').click();
    await leader.page.getByRole('table', { name: 'Chờ ký' }).getByRole('link', { name: reply, exact: true }).click();
    const opinions = leader.page.getByRole('region', { name: 'Ý kiến phối hợp' });
    await expect(opinions).toContainText(opinion);
    await expect(leader.page.getByText(`Đang chờ ký — ${leader.person.displayName}`)).toBeVisible();
    await opinions.getByLabel('Ý kiến của bạn').fill('Đồng ý nội dung, ký ban hành.');
    await opinions.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await expect(leader.bar).toContainText('Chờ gửi: 1');
    const change = (await leader.app.call<HubCommandItem[]>('hub.commands', { limit: 10 })).find((command) => command.kind === 'draft.comment')!.id;
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
    expect(documentIn(clerk, reply)).toMatchObject({ metadata: { summary: 'Dự thảo của chuyên viên' }, attachments: [{ sha256: original }] });

    leader.link.restore();
    await expect(leader.bar).toContainText('Đã kết nối máy chủ cơ quan', { timeout: 90_000 });
    await expect.poll(() => commandState(leader, change), { timeout: 90_000 }).toBe('applied');
    await expect.poll(async () => (await leader.app.call<HubSigningView>('hub.signingView', { documentId: id })).last?.state, { timeout: 90_000 }).toBe('applied');
    await expect(leader.bar).not.toContainText('Chờ gửi');
    await nav(leader.page, 'Hàng đợi gửi máy chủ').click();
    const queueTable = leader.page.getByRole('table', { name: 'Việc gửi máy chủ cơ quan' });
    await expect(queueTable.getByRole('row').filter({ hasText: 'Góp ý kiến phối hợp' })).toContainText('Đã xong');
    await expect(queueTable.getByRole('row').filter({ hasText: 'Gửi bản đã ký số' })).toContainText('Đã xong');
    for (const desk of [clerk, leader]) {
      await expect
        .poll(() => {
          const document = documentIn(desk, reply);
          return { signing: document?.signingState, opinions: document?.workflow.steps.filter((step) => step.kind === 'comment').length, file: document?.attachments[0]?.sha256 };
        }, { timeout: 60_000 })
        .toEqual({ signing: 'leader_signed', opinions: 2, file: revision });
    }
    expect((await leader.app.call<DeskWork>('hub.myWork', {})).toSign).toEqual([]);
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

  await test.step('the specialist marks his work done at his desk', async () => {
    const page = specialist.page;
    await nav(page, 'Việc của tôi').click();
    await page.getByRole('link', { name: subject, exact: true }).click({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Hoàn thành', exact: true }).click();
    await expect.poll(() => documentIn(specialist, subject)?.workflow.steps.map((step) => step.kind), { timeout: 60_000 }).toContain('done');
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

  await test.step('B’s reply links to the document it answers, whose history has 04, 05, 06 in order', async () => {
    const page = partner.page;
    await page.getByRole('link', { name: new RegExp(`^Trả lời văn bản .*${subject}$`) }).click();
    await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
    const handling = ['Đã giao xử lý', 'Đang xử lý', 'Đã hoàn thành xử lý'];
    // Newest first.
    const statuses = page.getByRole('list', { name: 'Diễn biến' }).locator('.timeline-main');
    await expect
      .poll(async () => (await statuses.allTextContents()).map((text) => text.trim()).filter((text) => handling.includes(text)), { timeout: 60_000 })
      .toEqual([...handling].reverse());
    await expect(atA).toContainText('Đã hoàn thành');
  });
});
