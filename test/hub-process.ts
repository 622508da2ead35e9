/**
 * The hub as a real process: bundled from the sources (so a stale dist/ cannot pass for them) and
 * started with node, its output kept for the test to read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Leaves out of the bundle what scripts/build.mjs leaves out (pdf.js loads its worker module next to
 * itself; better-sqlite3 is native), and links the project's node_modules beside it so that they
 * are found from the temp folder as dist/ finds them (ESM imports do not read NODE_PATH).
 */
export async function buildHubBundle(dir: string): Promise<string> {
  const bundle = path.join(dir, 'hub.cjs');
  await symlink(fileURLToPath(new URL('../node_modules', import.meta.url)), path.join(dir, 'node_modules'), 'dir');
  await build({ entryPoints: ['hub/main.ts'], outfile: bundle, bundle: true, platform: 'node', target: 'node22', format: 'cjs', external: ['pg-native', 'pdfjs-dist', 'better-sqlite3'], logLevel: 'error' });
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

/** Whether a running hub leads the exchange or stands by, as its health check says. */
export async function exchangeRole(url: string): Promise<string> {
  return ((await (await fetch(`${url}/api/health`)).json()) as { exchange: string }).exchange;
}
