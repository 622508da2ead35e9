/**
 * Two processes append to one log file at once, with rotations under way: every line
 * parses, none is torn or lost, none appears twice.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { LOG_LINE } from '../electron/core/logging/log.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const PER_PROCESS = 1500;
const MAX_BYTES = 256 * 1024;
// Enough rotated files that nothing is dropped: the test counts every entry.
const KEEP = 100;

function message(child: ChildProcess, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('message', (value) => (value === expected ? resolve() : reject(new Error(`worker said ${String(value)}`))));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before saying ${expected}`)));
  });
}

describe('the log file shared by several processes', () => {
  it('keeps every line whole when two processes append and rotate concurrently', async () => {
    const dir = await tempDir();
    const worker = path.join(dir, 'worker.cjs');
    await build({ entryPoints: [path.join(import.meta.dirname, 'log-writer-worker.ts')], outfile: worker, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
    const logs = path.join(dir, 'logs');
    const children = ['core', 'sync'].map((name) => fork(worker, [logs, name, String(PER_PROCESS), String(MAX_BYTES), String(KEEP)]));
    await Promise.all(children.map((child) => message(child, 'ready')));
    const done = children.map((child) => message(child, 'done'));
    const startAt = Date.now() + 300;
    for (const child of children) child.send(startAt);
    await Promise.all(done);

    const files = readdirSync(logs).filter((name) => name.endsWith('.log'));
    expect(files.length).toBeGreaterThan(3);
    const seen = { core: new Set<number>(), sync: new Set<number>() };
    const order: string[] = [];
    for (const name of files) {
      const text = readFileSync(path.join(logs, name), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      for (const line of text.slice(0, -1).split('\n')) {
        const match = LOG_LINE.exec(line);
        expect(match, line.slice(0, 200)).not.toBeNull();
        const [, , level, processName, message] = match!;
        expect(level).toBe('ERROR');
        const body = /^#(\d+) len=(\d+) (.*)$/.exec(message!);
        expect(body, line.slice(0, 200)).not.toBeNull();
        expect(body![3]).toHaveLength(Number(body![2]));
        expect(body![3]).toBe('Công văn số '.repeat(Number(body![2]) / 'Công văn số '.length));
        const entries = seen[processName as 'core' | 'sync'];
        expect(entries.has(Number(body![1]))).toBe(false);
        entries.add(Number(body![1]));
        order.push(processName!);
      }
    }
    expect(seen.core.size).toBe(PER_PROCESS);
    expect(seen.sync.size).toBe(PER_PROCESS);
    // Both really wrote at the same time: the processes alternate in the files many times.
    const switches = order.filter((name, i) => i > 0 && name !== order[i - 1]).length;
    expect(switches).toBeGreaterThan(10);
  });
});
