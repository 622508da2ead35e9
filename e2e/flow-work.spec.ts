/**
 * Drafts and handling at 1366×768 in browser mode: nothing typed in a draft is lost (leaving it,
 * reloading, "Trình ký" right after typing); a submitted draft looks locked, can be withdrawn by
 * the clerk and returned by the leader with a comment; a draft can be deleted; the embedded demo
 * axis comes back after it died; Settings leads out of the demo to a real axis, saying what the
 * axis answered to a wrong secret; the status bar says in Vietnamese what is wrong, with the axis
 * address and the detail behind "Chi tiết". A screenshot of the draft editor is kept for review.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { makeDataDir, startApp, type RunningApp } from './app-under-test.js';
import { startAxis, type RunningAxis } from './axis-harness.js';
import { decree30Pdf, nav } from './screens.js';


test.use({ viewport: { width: 1366, height: 768 } });

let app: RunningApp | null = null;
let axis: RunningAxis | null = null;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = await makeDataDir();
  app = await startApp(dataDir, { VANTHU_SYNC_POLL_MS: '1000' });
});
test.afterEach(async () => {
  await app?.stop();
  await axis?.stop();
  axis = null;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function openDraft(page: Page, subject: string): Promise<void> {
  await nav(page, 'Dự thảo').click();
  await page.getByRole('link', { name: subject, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
}

test('5–6: a draft loses nothing typed, looks locked when submitted, can be withdrawn, returned with a comment and deleted', async ({ page }) => {
  page = await app!.open(page);
  await page.getByRole('button', { name: 'Dùng thử (demo)' }).click();
  const subject = 'Tờ trình đề nghị phê duyệt kế hoạch chuyển đổi số';
  await nav(page, 'Dự thảo').click();
  await page.getByLabel('Trích yếu').fill(subject);
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await page.getByLabel('Thêm tệp PDF').setInputFiles(await decree30Pdf());
  await expect(page.getByRole('cell', { name: 'to-trinh.pdf', exact: true })).toBeVisible();

  // Typed, then straight to another screen: nothing is lost.
  await page.getByLabel('Ký hiệu').fill('TTr-UBND');
  await nav(page, 'Văn bản đến').click();
  await openDraft(page, subject);
  await expect(page.getByLabel('Ký hiệu')).toHaveValue('TTr-UBND');

  // Typed, then the window reloaded: nothing is lost either.
  await page.getByLabel('Người ký').fill('Nguyễn Văn An');
  await page.reload();
  await expect(page.getByLabel('Người ký')).toHaveValue('Nguyễn Văn An');

  // Typed, then "Trình ký" at once: saved first, then locked, and it looks locked.
  await page.getByLabel('Tóm tắt nội dung').fill('Đề nghị phê duyệt kế hoạch giai đoạn 2026–2030.');
  await page.getByRole('button', { name: 'Trình ký', exact: true }).click();
  const locked = page.getByRole('region', { name: '🔒 Đã trình ký: dự thảo bị khóa' });
  await expect(locked).toBeVisible();
  await expect(page.getByLabel('Tóm tắt nội dung')).toHaveValue('Đề nghị phê duyệt kế hoạch giai đoạn 2026–2030.');
  await expect(page.getByLabel('Tóm tắt nội dung')).toBeDisabled();
  await expect(page.getByLabel('Ký hiệu')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Lưu', exact: true })).toHaveCount(0);
  const id = Number(/#\/drafts\/(\d+)/.exec(page.url())![1]);
  expect(await app!.call<{ summary?: string; metadata: { summary: string } }>('documents.get', { id })).toMatchObject({ metadata: { summary: 'Đề nghị phê duyệt kế hoạch giai đoạn 2026–2030.' } });

  // The clerk takes it back before the leader signs.
  await locked.getByRole('button', { name: 'Rút lại để sửa' }).click();
  await expect(locked).toBeHidden();
  await expect(page.getByLabel('Tóm tắt nội dung')).toBeEnabled();

  // The leader sends it back with a comment.
  await page.getByRole('button', { name: 'Trình ký', exact: true }).click();
  await page.getByRole('button', { name: 'Trả lại để chỉnh sửa' }).click();
  const back = page.getByRole('dialog', { name: 'Trả lại dự thảo để chỉnh sửa' });
  await back.getByLabel('Ý kiến chỉnh sửa').fill('Bổ sung kinh phí dự kiến vào mục III.');
  await back.getByRole('button', { name: 'Trả lại', exact: true }).click();
  const returned = page.getByRole('region', { name: 'Lãnh đạo trả lại để chỉnh sửa' });
  await expect(returned).toContainText('Bổ sung kinh phí dự kiến vào mục III.');
  await expect(page.getByLabel('Tóm tắt nội dung')).toBeEnabled();
  await page.getByRole('heading', { level: 1, name: subject }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('draft-editor.png') });

  // Deleted, after a confirmation.
  await page.getByRole('button', { name: 'Xóa dự thảo' }).click();
  const remove = page.getByRole('dialog', { name: 'Xóa dự thảo' });
  await expect(remove).toContainText(`Dự thảo “${subject}” và các tệp đính kèm sẽ bị xóa.`);
  await remove.getByRole('button', { name: 'Xác nhận xóa' }).click();
  await expect(page).toHaveURL(/#\/drafts$/);
  await expect(page.getByRole('link', { name: subject, exact: true })).toHaveCount(0);
});

/** The host's child running the demo axis. */
function demoAxisPid(): number | null {
  try {
    const line = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(app!.pid)], { encoding: 'utf8' })
      .split('\n')
      .find((text) => text.includes('server.cjs'));
    return line ? Number.parseInt(line.trim(), 10) : null;
  } catch {
    return null;
  }
}

test('7–9: the demo axis comes back after it died; Settings leads to a real axis with the axis’s own answer to a wrong secret; the status bar says what is wrong', async ({ page }) => {
  page = await app!.open(page);
  await page.getByRole('button', { name: 'Dùng thử (demo)' }).click();
  const statusBar = page.getByRole('contentinfo', { name: 'Trạng thái đồng bộ' });
  await expect(statusBar).toContainText('Sẵn sàng', { timeout: 30_000 });

  // The embedded axis dies: its supervisor starts it again, on its address, and sync goes on.
  type Status = { phase: string; lastSyncAt: string | null };
  const before = (await app!.call<Status>('sync.getStatus', {})).lastSyncAt;
  expect(before, '"Sẵn sàng" is shown only after a round has ended').not.toBeNull();
  const killed = demoAxisPid()!;
  process.kill(killed, 'SIGKILL');
  await expect.poll(() => demoAxisPid(), { timeout: 15_000 }).not.toBe(killed);
  await statusBar.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await expect.poll(async () => {
    const status = await app!.call<Status>('sync.getStatus', {});
    return status.phase === 'idle' && status.lastSyncAt! > before!;
  }, { timeout: 30_000 }).toBe(true);

  // Out of the demo, from Settings. A wrong secret of valid length: the axis's answer, not a length rule.
  axis = await startAxis();
  const credential = axis.agencies[0]!;
  await nav(page, 'Cài đặt').click();
  const connection = page.getByRole('region', { name: 'Kết nối trục liên thông' });
  await expect(connection).toContainText('Đang dùng thử với trục liên thông tham chiếu chạy trong máy');
  await connection.getByLabel('Địa chỉ trục liên thông').fill(axis.url);
  await connection.getByLabel('Mã định danh cơ quan').fill(credential.code);
  await connection.getByLabel('Khóa bí mật').fill('sai-khoa-bi-mat-0000');
  await connection.getByRole('button', { name: 'Chuyển sang trục thật' }).click();
  await expect(connection.getByText('Vui lòng chọn giữ lại hay xóa dữ liệu dùng thử.')).toBeVisible();
  await connection.getByLabel(/^Xóa: /).check();
  await connection.getByRole('button', { name: 'Chuyển sang trục thật' }).click();
  await expect(connection.getByText('Trục liên thông từ chối: sai khóa bí mật hoặc mã định danh cơ quan.')).toBeVisible();
  await expect(connection.getByText(/8 đến 512 ký tự/)).toHaveCount(0);
  await connection.getByText('Chi tiết', { exact: true }).click();
  await expect(connection.getByText('Trục liên thông trả lời: “wrong system id or secret” (mã 15)')).toBeVisible();

  await connection.getByLabel('Khóa bí mật').fill(credential.secret);
  await connection.getByRole('button', { name: 'Chuyển sang trục thật' }).click();
  await expect(connection.getByText(`Đang kết nối trục liên thông ${axis.url} với mã định danh ${credential.code}.`)).toBeVisible({ timeout: 30_000 });
  await expect(statusBar).toContainText('Sẵn sàng', { timeout: 30_000 });
  expect(demoAxisPid()).toBeNull();

  // The real axis goes away: the status bar says it in the clerk's words, names the axis, keeps the detail behind "Chi tiết".
  await axis.stop();
  await statusBar.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await expect(statusBar).toContainText('Không kết nối được tới trục liên thông. Văn bản vẫn được xếp hàng; VanThu tự thử lại.', { timeout: 30_000 });
  await expect(statusBar).toContainText(`Trục: ${axis.url}`);
  const details = statusBar.getByText('Chi tiết', { exact: true });
  await details.click();
  await expect(statusBar.locator('.status-details p')).toBeVisible();
  await expect(statusBar.locator('.status-details p')).not.toBeEmpty();
  await page.screenshot({ path: test.info().outputPath('status-bar-axis-unreachable.png') });
  await axis.restart();
  await expect(statusBar).toContainText('Sẵn sàng', { timeout: 60_000 });
});
