/**
 * The clerk's desk in browser mode at 1366×768, the size of the clerk's screen the
 * issue was found on: agency A (UBND tỉnh Nghệ An) sends to B (Sở Nội vụ) through the reference
 * axis, whose directory holds 3,000 generated agencies. B works its inbox: what waits is counted
 * and goes down, tabs, due dates, an overdue row, the PDF beside the header, accept one by one and
 * several at once, Đang xử lý undone before it leaves. A searches recipients ("bo tai chinh"),
 * keeps a group, and asks for a document back from the recipient it ticks, and only that one.
 * Screenshots of the inbox and a document go to test-results/e2e-artifacts for review.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, skipWithoutElectron } from './app-under-test.js';
import { startAxis, type RunningAxis } from './axis-harness.js';
import { openAgency, type OpenAgency as Agency } from './fixtures.js';
import { vietnamToday } from '../renderer/format.js';

const SAMPLE_PDF = path.join(ROOT, 'assets', 'sample.pdf');
const CLERK_SCREEN = { width: 1366, height: 768 };

let axis: RunningAxis;
const agencies: Agency[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  skipWithoutElectron();
  axis = await startAxis({ args: async () => ['--directory-size', '3000'] });
  for (const credential of axis.agencies.slice(0, 2)) {
    // These documents are not signed: IT's AllowUnsignedSending policy lets them leave, numbered by the register.
    const agency = await openAgency(browser, axis, credential, { unsignedSending: true });
    agencies.push(agency);
    await agency.page.setViewportSize(CLERK_SCREEN);
  }
});
test.afterAll(async () => {
  for (const agency of agencies) await agency.stop();
  await axis?.stop();
});

const nav = (page: Page) => page.getByRole('navigation', { name: 'Chức năng chính' });
const navLink = (page: Page, name: string) => nav(page).getByRole('link', { name, exact: true });

/** yyyy-MM-dd, `days` from today in Vietnam. */
function dayFromToday(days: number): string {
  const [year, month, day] = vietnamToday().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
const dayFirst = (iso: string) => iso.split('-').reverse().join('/');

/** A ready draft at A, through the API the UI uses, sent to `recipients`. */
async function sendFromA(subject: string, recipients: string[], dueDate: string | null): Promise<number> {
  const { app } = agencies[0]!;
  const draft = await app.call<{ id: number }>('drafts.create', { subject, summary: '' });
  await app.call('drafts.update', {
    id: draft.id,
    fields: { codeNotation: 'UBND-VX', typeName: 'Công văn', signerFullName: 'Nguyễn Văn An', priority: 0, dueDate },
  });
  await app.call('attachments.add', { documentId: draft.id, name: 'Công văn.pdf', contentType: 'application/pdf', bytes: new Uint8Array(await readFile(SAMPLE_PDF)) });
  await app.call('documents.send', { id: draft.id, recipients });
  return draft.id;
}

const SUBJECTS = {
  overdue: 'V/v báo cáo kết quả thực hiện Đề án 06 (quá hạn)',
  dueSoon: 'V/v góp ý dự thảo Kế hoạch chuyển đổi số năm sau',
  noDue: 'Giấy mời dự hội nghị tổng kết công tác văn thư, lưu trữ',
};

test('B’s inbox: a badge of what waits that goes down, tabs, due dates, overdue, the PDF beside the header, Undo, bulk accept', async () => {
  // Three exchanges, a 10 s hold waited out twice and sync rounds each way; on a loaded shared
  // machine (the full npm test) it took more than 4 minutes.
  test.setTimeout(420_000);
  const [A, B] = agencies as [Agency, Agency];
  await sendFromA(SUBJECTS.overdue, [B.credential.code], dayFromToday(-3));
  const outgoingId = await sendFromA(SUBJECTS.dueSoon, [B.credential.code], dayFromToday(10));
  await sendFromA(SUBJECTS.noDue, [B.credential.code], null);

  const page = B.page;
  const newWindows: string[] = [];
  page.context().on('page', (opened) => newWindows.push(opened.url()));
  await navLink(page, 'Văn bản đến').click();
  const inbox = page.getByRole('table', { name: 'Danh sách văn bản đến' });
  await expect(inbox.getByRole('link', { name: SUBJECTS.noDue })).toBeVisible({ timeout: 30_000 });
  // Every signature verdict is in (unsigned here), so bulk accept will take them.
  await expect(inbox.getByText('Đang kiểm tra')).toHaveCount(0, { timeout: 30_000 });

  // 11: the badge counts what waits for the clerk; the tabs count each state; Chưa xử lý first.
  const inboxLink = navLink(page, 'Văn bản đến');
  await expect(inboxLink.locator('.nav-count')).toHaveText('3');
  const tabs = page.getByRole('tablist', { name: 'Lọc văn bản đến theo tình trạng xử lý' });
  await expect(tabs.getByRole('tab', { name: 'Chưa xử lý 3' })).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.getByRole('tab', { name: 'Quá hạn 1' })).toBeVisible();
  await expect(tabs.getByRole('tab', { name: 'Đang xử lý 0' })).toBeVisible();
  await expect(inbox.getByRole('columnheader', { name: 'Hạn xử lý' })).toBeVisible();
  await expect(inbox.getByRole('columnheader', { name: 'Ngày văn bản' })).toBeVisible();
  const overdueRow = inbox.getByRole('row').filter({ hasText: SUBJECTS.overdue });
  await expect(overdueRow).toContainText(`${dayFirst(dayFromToday(-3))}Quá hạn`);
  await expect(overdueRow).toHaveClass(/row-overdue/);
  await expect(inbox.getByRole('row').filter({ hasText: SUBJECTS.dueSoon })).not.toHaveClass(/row-overdue/);
  await tabs.getByRole('tab', { name: 'Quá hạn 1' }).click();
  await expect(inbox.getByRole('link')).toHaveText([SUBJECTS.overdue]);
  await tabs.getByRole('tab', { name: 'Chưa xử lý 3' }).click();
  await page.screenshot({ path: test.info().outputPath('inbox.png') });

  // 10: the PDF in the in-app viewer, beside the header fields; "Xem" never opens a browser tab.
  await inbox.getByRole('link', { name: SUBJECTS.dueSoon }).click();
  await expect(page.getByRole('heading', { level: 1, name: SUBJECTS.dueSoon })).toBeVisible();
  const viewer = page.getByRole('region', { name: 'Xem văn bản: Công văn.pdf' });
  await expect(viewer.getByRole('img', { name: /^Trang 1\// })).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
  const fields = page.getByRole('region', { name: 'Thông tin văn bản' });
  const [fieldsBox, viewerBox] = [await fields.boundingBox(), await viewer.boundingBox()];
  expect(viewerBox!.x).toBeGreaterThanOrEqual(fieldsBox!.x + fieldsBox!.width);
  expect(viewerBox!.y).toBeLessThan(CLERK_SCREEN.height);
  await page.getByRole('button', { name: 'Xem tệp Công văn.pdf' }).click();
  await expect(page.getByRole('button', { name: 'Xem tệp Công văn.pdf' })).toHaveAttribute('aria-pressed', 'true');
  await expect(fields).toContainText(dayFirst(dayFromToday(10)));
  await page.screenshot({ path: test.info().outputPath('document.png') });

  // Accepted: the number as the register writes it, and the badge goes down.
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await page.getByRole('dialog', { name: 'Tiếp nhận văn bản chưa xác nhận được chữ ký số' }).getByRole('button', { name: 'Vẫn tiếp nhận' }).click();
  await expect(page.getByText('Đã tiếp nhận văn bản. Số đến: 01.')).toBeVisible();
  await expect(inboxLink.locator('.nav-count')).toHaveText('2');

  // 12: Đang xử lý waits before it leaves; Hoàn tác takes it back and the sender never hears it.
  await page.getByRole('button', { name: 'Đang xử lý', exact: true }).click();
  const undoBar = page.getByRole('status').filter({ hasText: 'Cơ quan gửi sẽ được báo sau' });
  await expect(undoBar).toContainText('Đã chuyển sang “Đang xử lý”');
  await undoBar.getByRole('button', { name: 'Hoàn tác' }).click();
  await expect(page.getByText('Đã hoàn tác: văn bản trở lại “Đã tiếp nhận”, cơ quan gửi không được báo gì.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Đang xử lý', exact: true })).toBeVisible();
  // Past the hold (10 s) and a few sync rounds: A sees 03, never 05.
  const statusAtA = async () => (await A.app.call<{ recipients: { statusCode: string | null }[] }>('documents.get', { id: outgoingId })).recipients[0]!.statusCode;
  await expect.poll(statusAtA, { timeout: 30_000 }).toBe('03');
  await page.waitForTimeout(13_000);
  const atA = await A.app.call<{ recipients: { agencyId: string; statusCode: string | null }[]; timeline: { statusCode: string }[] }>('documents.get', { id: outgoingId });
  expect(atA.recipients.find((r) => r.agencyId === B.credential.code)?.statusCode).toBe('03');
  expect(atA.timeline.map((entry) => entry.statusCode)).not.toContain('05');
  // Hoàn thành left alone reaches A once its time is up.
  await page.getByRole('button', { name: 'Hoàn thành', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã chuyển sang “Đã hoàn thành xử lý”' })).toBeVisible();
  await expect
    .poll(async () => (await A.app.call<{ recipients: { agencyId: string; statusCode: string | null }[] }>('documents.get', { id: outgoingId })).recipients[0]!.statusCode, { timeout: 40_000 })
    .toBe('06');

  // Wide screen: the list stays beside the open document.
  await page.setViewportSize({ width: 1920, height: 1080 });
  const listPane = page.getByRole('region', { name: 'Văn bản đến' });
  await expect(listPane.getByRole('table', { name: 'Danh sách văn bản đến' })).toBeVisible();
  const heading = page.getByRole('heading', { level: 1, name: SUBJECTS.dueSoon });
  await expect(heading).toBeVisible();
  expect((await listPane.boundingBox())!.x + (await listPane.boundingBox())!.width).toBeLessThanOrEqual((await heading.boundingBox())!.x);
  // The document opened in the pane shows its PDF too (a viewer replaced by another still loads).
  await expect(page.getByRole('region', { name: 'Xem văn bản: Công văn.pdf' }).getByRole('img', { name: /^Trang 1\// })).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('master-detail-1920.png') });
  await page.setViewportSize(CLERK_SCREEN);

  // 11: several at once, with a result per document; what waits drops to nothing.
  await navLink(page, 'Văn bản đến').click();
  await expect(tabs.getByRole('tab', { name: 'Chưa xử lý 2' })).toHaveAttribute('aria-selected', 'true');
  await inbox.getByRole('checkbox', { name: 'Chọn tất cả văn bản đang hiển thị' }).check();
  await page.getByRole('button', { name: 'Tiếp nhận 2 văn bản đã chọn' }).click();
  const results = page.getByRole('region', { name: 'Kết quả tiếp nhận: 2/2 văn bản' });
  await expect(results).toContainText(`${SUBJECTS.overdue}: đã tiếp nhận, số đến 0`);
  await expect(results).toContainText(`${SUBJECTS.noDue}: đã tiếp nhận, số đến 0`);
  await expect(inboxLink.locator('.nav-count')).toHaveCount(0);
  await expect(tabs.getByRole('tab', { name: 'Chưa xử lý 0' })).toBeVisible();
  await expect(tabs.getByRole('tab', { name: 'Đang xử lý 2' })).toBeVisible();
  await expect(page.getByText('Không có văn bản nào chờ xử lý.')).toBeVisible();
  expect(newWindows).toEqual([]);
});

test('A’s recipient search: the ministry first, parents on every row, a dropdown that fits, groups picked as one', async () => {
  test.setTimeout(150_000);
  const [A] = agencies as [Agency, Agency];
  const page = A.page;
  // The directory (3,000 agencies) is synced with the first round.
  await expect.poll(async () => (await A.app.call<{ total: number }>('agencies.search', { query: '', limit: 1, offset: 0 })).total, { timeout: 30_000 }).toBeGreaterThan(2900);
  const draft = await A.app.call<{ id: number }>('drafts.create', { subject: 'V/v đề nghị hướng dẫn quyết toán kinh phí', summary: '' });
  await A.app.goto(page, `#/drafts/${draft.id}`);
  const picker = page.getByRole('combobox', { name: 'Tìm cơ quan nhận' });
  await picker.scrollIntoViewIfNeeded();
  const options = page.getByRole('listbox', { name: 'Cơ quan tìm được' }).getByRole('option');

  // 13: the ministry before its own units.
  await picker.fill('bo tai chinh');
  await expect(options.first()).toContainText('Bộ Tài chính');
  await expect(options.first().locator('.option-name')).toHaveText('Bộ Tài chính');
  await expect(options.nth(1)).toContainText('thuộc Bộ Tài chính');

  // Every row names its parents: districts of the same name are told apart by their province.
  await picker.fill('ubnd huyen');
  await expect(options.first()).toContainText('thuộc UBND');
  const rows = await options.evaluateAll((items) => items.map((item) => [item.querySelector('.option-name')?.textContent ?? '', item.querySelector('.option-parents')?.textContent ?? '']));
  expect(rows.length).toBeGreaterThan(5);
  for (const [, parents] of rows) expect(parents).toMatch(/^thuộc UBND (tỉnh|thành phố) /);
  const byName = new Map<string, string[]>();
  for (const [name, parents] of rows) byName.set(name!, [...(byName.get(name!) ?? []), parents!]);
  for (const parents of byName.values()) expect(new Set(parents).size).toBe(parents.length);

  // The dropdown fits the window and shows more than a handful of rows.
  const popup = page.locator('.picker-popup');
  const box = (await popup.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(CLERK_SCREEN.height);
  const shown = await options.evaluateAll((items, bottom) => items.filter((item) => { const r = item.getBoundingClientRect(); return r.top >= 0 && r.bottom <= bottom; }).length, CLERK_SCREEN.height);
  expect(shown).toBeGreaterThanOrEqual(5);
  await page.screenshot({ path: test.info().outputPath('recipient-search.png') });

  // A group kept by the agency, picked again as one.
  for (const name of ['Sở Nội vụ tỉnh Nghệ An', 'Văn phòng Chính phủ']) {
    await picker.fill(name);
    await options.filter({ hasText: name }).first().click();
  }
  const chosen = page.getByRole('list', { name: 'Cơ quan nhận đã chọn' });
  await expect(chosen.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Lưu 2 cơ quan này thành nhóm…' }).click();
  const form = page.getByRole('form', { name: 'Lưu thành nhóm cơ quan nhận' });
  await form.getByLabel('Tên nhóm').fill('Các sở, ban, ngành tỉnh');
  await form.getByRole('button', { name: 'Lưu nhóm' }).click();
  await expect(page.getByText('Đã lưu nhóm “Các sở, ban, ngành tỉnh” (2 cơ quan).')).toBeVisible();

  const second = await A.app.call<{ id: number }>('drafts.create', { subject: 'V/v triển khai kế hoạch năm', summary: '' });
  await A.app.goto(page, `#/drafts/${second.id}`);
  await page.getByRole('combobox', { name: 'Tìm cơ quan nhận' }).fill('so ban nganh');
  await expect(options.first()).toContainText('Nhóm: Các sở, ban, ngành tỉnh');
  await page.getByRole('combobox', { name: 'Tìm cơ quan nhận' }).press('ArrowDown');
  await page.getByRole('combobox', { name: 'Tìm cơ quan nhận' }).press('Enter');
  await expect(chosen.getByRole('listitem')).toHaveCount(2);
  await expect(chosen).toContainText('Sở Nội vụ tỉnh Nghệ An');
  await expect(chosen).toContainText('Văn phòng Chính phủ');
});

test('A asks for a document back with the words of the glossary, from the recipient ticked and no other', async () => {
  const [A, B] = agencies as [Agency, Agency];
  const C = axis.agencies[2]!;
  const subject = 'V/v cử cán bộ tham dự tập huấn (gửi nhầm)';
  const id = await sendFromA(subject, [B.credential.code, C.code], null);
  // B has it (its 01 came back); C's copy waits at the axis.
  await expect.poll(async () => (await A.app.call<{ recipients: { agencyId: string; state: string }[] }>('documents.get', { id })).recipients.map((r) => r.state).sort(), { timeout: 30_000 }).toEqual(['arrived', 'sent']);

  const page = A.page;
  await A.app.goto(page, `#/sent/${id}`);
  await page.getByRole('button', { name: 'Đề nghị lấy lại' }).click();
  const dialog = page.getByRole('dialog', { name: 'Đề nghị lấy lại văn bản' });
  await dialog.getByLabel('Lý do').fill('Gửi nhầm nơi nhận');
  // Nobody ticked: refused, nothing sent (it used to go to every recipient).
  await expect(dialog.getByRole('checkbox')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Xác nhận đề nghị lấy lại' }).click();
  await expect(dialog.getByText('Hãy chọn ít nhất một cơ quan để gửi đề nghị lấy lại.')).toBeVisible();
  const queue = await A.app.call<{ rows: { documentId: number | null; purpose: string }[] }>('outbox.list', { limit: 500, offset: 0 });
  expect(queue.rows.filter((row) => row.documentId === id && row.purpose === 'status:13')).toEqual([]);

  await dialog.getByRole('checkbox', { name: B.credential.name }).check();
  await dialog.getByRole('button', { name: 'Xác nhận đề nghị lấy lại' }).click();
  await expect(dialog).toBeHidden();
  const recipients = page.getByRole('table', { name: 'Tình trạng tại các cơ quan nhận' });
  await expect(recipients.getByRole('row').filter({ hasText: B.credential.name })).toContainText('Đang chờ trả lời đề nghị lấy lại');
  await expect(recipients.getByRole('row').filter({ hasText: C.name })).not.toContainText('lấy lại');
  // One word per action: "thu hồi" is the revoke button's, nowhere in this take-back.
  await expect(recipients).not.toContainText('thu hồi');
  await expect(page.getByRole('list').filter({ hasText: 'Đề nghị lấy lại văn bản' }).first()).toBeVisible();
});

test('17: the header search placeholder fits at 1366 and 1920 px, a page opens at its top, the queue names agencies and counts as the status bar', async () => {
  const [A] = agencies as [Agency, Agency];
  const page = A.page;
  const box = page.getByRole('searchbox', { name: 'Tìm văn bản' });
  for (const size of [CLERK_SCREEN, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    const room = await box.evaluate((input) => {
      // The e2e project has no DOM lib: the window, as far as this uses it.
      const dom = globalThis as unknown as {
        getComputedStyle(element: unknown): Record<'fontWeight' | 'fontSize' | 'fontFamily' | 'paddingLeft' | 'paddingRight', string>;
        document: { createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } } };
      };
      const element = input as unknown as { placeholder: string; clientWidth: number };
      const style = dom.getComputedStyle(input);
      const context = dom.document.createElement('canvas').getContext('2d');
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - context.measureText(element.placeholder).width;
    });
    expect(room, `room left after the placeholder at ${size.width} px`).toBeGreaterThan(0);
  }
  await page.setViewportSize(CLERK_SCREEN);

  // Scrolled to the bottom of one page, the next opens at its top.
  await navLink(page, 'Cài đặt').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cài đặt' })).toBeVisible();
  const main = page.locator('main.app-main');
  // The settings' sections load one by one: scroll again until the page is long enough.
  await expect.poll(() => main.evaluate((element) => (element.scrollTo(0, element.scrollHeight), element.scrollTop))).toBeGreaterThan(100);
  await navLink(page, 'Hàng đợi gửi').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hàng đợi gửi' })).toBeVisible();
  expect(await main.evaluate((element) => element.scrollTop)).toBe(0);

  const queue = page.getByRole('table', { name: 'Các gói trong hàng đợi gửi' });
  await expect(queue.getByRole('cell', { name: 'Sở Nội vụ tỉnh Nghệ An' }).first()).toBeVisible();
  await expect(queue.getByRole('cell', { name: '000.00.12.H41', exact: true })).toHaveCount(0);
  const status = await A.app.call<{ queueLength: number }>('sync.getStatus', {});
  const listed = await A.app.call<{ pending: number }>('outbox.list', { limit: 1, offset: 0 });
  expect(listed.pending).toBe(status.queueLength);
  await expect(page.locator('.screen-count')).toContainText(`${listed.pending} gói chờ gửi`);
  await expect(page.getByRole('contentinfo')).toContainText(`Hàng đợi gửi: ${status.queueLength}`);
});
