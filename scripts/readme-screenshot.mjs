// Re-takes docs/screenshot.png: the app in demo mode, agency directory open, in Chromium.
// Usage: npm run build && node scripts/readme-screenshot.mjs
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-shot-'));
const host = spawn(process.execPath, [path.join(root, 'dist/core/host.cjs'), '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const launchUrl = await new Promise((resolve) => {
  host.stdout.on('data', (chunk) => {
    const match = /Open: (\S+)/.exec(chunk.toString());
    if (match) resolve(match[1]);
  });
});
const browser = await chromium.launch({ executablePath: process.env.VANTHU_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
await page.goto(launchUrl);
await page.getByRole('button', { name: 'Dùng thử (demo)' }).click();
await page.getByRole('navigation').getByRole('link', { name: 'Danh bạ cơ quan' }).click();
await page.getByText('3 cơ quan').waitFor();
await page.screenshot({ path: path.join(root, 'docs', 'screenshot.png') });
await browser.close();
host.kill('SIGTERM');
await new Promise((resolve) => host.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
console.log('wrote docs/screenshot.png');
