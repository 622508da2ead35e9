/**
 * A desk in agency mode, browser mode: the hub as IT runs it (`dist/hub/hub.cjs` on its private
 * PostgreSQL, a user added with `npm run hub -- user add`), the desk started with the HubUrl policy.
 * The first run offers only "Kết nối máy chủ cơ quan" with the address locked; a wrong password is
 * said so; signed in, the status bar says the server is connected and who is signed in; the hub
 * stopped, it says the server is out of reach and when it tries again, and comes back by itself
 * when the hub does; "Đăng xuất" leaves only the sign-in form.
 */
import { expect, test } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchHub, type HubProcess } from '../test/hub-process.js';
import { makeDataDir, ROOT, skipWithoutElectron, startApp, type RunningApp } from './app-under-test.js';

const PASSWORD = 'mật khẩu của lãnh đạo';
const HUB_BUNDLE = path.join(ROOT, 'dist', 'hub', 'hub.cjs');
let hubDir: string;
let hub: HubProcess | null = null;
let app: RunningApp | undefined;
let dataDir: string | undefined;

test.afterAll(async () => {
  await app?.stop();
  if (hub) {
    hub.child.kill('SIGTERM');
    await hub.exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (hubDir) await rm(hubDir, { recursive: true, force: true });
});

async function startHub(port: string): Promise<string> {
  hub = launchHub(HUB_BUNDLE, hubDir, ['--port', port, '--log-level', 'warn']);
  return hub.listening;
}

async function setUp(args: string[], stdin = ''): Promise<void> {
  const run = launchHub(HUB_BUNDLE, hubDir, args, { stdin });
  expect([await run.exited, run.output()]).toEqual([0, expect.any(String)]);
}

test('agency mode: sign in at the agency server, see the link in the status bar, ride out the server stopping, sign out', async ({ page }) => {
  test.setTimeout(240_000);
  skipWithoutElectron();
  hubDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-hub-e2e-'));
  const hubUrl = new URL(await startHub('0')).origin;
  await setUp(['unit', 'add', '--code', 'VP', '--name', 'Văn phòng']);
  await setUp(['user', 'add', '--username', 'lanhdao', '--name', 'Nguyễn Văn An', '--unit', 'VP', '--role', 'leader', '--password-stdin'], `${PASSWORD}\n`);

  dataDir = await makeDataDir();
  const policyFile = path.join(dataDir, 'policy.json');
  await writeFile(policyFile, JSON.stringify({ hubUrl }));
  app = await startApp(dataDir, { VANTHU_POLICY_FILE: policyFile });
  page = await app.open(page);

  await expect(page.getByRole('heading', { name: 'Kết nối máy chủ cơ quan' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Dùng thử (demo)' })).toHaveCount(0);
  const address = page.getByLabel('Địa chỉ máy chủ cơ quan');
  await expect(address).toHaveValue(hubUrl);
  await expect(address).toHaveAttribute('readonly', '');

  await page.getByLabel('Tên đăng nhập').fill('lanhdao');
  await page.getByLabel('Mật khẩu').fill('không phải mật khẩu');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toContainText('Sai tên đăng nhập hoặc mật khẩu.');

  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const bar = page.getByRole('contentinfo', { name: 'Máy chủ cơ quan' });
  await expect(bar).toContainText('Đã kết nối máy chủ cơ quan');
  await expect(bar).toContainText('Đăng nhập: Nguyễn Văn An');

  // The server stops: the desk says so, and when it tries again; the detail is behind "Chi tiết".
  const port = new URL(hubUrl).port;
  hub!.child.kill('SIGTERM');
  await hub!.exited;
  hub = null;
  await expect(bar).toContainText('Mất kết nối máy chủ cơ quan', { timeout: 60_000 });
  await expect(bar).toContainText('Thử lại lúc');
  await bar.getByText('Chi tiết').click();
  await expect(bar.locator('.status-details .mono')).toContainText('/api/feed');

  // Back on the same address: the desk finds it by itself.
  await startHub(port);
  await expect(bar).toContainText('Đã kết nối máy chủ cơ quan', { timeout: 90_000 });

  await bar.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập máy chủ cơ quan' })).toBeVisible();
  await expect(page.getByLabel('Địa chỉ máy chủ cơ quan')).toHaveValue(hubUrl);
  await expect(page.getByRole('navigation', { name: 'Chức năng chính' })).toHaveCount(0);
});
