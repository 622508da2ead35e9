/**
 * The app a spec drives, in the mode of its Playwright project: `browser` is the built host
 * (app-harness.ts, as `npm start` runs without Electron); `electron` is the desktop app through
 * Playwright's `_electron` (the packaged app named by VANTHU_E2E_APP, else the Electron binary
 * with dist/electron/main.cjs). Specs get the app's page and an API caller the same way in both.
 * Where no Electron binary exists, the electron project's tests are skipped, saying so
 * (scripts/test.mjs reports them as not run).
 */
import { _electron, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { toWireJson } from '../shared/api/wire.js';
import { findElectronBinary } from '../scripts/electron-binary.mjs';
import { ELECTRON_NOT_RUN } from './not-run.mjs';
import { makeDataDir as makeHostDataDir, ROOT, startApp as startHost } from './app-harness.js';

export { ROOT };
const ELECTRON_MAIN = path.join(ROOT, 'dist', 'electron', 'main.cjs');

export interface RunningApp {
  pid: number;
  /** Browser mode's access secrets (a launch code, a session; the desktop app has none): what must never be logged. */
  accessSecrets(): Promise<string[]>;
  output: () => string;
  /** An API call through the app's own transport (input bytes travel as {"$bytes": base64}), for setting up what a test does not click. */
  call<T>(method: string, input: unknown): Promise<T>;
  /** The bytes behind a file link of an API reply (file-links.ts), read as the page reads them. */
  fetchFile(url: string): Promise<Buffer>;
  /**
   * The app on screen. Browser mode: a new launch link opened in `target` (a Page), or in a page
   * of a new context of `target` (a Browser; stop() closes it). Electron: its window, whatever `target` is, loaded again
   * after `prepare` so that listeners and init scripts it adds see the whole load in both modes.
   */
  open(target: Page | Browser, prepare?: (page: Page) => Promise<void> | void): Promise<Page>;
  /** Shows one screen of the app by its route, e.g. `#/drafts/3`. */
  goto(page: Page, route: string): Promise<void>;
  /** Resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Kills it as a power cut would (SIGKILL) and waits for the exit. */
  kill(): Promise<void>;
}

type ElectronLaunch = { executablePath: string; args: string[] } | { missing: string };

function electronLaunch(): ElectronLaunch {
  const packaged = process.env.VANTHU_E2E_APP;
  if (packaged) return existsSync(packaged) ? { executablePath: packaged, args: [] } : { missing: `VANTHU_E2E_APP=${packaged} absent` };
  const found = findElectronBinary(ROOT);
  return 'binary' in found ? { executablePath: found.binary, args: [ELECTRON_MAIN] } : { missing: `${found.missing}; or set VANTHU_E2E_APP to a packaged app` };
}

const inElectronProject = () => test.info().project.name === 'electron';

/**
 * In the electron project without a binary: skips the test (in a beforeAll: the file's tests).
 * makeDataDir and startApp call it; a spec whose set-up starts other things first calls it before them.
 */
export function skipWithoutElectron(): void {
  if (!inElectronProject()) return;
  const launch = electronLaunch();
  // Skipped, not failed, for want of an Electron binary (none can be downloaded on the development
  // machine: npm registry only); scripts/test.mjs reports these as "not run", never as passes.
  test.skip('missing' in launch, 'missing' in launch ? `Electron binary not found (${launch.missing}): ${ELECTRON_NOT_RUN}` : '');
}

export async function makeDataDir(): Promise<string> {
  skipWithoutElectron();
  return makeHostDataDir();
}

export async function startApp(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
  skipWithoutElectron();
  return inElectronProject() ? startElectronApp(dataDir, env) : startBrowserModeApp(dataDir, env);
}

async function startBrowserModeApp(dataDir: string, env: NodeJS.ProcessEnv): Promise<RunningApp> {
  const host = await startHost(dataDir, env);
  const contexts: BrowserContext[] = [];
  return {
    pid: host.pid,
    accessSecrets: async () => [new URLSearchParams(new URL(host.launchUrl).hash.slice(1)).get('launch')!, await host.session()],
    output: host.output,
    call: host.call,
    fetchFile: host.fetchFile,
    open: async (target, prepare) => {
      let page = target as Page;
      if ('newContext' in target) {
        const context = await target.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
        contexts.push(context);
        page = await context.newPage();
      }
      await prepare?.(page);
      await page.goto(await host.newLaunchUrl());
      return page;
    },
    goto: async (page, route) => void (await page.goto(`${host.origin}/${route}`)),
    stop: async () => {
      await Promise.all(contexts.splice(0).map((context) => context.close()));
      return host.stop();
    },
    kill: host.kill,
  };
}

async function startElectronApp(dataDir: string, env: NodeJS.ProcessEnv): Promise<RunningApp> {
  const launch = electronLaunch() as Extract<ElectronLaunch, { executablePath: string }>;
  // The browser project's locale and time zone, given the way Electron's Chromium takes them.
  const electronApp = await _electron.launch({
    executablePath: launch.executablePath,
    args: [...launch.args, '--lang=vi-VN', '--data-dir', dataDir],
    env: { ...process.env, TZ: 'Asia/Ho_Chi_Minh', ...env } as Record<string, string>,
    timeout: 30_000,
  });
  const child = electronApp.process();
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
  const mainWindow = () => electronApp.firstWindow({ timeout: 30_000 });
  return {
    pid: child.pid!,
    accessSecrets: async () => [],
    output: () => output,
    call: async <T>(method: string, input: unknown): Promise<T> => {
      // Through the preload's bridge, as the renderer calls; input bytes cross as the HTTP transport's {"$bytes"} JSON.
      const reply = await (await mainWindow()).evaluate(
        async ([name, wireInput]) => {
          const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const input: unknown = JSON.parse(wireInput, (_key, v: unknown) =>
            v && typeof v === 'object' && Object.keys(v).length === 1 && typeof (v as { $bytes?: unknown }).$bytes === 'string' ? bytesOf((v as { $bytes: string }).$bytes) : v,
          );
          const bridge = (globalThis as unknown as { vanthu: { invoke(method: string, input: unknown): Promise<unknown> } }).vanthu;
          return JSON.stringify(await bridge.invoke(name, input));
        },
        [method, toWireJson(input)] as const,
      );
      const body = JSON.parse(reply) as { ok: boolean; result: T; error?: unknown };
      if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
      return body.result;
    },
    fetchFile: async (url) => {
      // By the page's own fetch: main's protocol serves the link to the app's window only.
      const base64 = await (await mainWindow()).evaluate(async (link) => {
        const bytes = new Uint8Array(await (await fetch(link)).arrayBuffer());
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(text);
      }, url);
      return Buffer.from(base64, 'base64');
    },
    open: async (_target, prepare) => {
      const page = await mainWindow();
      if (prepare) {
        await prepare(page);
        await page.reload();
      }
      return page;
    },
    goto: async (page, route) => void (await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), route)),
    stop: async () => {
      await electronApp.close();
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
