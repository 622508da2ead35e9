/**
 * Playwright fixtures for what specs set up again and again: a reference axis of their own and
 * apps on it, each with its own data folder, stopped and removed after the test. Test-scoped on
 * purpose: an axis shared by the next spec file in the same worker would hand its apps documents
 * the previous file left queued. Specs whose serial tests share one set-up keep their beforeAll,
 * and start their agencies there with the same `startAgency`.
 */
import { test as base, type Browser, type Page } from '@playwright/test';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDataDir, skipWithoutElectron, startApp, type RunningApp } from './app-under-test.js';
import { startAxis, type AxisCredential, type RunningAxis } from './axis-harness.js';

export interface AgencyOptions {
  /** Runs under IT's AllowUnsignedSending policy: its documents leave numbered by the register, unsigned. */
  unsignedSending?: boolean;
  /** Certificate files put in the data folder's trust-anchors/ before the app starts, as IT staff install a root. */
  trustAnchors?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

/** One agency's app on a test axis, with its own data folder. */
export interface RunningAgency {
  credential: AxisCredential;
  app: RunningApp;
  dataDir: string;
  /** Stops the app and removes its data folder. */
  stop(): Promise<void>;
}

/**
 * A new app with a data folder of its own, connected to `axis` as `credential`. The one set-up of
 * every spec that runs agencies: the `agency` fixture below, and the serial specs whose tests
 * share their agencies from a beforeAll.
 */
export async function startAgency(axis: RunningAxis, credential: AxisCredential, { unsignedSending = false, trustAnchors = [], env = {} }: AgencyOptions = {}): Promise<RunningAgency> {
  const dataDir = await makeDataDir();
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  try {
    if (trustAnchors.length > 0) await mkdir(path.join(dataDir, 'trust-anchors'));
    // Numbered: two issuers' files are often both called ca.pem.
    for (const [index, file] of trustAnchors.entries()) await copyFile(file, path.join(dataDir, 'trust-anchors', `${index + 1}-${path.basename(file)}`));
    const policy: NodeJS.ProcessEnv = {};
    if (unsignedSending) {
      policy.VANTHU_POLICY_FILE = path.join(dataDir, 'policy.json');
      await writeFile(policy.VANTHU_POLICY_FILE, JSON.stringify({ allowUnsignedSending: true }));
    }
    const app = await startApp(dataDir, { VANTHU_SYNC_POLL_MS: '500', ...policy, ...env });
    try {
      await app.call('setup.connectAxis', { axisUrl: axis.url, agencyCode: credential.code, secret: credential.secret });
    } catch (error) {
      await app.stop();
      throw error;
    }
    return {
      credential,
      app,
      dataDir,
      stop: async () => {
        await app.stop();
        await removeDataDir();
      },
    };
  } catch (error) {
    await removeDataDir();
    throw error;
  }
}

/** An agency with its UI open in a browser context of its own (cookies do not tell ports apart). */
export interface OpenAgency extends RunningAgency {
  page: Page;
}

/** `startAgency`, then its page. */
export async function openAgency(browser: Browser, axis: RunningAxis, credential: AxisCredential, options?: AgencyOptions): Promise<OpenAgency> {
  const agency = await startAgency(axis, credential, options);
  try {
    return { ...agency, page: await agency.app.open(browser) };
  } catch (error) {
    await agency.stop();
    throw error;
  }
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
    const agencies: RunningAgency[] = [];
    await use(async (index, options) => {
      const agency = await startAgency(axis, axis.agencies[index]!, options);
      agencies.push(agency);
      return agency.app;
    });
    for (const agency of agencies) await agency.stop();
  },
});

export { expect } from '@playwright/test';
