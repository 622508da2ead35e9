/**
 * Starts the real VanThu host (the built browser-mode bundle) on a data folder, the way
 * `npm start` does, and reads the launch link it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toWireJson } from '../shared/api/wire.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOST_BUNDLE = path.join(ROOT, 'dist', 'core', 'host.cjs');

export interface RunningApp {
  pid: number;
  launchUrl: string;
  origin: string;
  output: () => string;
  /** An API call over HTTP with the launch token (bytes travel as {"$bytes": base64}), for setting up what a test does not click. */
  call<T>(method: string, input: unknown): Promise<T>;
  stop(): Promise<number | null>;
  /** Kills it as a power cut would (SIGKILL) and waits for the exit. */
  kill(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'vanthu-e2e-'));
}

export async function startApp(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
  const child: ChildProcess = spawn(process.execPath, [HOST_BUNDLE, '--data-dir', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`VanThu did not start within 30 s:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
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
  const token = new URL(launchUrl).searchParams.get('token')!;
  const exited = new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
  return {
    pid: child.pid!,
    launchUrl,
    origin,
    output: () => output,
    call: async <T>(method: string, input: unknown): Promise<T> => {
      const response = await fetch(`${origin}/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: toWireJson(input),
      });
      const body = (await response.json()) as { ok: boolean; result: T; error?: unknown };
      if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
      return body.result;
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
