/**
 * Playwright fixtures for what specs set up again and again: a reference axis of their own and
 * apps on it, each with its own data folder, stopped and removed after the test. Test-scoped on
 * purpose: an axis shared by the next spec file in the same worker would hand its apps documents
 * the previous file left queued. Specs whose serial tests share one set-up keep their beforeAll.
 */
import { test as base } from '@playwright/test';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, skipWithoutElectron, startApp, type RunningApp } from './app-under-test.js';
import { startAxis, type RunningAxis } from './axis-harness.js';

export interface AgencyOptions {
  /** Runs under IT's AllowUnsignedSending policy: its documents leave numbered by the register, unsigned. */
  unsignedSending?: boolean;
  env?: NodeJS.ProcessEnv;
}

interface AxisFixtures {
  axis: RunningAxis;
  /** A new app connected as the axis's agency number `index`. */
  agency(index: number, options?: AgencyOptions): Promise<RunningApp>;
}

export const test = base.extend<AxisFixtures>({
  // Playwright reads a fixture's dependencies from its first parameter: this one has none.
  // eslint-disable-next-line no-empty-pattern
  axis: async ({}, use) => {
    skipWithoutElectron();
    const axis = await startAxis();
    await use(axis);
    await axis.stop();
  },
  agency: async ({ axis }, use) => {
    const apps: RunningApp[] = [];
    const dataDirs: string[] = [];
    await use(async (index, { unsignedSending = false, env = {} } = {}) => {
      const dataDir = await makeDataDir();
      dataDirs.push(dataDir);
      const policy: NodeJS.ProcessEnv = {};
      if (unsignedSending) {
        policy.VANTHU_POLICY_FILE = path.join(dataDir, 'policy.json');
        await writeFile(policy.VANTHU_POLICY_FILE, JSON.stringify({ allowUnsignedSending: true }));
      }
      const app = await startApp(dataDir, { VANTHU_SYNC_POLL_MS: '500', ...policy, ...env });
      apps.push(app);
      const credential = axis.agencies[index]!;
      await app.call('setup.connectAxis', { axisUrl: axis.url, agencyCode: credential.code, secret: credential.secret });
      return app;
    });
    for (const app of apps) await app.stop();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
