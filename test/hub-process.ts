/**
 * The hub as a real process: bundled from the sources (so a stale dist/ cannot pass for them) and
 * started with node, its output kept for the test to read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

export async function buildHubBundle(dir: string): Promise<string> {
  const bundle = path.join(dir, 'hub.cjs');
  await build({ entryPoints: ['hub/main.ts'], outfile: bundle, bundle: true, platform: 'node', target: 'node22', format: 'cjs', external: ['pg-native'], logLevel: 'error' });
  return bundle;
}

export interface HubProcess {
  child: ChildProcess;
  output: () => string;
  /** The URL it listens on, once it says so. */
  listening: Promise<string>;
  exited: Promise<number | null>;
}

export function launchHub(bundle: string, dataDir: string, args: string[] = ['--port', '0', '--log-level', 'warn'], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): HubProcess {
  const child = spawn(process.execPath, [bundle, ...args, '--data-dir', dataDir], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  child.stdin!.end(options.stdin ?? '');
  let output = '';
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (\S+) /.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`the hub exited (${code}) before listening:\n${output}`)));
  });
  listening.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, listening, exited };
}
