/**
 * The reference axis as its own process (the built `npm run axis`), with the three demo
 * agencies, for end-to-end tests where several VanThu instances talk through it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_SECRET_FILE } from '../axis/admin-secret.js';
import { ROOT } from './app-harness.js';

export interface AxisCredential {
  code: string;
  name: string;
  secret: string;
}

export interface RunningAxis {
  url: string;
  dataDir: string;
  /** The operator's credential (systemid `admin`). */
  adminSecret: string;
  agencies: AxisCredential[];
  stop(): Promise<void>;
  /** Kills it as a crash would (SIGKILL) and waits for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data folder (packages kept). */
  restart(): Promise<void>;
}

export interface AxisLaunchOptions {
  /** More command-line arguments for each start (e.g. a new --faults plan). */
  args?: () => Promise<string[]>;
  /** Receives its stderr (request log, injected faults) instead of this process's stderr. */
  onStderr?: (text: string) => void;
}

async function launch(dataDir: string, port: number, options: AxisLaunchOptions): Promise<{ child: ChildProcess; url: string }> {
  const args = ['--demo', '--quiet', '--data-dir', dataDir, '--port', String(port), ...((await options.args?.()) ?? [])];
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'axis', 'server.cjs'), ...args], {
    stdio: ['ignore', 'pipe', options.onStderr ? 'pipe' : 'inherit'],
  });
  if (options.onStderr) child.stderr!.on('data', (chunk: Buffer) => options.onStderr!(chunk.toString()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the axis exited with ${code}: ${output}`)));
  });
  return { child, url };
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export async function startAxis(options: AxisLaunchOptions = {}): Promise<RunningAxis> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-e2e-axis-'));
  const first = await launch(dataDir, 0, options);
  const url = first.url;
  let child = first.child;
  const port = Number(new URL(url).port);
  const agencies = JSON.parse(await readFile(path.join(dataDir, 'demo-credentials.json'), 'utf8')) as AxisCredential[];
  return {
    url,
    dataDir,
    adminSecret: (await readFile(path.join(dataDir, ADMIN_SECRET_FILE), 'utf8')).trim(),
    agencies,
    stop: () => stopChild(child),
    kill: () => stopChild(child, 'SIGKILL'),
    restart: async () => {
      ({ child } = await launch(dataDir, port, options));
    },
  };
}
