/**
 * Starts the real VanThu host (the built browser-mode bundle) on a data folder, the way
 * `npm start` does, and reads the launch link it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The wire encoding of shared/api/wire.ts with Node's base64: the shared pure-JS encoder takes
 * seconds for megabytes under the test runner, longer than the host keeps an idle connection.
 */
const wireJson = (input: unknown) => JSON.stringify(input, function (this: Record<string, unknown>, key: string, v: unknown) {
  const original = this[key];
  return original instanceof Uint8Array ? { $bytes: Buffer.from(original.buffer, original.byteOffset, original.length).toString('base64') } : v;
});

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOST_BUNDLE = path.join(ROOT, 'dist', 'core', 'host.cjs');

export interface RunningApp {
  pid: number;
  /** The link the host printed (its single-use code is not spent by the harness). */
  launchUrl: string;
  origin: string;
  output: () => string;
  /** A link with a new single-use code, minted as a second `npm start` does (the launcher key of host.json). */
  newLaunchUrl(): Promise<string>;
  /** The session secret the harness's own calls use (a launch code it traded). */
  session(): Promise<string>;
  /** An API call over HTTP with the harness's session (input bytes travel as {"$bytes": base64}), for setting up what a test does not click. */
  call<T>(method: string, input: unknown): Promise<T>;
  /** The bytes behind a file link of an API reply (file-links.ts). */
  fetchFile(url: string): Promise<Buffer>;
  stop(): Promise<number | null>;
  /** Kills it as a power cut would (SIGKILL) and waits for the exit. */
  kill(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'vanthu-e2e-'));
}

export async function startApp(dataDir: string, env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<RunningApp> {
  const child: ChildProcess = spawn(process.execPath, [HOST_BUNDLE, '--data-dir', dataDir, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`VanThu did not start within 30 s:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#launch=[\w-]+)/.exec(output);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(match[1]!);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`VanThu exited with ${code} before it was ready:\n${output}`));
    });
  });
  const origin = new URL(launchUrl).origin;
  const exited = new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
  const newLaunchUrl = async (): Promise<string> => {
    const { launcherKey } = JSON.parse(await readFile(path.join(dataDir, 'host.json'), 'utf8')) as { launcherKey: string };
    const response = await fetch(`${origin}/api/launch`, { method: 'POST', headers: { authorization: `Bearer ${launcherKey}` } });
    if (!response.ok) throw new Error(`no new launch code: HTTP ${response.status}`);
    return `${origin}/#launch=${((await response.json()) as { code: string }).code}`;
  };
  let session: Promise<string> | null = null;
  const harnessSession = (): Promise<string> =>
    (session ??= newLaunchUrl().then(async (url) => {
      const code = new URLSearchParams(new URL(url).hash.slice(1)).get('launch');
      const response = await fetch(`${origin}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      if (!response.ok) throw new Error(`the launch code was refused: HTTP ${response.status}`);
      return ((await response.json()) as { session: string }).session;
    }));
  return {
    pid: child.pid!,
    launchUrl,
    origin,
    output: () => output,
    newLaunchUrl,
    session: harnessSession,
    call: async <T>(method: string, input: unknown): Promise<T> => {
      const response = await fetch(`${origin}/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await harnessSession()}` },
        body: wireJson(input),
      });
      const body = (await response.json()) as { ok: boolean; result: T; error?: unknown };
      if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
      return body.result;
    },
    fetchFile: async (url: string): Promise<Buffer> => {
      const response = await fetch(new URL(url, origin));
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    },
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
