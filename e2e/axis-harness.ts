/**
 * The reference axis as its own process (the built `npm run axis`), with the three demo
 * agencies, for end-to-end tests where several VanThu instances talk through it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './app-harness.js';

export interface AxisCredential {
  code: string;
  name: string;
  secret: string;
}

export interface RunningAxis {
  url: string;
  agencies: AxisCredential[];
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder (packages kept). */
  restart(): Promise<void>;
}

async function launch(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'axis', 'server.cjs'), '--demo', '--quiet', '--data-dir', dataDir, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function startAxis(): Promise<RunningAxis> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-e2e-axis-'));
  const first = await launch(dataDir, 0);
  const url = first.url;
  let child = first.child;
  const port = Number(new URL(url).port);
  const agencies = JSON.parse(await readFile(path.join(dataDir, 'demo-credentials.json'), 'utf8')) as AxisCredential[];
  return {
    url,
    agencies,
    stop: () => stopChild(child),
    restart: async () => {
      ({ child } = await launch(dataDir, port));
    },
  };
}
