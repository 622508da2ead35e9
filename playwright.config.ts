import { defineConfig } from '@playwright/test';

/**
 * e2e runs the real app in browser mode (the built host on a loopback port) in Debian's
 * Chromium. Playwright's own browser download is not possible here, so the system browser is
 * used; the flags keep it from reaching for Google's services on a closed network.
 *
 * The `electron` project runs the same specs against the desktop app through Playwright's
 * `_electron` (e2e/app-under-test.ts picks the mode by project name); where no Electron binary
 * exists its tests are skipped, saying so, and scripts/test.mjs reports them as not run.
 */
export default defineConfig({
  testDir: 'e2e',
  // The specs run the built app: rebuilt first when a source is newer than dist/ (scripts/fresh-build.mjs).
  globalSetup: './test/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  outputDir: 'test-results/e2e-artifacts',
  projects: [{ name: 'browser' }, { name: 'electron' }],
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.VANTHU_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
