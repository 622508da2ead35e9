/**
 * Admin policies, browser mode: the app starts with VANTHU_POLICY_FILE naming a
 * policy.json, as IT tries a policy before deploying it. The first-run form comes prefilled with
 * the policy's axis and agency code, locked, the demo off with its reason; once connected,
 * Settings lists every policy read-only with its source (the file) and the ignored key, the token
 * driver and TSA fields are locked, and the register and report export buttons are off with the
 * reason shown (and the core refuses an export all the same), while the helpdesk report stays.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, skipWithoutElectron, startApp, type RunningApp } from './app-under-test.js';
import { startAxis, type RunningAxis } from './axis-harness.js';

let axis: RunningAxis;
let app: RunningApp;
let dataDir: string;

test.afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  await axis?.stop();
});

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name, exact: true });
const EXPORT_OFF = 'Xuất tệp đã bị tắt theo chính sách quản trị của cơ quan (DisableExport).';

test('a policy file: locked first-run form, read-only policies in Settings, exports off with the reason', async ({ page }) => {
  skipWithoutElectron();
  axis = await startAxis();
  const agency = axis.agencies[0]!;
  dataDir = await makeDataDir();
  const policyFile = path.join(dataDir, 'policy-to-try.json');
  await writeFile(
    policyFile,
    JSON.stringify({ axisUrl: axis.url, agencyCode: agency.code, pkcs11Library: '/opt/vnpt-ca/libvnpt-ca.so', tsaUrl: 'http://tsa.example.vn/tsa', disableExport: true, exportDisabled: true }),
  );
  app = await startApp(dataDir, { VANTHU_POLICY_FILE: policyFile });
  page = await app.open(page);

  await expect(page.getByRole('button', { name: 'Dùng thử (demo)' })).toBeDisabled();
  await expect(page.getByText('Cơ quan đã đặt trục liên thông bằng chính sách quản trị: chế độ thử không dùng được trên máy này.')).toBeVisible();
  const url = page.getByLabel('Địa chỉ trục liên thông');
  const code = page.getByLabel('Mã định danh cơ quan');
  await expect(url).toHaveValue(axis.url);
  await expect(url).toHaveAttribute('readonly', '');
  await expect(code).toHaveValue(agency.code);
  await expect(code).toHaveAttribute('readonly', '');
  await expect(page.getByText('🔒 Do quản trị viên đặt')).toHaveCount(2);
  await page.getByLabel('Khóa bí mật').fill(agency.secret);
  await page.getByRole('button', { name: 'Kết nối' }).click();

  await nav(page, 'Cài đặt').click();
  const policies = page.getByRole('region', { name: 'Chính sách quản trị' });
  const row = (name: string) => policies.getByRole('row', { name: new RegExp(`^${name.replace(/[()#]/g, '\\$&')}`) });
  const fromFile = `Tệp ${policyFile}`;
  await expect(row('Địa chỉ trục liên thông')).toContainText(axis.url);
  await expect(row('Địa chỉ trục liên thông')).toContainText(fromFile);
  await expect(row('Mã định danh cơ quan')).toContainText(agency.code);
  await expect(row('Trình điều khiển thiết bị ký số')).toContainText('/opt/vnpt-ca/libvnpt-ca.so');
  await expect(row('Máy chủ cấp dấu thời gian')).toContainText('http://tsa.example.vn/tsa');
  await expect(row('Địa chỉ cập nhật phần mềm')).toContainText('không đặt');
  await expect(row('Tắt xuất tệp sổ và báo cáo')).toContainText('Có');
  await expect(row('Tắt xuất tệp sổ và báo cáo')).toContainText(fromFile);
  await expect(policies.getByRole('listitem')).toHaveText([`${policyFile}: unknown key "exportDisabled"; ignored (known: axisUrl, agencyCode, pkcs11Library, tsaUrl, updateUrl, disableExport, allowUnsignedSending, allowHttp, hubUrl)`]);
  // Read-only: nothing in the section can be edited.
  await expect(policies.getByRole('textbox')).toHaveCount(0);
  await expect(policies.getByRole('button')).toHaveCount(0);
  await policies.screenshot({ path: test.info().outputPath('policies.png') });

  // The driver is shown with its path and publisher (behind "Chi tiết"), never typed in; the policy's cannot be swapped for a detected driver.
  const module = page.getByRole('region', { name: 'Thiết bị ký số (USB token)' });
  await module.getByText('Chi tiết', { exact: true }).click();
  await expect(page.getByText('Nguồn: chính sách quản trị (Pkcs11Library)')).toBeVisible();
  await expect(module.getByText('Tệp trình điều khiển đang dùng: /opt/vnpt-ca/libvnpt-ca.so')).toBeVisible();
  await expect(module.getByRole('textbox')).toHaveCount(0);
  await expect(module.getByRole('button', { name: /^Dùng trình điều khiển/ })).toHaveCount(0);
  await expect(module.getByRole('button', { name: 'Dùng tự động phát hiện' })).toBeDisabled();
  const tsa = page.getByRole('form', { name: 'Dấu thời gian của chữ ký số' });
  await expect(page.getByText('Nguồn: chính sách quản trị (TsaUrl)')).toBeVisible();
  await expect(tsa.getByLabel('Địa chỉ máy chủ cấp dấu thời gian')).toHaveValue('http://tsa.example.vn/tsa');
  await expect(tsa.getByRole('button', { name: 'Lưu địa chỉ' })).toBeDisabled();
  await expect(tsa.getByRole('button', { name: 'Không dùng dấu thời gian' })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Ký số', exact: true }).getByText('🔒 Do quản trị viên đặt')).toHaveCount(2);

  await nav(page, 'Sổ đăng ký').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sổ đăng ký văn bản' })).toBeVisible();
  for (const name of ['Xuất PDF', 'Xuất Excel']) {
    await expect(page.getByRole('button', { name })).toBeDisabled();
    await expect(page.getByRole('button', { name })).toHaveAttribute('title', EXPORT_OFF);
  }
  await expect(page.getByText(`🔒 ${EXPORT_OFF}`)).toBeVisible();

  await nav(page, 'Báo cáo').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Báo cáo thống kê' })).toBeVisible();
  for (const name of ['Xuất PDF', 'Xuất Excel']) {
    await expect(page.getByRole('button', { name })).toBeDisabled();
    await expect(page.getByRole('button', { name })).toHaveAttribute('title', EXPORT_OFF);
  }
  await expect(page.getByText(`🔒 ${EXPORT_OFF}`)).toBeVisible();

  // The helpdesk report is no export of documents: it stays available.
  await nav(page, 'Chẩn đoán').click();
  await expect(page.getByRole('button', { name: 'Lưu báo cáo' })).toBeEnabled();

  const [register] = await app.call<{ id: number }[]>('registers.list', {});
  await expect(app.call('registers.export', { register: register!.id, year: 2026, format: 'pdf' })).rejects.toThrow(/"code":"forbidden".*DisableExport/);
  // Logged once at start, through the redacting logger, into the log file (the same in both modes).
  const log = await readFile(path.join(dataDir, 'logs', 'vanthu.log'), 'utf8');
  expect(log.match(/unknown key "exportDisabled"/g)).toHaveLength(1);
});
