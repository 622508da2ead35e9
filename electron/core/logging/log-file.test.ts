import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readLastLogLines, RotatingLogFile } from './log-file.js';
import { LOG_LINE, logDir, logError, logWarn, useLogFile } from './log.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-log-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the rotating log file', () => {
  it('rotates by size, keeps the configured number of files and drops the oldest', async () => {
    const dir = await tempDir();
    const log = new RotatingLogFile({ dir, maxBytes: 1000, keep: 3 });
    // 100 bytes a line with its newline: 10 lines fill a file.
    const line = (i: number) => `entry ${String(i).padStart(5, '0')} ${'x'.repeat(87)}`;
    for (let i = 0; i < 75; i++) log.append(line(i));

    expect((await readdir(dir)).sort()).toEqual(['vanthu.1.log', 'vanthu.2.log', 'vanthu.3.log', 'vanthu.log']);
    for (const name of ['vanthu.1.log', 'vanthu.2.log', 'vanthu.3.log']) expect((await stat(path.join(dir, name))).size).toBe(1000);
    expect((await readFile(path.join(dir, 'vanthu.log'), 'utf8')).split('\n').filter(Boolean)).toEqual([70, 71, 72, 73, 74].map(line));
    expect((await readFile(path.join(dir, 'vanthu.3.log'), 'utf8')).split('\n')[0]).toBe(line(40));
    // The oldest entries went with the file that was dropped.
    const all = (await Promise.all((await readdir(dir)).map((name) => readFile(path.join(dir, name), 'utf8')))).join('');
    expect(all).not.toContain(line(39));
    expect(readLastLogLines(dir, 12, 3)).toEqual(Array.from({ length: 12 }, (_, i) => line(63 + i)));
    expect(readLastLogLines(dir, 1000, 3)).toEqual(Array.from({ length: 35 }, (_, i) => line(40 + i)));
  });

  it('writes a huge entry as one capped line', async () => {
    const dir = await tempDir();
    new RotatingLogFile({ dir }).append(`big ${'ă'.repeat(50_000)}`);
    const text = await readFile(path.join(dir, 'vanthu.log'), 'utf8');
    expect(text.split('\n')).toHaveLength(2);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(16 * 1024);
    expect(text).toMatch(/ă …\[cut\]\n$/);
  });
});

describe('the log through logError and logWarn', () => {
  it('writes one redacted line per entry: no PIN, secret, bearer token or ?token= URL reaches the file', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dataDir = await tempDir();
    useLogFile(dataDir, 'core');
    const pin = '480271';
    const secret = 'Sx9-hmac-5ecret-Q7vLw2Zp';
    const bearer = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.Zm9v';
    const launchToken = 'L4unch-T0ken_8mXq0rW3sJ1';
    logError('[signer] login failed', { slot: 1, pin, userPin: Number(pin) }, new Error(`bad PIN=${pin}`));
    logError(`[sync] axis said 401 to Authorization: Bearer ${bearer}`, { axis: { url: 'https://truc.example.vn', secret } });
    logWarn(`[host] open http://127.0.0.1:5170/?token=${launchToken}&lang=vi failed`);
    logError('multi\nline', new Error('with a stack'));

    const text = await readFile(path.join(logDir(dataDir), 'vanthu.log'), 'utf8');
    for (const leaked of [pin, secret, bearer, launchToken]) expect(text).not.toContain(leaked);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const parsed = lines.map((line) => LOG_LINE.exec(line));
    expect(parsed.map((match) => [match?.[2], match?.[3]])).toEqual([['ERROR', 'core'], ['ERROR', 'core'], ['WARN', 'core'], ['ERROR', 'core']]);
    expect(parsed[0]![4]).toContain('[signer] login failed');
    expect(parsed[2]![4]).toContain('?token=[redacted]&lang=vi');
    expect(parsed[3]![4]).toMatch(/^multi ⏎ line Error: with a stack ⏎ at /);
  });
});
