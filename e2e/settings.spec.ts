/**
 * The Settings screen, browser mode: reached from the navigation; the token test lists
 * the SoftHSM2 tokens; an invalid TSA URL is refused by the core's contract and said beside the
 * field, then cleared; a signature PNG is uploaded and its preview shows it. Trust anchors:
 * the test CA is added, a second add and a file that is no certificate are refused
 * with their reasons, and the CA is removed.
 */
import { expect, test } from '@playwright/test';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, ROOT, skipWithoutElectron, startApp, type RunningApp } from './app-under-test.js';
import { makeTestTokens } from '../test/tokens.js';

let app: RunningApp;
let dataDir: string;

test.afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('Cài đặt → Ký số: token test, TSA URL, signature image', async ({ page }) => {
  skipWithoutElectron();
  const manifest = await makeTestTokens();
  dataDir = await makeDataDir();
  app = await startApp(dataDir, { SOFTHSM2_CONF: manifest.conf, VANTHU_PKCS11_MODULE: manifest.module });
  await app.call('setup.useDemo', {});
  page = await app.open(page);
  await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cài đặt' })).toBeVisible();
  // Plain words first; the technical source of the driver behind "Chi tiết".
  const module = page.getByRole('region', { name: 'Thiết bị ký số (USB token)' });
  await expect(module.getByText('Đã có trình điều khiển cho thiết bị ký số.')).toBeVisible();
  await expect(module.getByText('Nguồn: biến môi trường VANTHU_PKCS11_MODULE')).toBeHidden();
  await module.getByText('Chi tiết', { exact: true }).click();
  await expect(module.getByText('Nguồn: biến môi trường VANTHU_PKCS11_MODULE')).toBeVisible();

  await page.getByRole('button', { name: 'Kiểm tra thiết bị ký số' }).click();
  await expect(page.getByText('Đọc được 2 thiết bị ký số.')).toBeVisible();
  await expect(page.getByText(/^Nguyễn Văn An — do .* cấp — hiệu lực đến /)).toBeVisible();

  const tsa = page.getByRole('form', { name: 'Dấu thời gian của chữ ký số' });
  const url = tsa.getByLabel('Địa chỉ máy chủ cấp dấu thời gian');
  await url.fill('ftp://tsa.example.vn');
  await tsa.getByRole('button', { name: 'Lưu địa chỉ' }).click();
  await expect(tsa.getByText('Địa chỉ không hợp lệ: cần một địa chỉ http:// hoặc https://.')).toBeVisible();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await url.fill('');
  await tsa.getByRole('button', { name: 'Lưu địa chỉ' }).click();
  await expect(page.getByText('Chữ ký số chưa có dấu thời gian.')).toBeVisible();
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');

  const name = 'Chữ ký mặc định của máy này';
  const image = page.getByRole('group', { name });
  await expect(image.getByText('Ảnh mặc định của VanThu.', { exact: false })).toBeVisible();
  await image.getByLabel(`Chọn ảnh PNG: ${name}`).setInputFiles(path.join(ROOT, 'assets', 'seal-default.png'));
  await expect(image.getByText('Ảnh đã chọn trên máy này.', { exact: false })).toBeVisible();
  const preview = image.getByRole('img', { name: `Xem trước: ${name}` });
  // By file link (browser mode's path or Electron's scheme), never bytes in the page.
  await expect(preview).toHaveAttribute('src', /^(\/api\/blob\/|vanthu-blob:\/\/file\/)[\w-]{43}$/);
  // Drawn, at the uploaded PNG's size (the seal is square, the default signature is not).
  await expect.poll(() => preview.evaluate((img) => {
    const element = img as unknown as { naturalWidth: number; naturalHeight: number };
    return element.naturalWidth > 0 && element.naturalWidth === element.naturalHeight;
  })).toBe(true);
  await expect(image.getByRole('button', { name: `Bỏ ảnh đã chọn: ${name}` })).toBeEnabled();
  await page.setViewportSize({ width: 1280, height: 2400 });
  await page.getByRole('region', { name: 'Ký số', exact: true }).screenshot({ path: test.info().outputPath('settings.png') });

  const anchors = page.getByRole('region', { name: 'Chứng thư gốc tin cậy' });
  const pick = anchors.getByLabel('Thêm chứng thư gốc…');
  await pick.setInputFiles(manifest.caCertificate);
  await expect(anchors.getByText(/Đã thêm: VanThu Test CA/)).toBeVisible();
  await expect(anchors.getByRole('button', { name: 'Gỡ bỏ VanThu Test CA' })).toBeVisible();
  await pick.setInputFiles(manifest.caCertificate);
  await expect(anchors.getByRole('alert')).toBeVisible();
  const notACertificate = test.info().outputPath('not-a-certificate.pem');
  await writeFile(notACertificate, 'hello');
  await pick.setInputFiles(notACertificate);
  await expect(anchors.getByText('Tệp này không phải là tệp chứng thư số.')).toBeVisible();
  await anchors.getByRole('button', { name: 'Gỡ bỏ VanThu Test CA' }).click();
  await expect(anchors.getByText(/Chưa có chứng thư gốc tin cậy nào/)).toBeVisible();
});
