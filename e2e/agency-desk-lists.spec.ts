/**
 * A clerk's desk in agency mode against a real hub (`dist/hub/hub.cjs` on its private PostgreSQL),
 * browser mode: arrivals the hub received are in "Văn bản đến"; accepting one is queued and, once
 * the hub applied it, the feed brings its số đến; a new draft queued at the desk comes back in
 * "Dự thảo"; the clerk's role taken away meanwhile, her desk drops what she may no longer read,
 * and work the hub then refuses shows its reason in "Hàng đợi gửi máy chủ", with the hub's words behind "Chi tiết", and is put
 * away with "Bỏ qua"; the areas only a standalone desk has are not offered.
 */
import { expect, test } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PrivateCluster } from '../hub/postgres/private-cluster.js';
import { PRIVATE_DATABASE } from '../hub/runtime.js';
import { postgresExchangeStore } from '../hub/store/postgres-exchange-store.js';
import { launchHub, type HubProcess } from '../test/hub-process.js';
import { makeDataDir, ROOT, skipWithoutElectron, startApp, type RunningApp } from './app-under-test.js';

const PASSWORD = 'mật khẩu của văn thư cơ quan';
const HUB_BUNDLE = path.join(ROOT, 'dist', 'hub', 'hub.cjs');
let hubDir: string | undefined;
let hub: HubProcess | null = null;
let pool: pg.Pool | null = null;
let app: RunningApp | undefined;
let dataDir: string | undefined;

test.afterAll(async () => {
  await app?.stop();
  await pool?.end();
  if (hub) {
    hub.child.kill('SIGTERM');
    await hub.exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (hubDir) await rm(hubDir, { recursive: true, force: true });
});

async function setUp(args: string[], stdin = ''): Promise<void> {
  const run = launchHub(HUB_BUNDLE, hubDir!, args, { stdin });
  expect([await run.exited, run.output()]).toEqual([0, expect.any(String)]);
}

/** The hub's own database, joined beside the running hub as its set-up commands join it. */
async function hubDatabase(): Promise<pg.Pool> {
  const cluster = new PrivateCluster({ dir: path.join(hubDir!, 'postgres'), passwordFile: path.join(hubDir!, 'postgres-password') });
  return new pg.Pool(await cluster.connection(PRIVATE_DATABASE, await cluster.runningServerPort()));
}

/** An arrival as the hub's exchange stores one it received from the axis (the feed carries it to the desks). */
async function arrival(n: number): Promise<number> {
  const at = new Date().toISOString();
  return postgresExchangeStore(pool!).write((tx) => tx.insertReceived({ subject: `Công văn đến số ${n} về kế hoạch`, senderId: 'H02.00', senderName: 'Sở Y tế', edxmlDocumentId: `H02.00,2026/12/01,${n}/SYT`, receivedAt: at }, at));
}

async function hubCall<T>(hubUrl: string, method: string, url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${hubUrl}${url}`, { method, headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(response.status, `${method} ${url}`).toBeLessThan(300);
  return (await response.json()) as T;
}

test('agency mode: the clerk sees the hub arrivals, accepts one through the queue, drafts, and reads a refusal in the server queue', async ({ page }) => {
  test.setTimeout(240_000);
  skipWithoutElectron();
  hubDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-hub-lists-e2e-'));
  // The hub answers a sender for the agency (03 on accepting), so it needs its axis account; the
  // axis itself may be out of reach (nothing listens there): the 03 waits in the hub's outbox.
  const secretFile = path.join(hubDir, 'axis-secret');
  await writeFile(secretFile, 'bí mật của cơ quan trên trục', { mode: 0o600 });
  const axis = ['--axis-url', 'http://127.0.0.1:9', '--axis-system-id', 'H01.00', '--axis-secret-file', secretFile];
  hub = launchHub(HUB_BUNDLE, hubDir, ['--port', '0', '--log-level', 'warn', ...axis]);
  const hubUrl = new URL(await hub.listening).origin;
  await setUp(['unit', 'add', '--code', 'VP', '--name', 'Văn phòng']);
  await setUp(['user', 'add', '--username', 'vanthu', '--name', 'Trần Thị Bình', '--unit', 'VP', '--role', 'clerk', '--password-stdin'], `${PASSWORD}\n`);
  await setUp(['user', 'add', '--username', 'quantri', '--name', 'Quản trị', '--unit', 'VP', '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
  pool = await hubDatabase();
  const first = await arrival(1);
  const second = await arrival(2);

  dataDir = await makeDataDir();
  const policyFile = path.join(dataDir, 'policy.json');
  await writeFile(policyFile, JSON.stringify({ hubUrl }));
  app = await startApp(dataDir, { VANTHU_POLICY_FILE: policyFile });
  page = await app.open(page);
  await page.getByLabel('Tên đăng nhập').fill('vanthu');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const bar = page.getByRole('contentinfo', { name: 'Máy chủ cơ quan' });
  await expect(bar).toContainText('Đã kết nối máy chủ cơ quan');

  // Only what a desk does: its mailboxes, the queue to the server, the server's report, settings and diagnostics.
  const nav = page.getByRole('navigation', { name: 'Chức năng chính' });
  await expect(nav.locator('.nav-label')).toHaveText(['Việc của tôi', 'Văn bản đến', 'Văn bản đi', 'Dự thảo', 'Hàng đợi gửi máy chủ', 'Báo cáo', 'Cài đặt', 'Chẩn đoán']);
  // Báo cáo is the server's work handling report; the clerk sees the presentation rule, hers.
  await nav.getByRole('link', { name: /Báo cáo/ }).click();
  await expect(page.getByRole('heading', { name: 'Xử lý công việc' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Trình văn bản đến' })).toContainText('Văn bản khẩn');
  // The inbox's count is the hub's arrivals waiting for the clerk.
  await expect(nav.getByRole('link', { name: /Văn bản đến/ })).toContainText('2');

  // The hub's arrivals are in the inbox, in the standalone list's look.
  await nav.getByRole('link', { name: /Văn bản đến/ }).click();
  const table = page.getByRole('table').first();
  await expect(table).toContainText('Công văn đến số 1 về kế hoạch');
  await expect(table).toContainText('Công văn đến số 2 về kế hoạch');
  await expect(table).toContainText('Sở Y tế');

  // Accepting is queued for the server; the feed brings the số đến back.
  await app.goto(page, `#/inbox/${first}`);
  await expect(page.getByRole('heading', { name: 'Công văn đến số 1 về kế hoạch' })).toBeVisible();
  await page.getByRole('button', { name: 'Tiếp nhận' }).click();
  const header = page.locator('.document-header');
  await expect(header).toContainText('Đã tiếp nhận', { timeout: 30_000 });
  await expect(page.locator('.meta-grid')).toContainText('Số đến');
  await expect(page.getByRole('button', { name: 'Tiếp nhận' })).toHaveCount(0);
  expect((await pool.query('SELECT count(*)::int AS n FROM register_entries WHERE document_id = $1', [first])).rows[0].n).toBe(1);

  // A new draft: queued with its key, then in the drafts list once the server has it.
  await nav.getByRole('link', { name: /Dự thảo/ }).click();
  await page.getByLabel('Trích yếu').fill('Tờ trình mua sắm thiết bị');
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click();
  await expect(page.locator('.drafts-list table')).toContainText('Tờ trình mua sắm thiết bị', { timeout: 30_000 });
  expect((await pool.query("SELECT count(*)::int AS n FROM documents WHERE subject = 'Tờ trình mua sắm thiết bị' AND direction = 'draft'")).rows[0].n).toBe(1);

  // The admin makes the clerk a specialist meanwhile: her desk drops the arrivals she may no longer
  // read (it takes the server's snapshot again); an accept queued from what she saw before (as an
  // offline desk would have) is refused (to a specialist the arrival is not there, as for a read),
  // and the desk says why.
  const admin = await hubCall<{ token: string }>(hubUrl, 'POST', '/api/sign-in/password', { username: 'quantri', password: PASSWORD });
  const users = await hubCall<{ id: number; username: string }[]>(hubUrl, 'GET', '/api/admin/users', undefined, admin.token);
  await hubCall(hubUrl, 'PATCH', `/api/admin/users/${users.find((user) => user.username === 'vanthu')!.id}`, { roles: ['specialist'] }, admin.token);
  await nav.getByRole('link', { name: /Văn bản đến/ }).click();
  await expect(page.getByText('Công văn đến số 2 về kế hoạch')).toHaveCount(0, { timeout: 30_000 });
  await app.call('hub.queueCommand', { kind: 'arrival.accept', payload: { documentId: second } });

  // The status bar counts it and leads to the queue, where the reason is plain and the hub's words are behind "Chi tiết".
  await bar.getByRole('link', { name: 'Bị từ chối: 1' }).click();
  await expect(page.getByRole('heading', { name: 'Hàng đợi gửi máy chủ' })).toBeVisible();
  const queue = page.getByRole('table', { name: 'Việc gửi máy chủ cơ quan' });
  const refusedRow = queue.getByRole('row').filter({ hasText: 'Bị từ chối' });
  await expect(refusedRow).toContainText('Tiếp nhận văn bản đến');
  await expect(refusedRow).toContainText('Văn bản không còn, hoặc bạn không còn được xem văn bản này.');
  await refusedRow.getByText('Chi tiết').click();
  await expect(refusedRow.locator('.technical-details-body')).not.toBeEmpty();
  // The accept the server applied: its document is no longer hers to read, so it is named by what was done.
  await expect(queue.getByRole('row').filter({ hasText: 'Đã xong' }).filter({ hasText: 'Tiếp nhận văn bản đến' })).toHaveCount(1);
  await refusedRow.getByRole('button', { name: 'Bỏ qua' }).click();
  await expect(queue.getByRole('row').filter({ hasText: 'Bị từ chối' })).toHaveCount(0);
  await expect(bar.getByRole('link', { name: /Bị từ chối/ })).toHaveCount(0);
});
