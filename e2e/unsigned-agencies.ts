/**
 * Agencies on one reference axis for specs that exchange unsigned documents: each app runs under
 * IT's AllowUnsignedSending policy (its documents leave numbered by the register, unsigned) and is
 * connected to the axis. Registers the file's beforeAll/afterAll; call once at the top of a spec.
 */
import { test } from '@playwright/test';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, skipWithoutElectron, startApp, type RunningApp } from './app-under-test.js';
import { startAxis, type RunningAxis } from './axis-harness.js';

export interface UnsignedAgencies {
  axis(): RunningAxis;
  /** A new app connected as the axis's agency number `index`. */
  agency(index: number): Promise<RunningApp>;
}

export function useUnsignedAgencies(): UnsignedAgencies {
  let axis: RunningAxis | undefined;
  const apps: RunningApp[] = [];
  const dataDirs: string[] = [];
  test.beforeAll(async () => {
    skipWithoutElectron();
    axis = await startAxis();
  });
  test.afterAll(async () => {
    for (const app of apps) await app.stop();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
    await axis?.stop();
  });
  return {
    axis: () => axis!,
    agency: async (index) => {
      const dataDir = await makeDataDir();
      dataDirs.push(dataDir);
      const policyFile = path.join(dataDir, 'policy.json');
      await writeFile(policyFile, JSON.stringify({ allowUnsignedSending: true }));
      const app = await startApp(dataDir, { VANTHU_SYNC_POLL_MS: '500', VANTHU_POLICY_FILE: policyFile });
      apps.push(app);
      const credential = axis!.agencies[index]!;
      await app.call('setup.connectAxis', { axisUrl: axis!.url, agencyCode: credential.code, secret: credential.secret });
      return app;
    },
  };
}
