import { fork } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { replaceFile, replaceFileContent } from './replace-file.js';

const tempDir = useTempDirs();

describe('replaceFile', () => {
  it('replaces the content, owner-only, and leaves no temp file beside it', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'settings.json');
    await writeFile(target, 'old');
    await replaceFileContent(target, 'new');
    expect(await readFile(target, 'utf8')).toBe('new');
    if (process.platform !== 'win32') expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('a writer that fails leaves the old content and removes its temp file', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'package.edxml');
    await writeFile(target, 'old');
    await expect(
      replaceFile(target, async (tempPath) => {
        await writeFile(tempPath, 'half of the new');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['package.edxml']);
  });

  it('a process killed at any moment while replacing leaves the target whole: one version, never a torn mix', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'target.bin');
    const size = 1024 * 1024;
    const worker = path.join(dir, 'worker.cjs');
    await build({ entryPoints: [path.join(import.meta.dirname, '../../../test/replace-file-worker.ts')], outfile: worker, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
    const seen = new Set<number>();
    for (let kill = 0; kill < 6; kill++) {
      const writer = fork(worker, [target, String(size)]);
      await new Promise((resolve, reject) => {
        writer.once('message', resolve);
        writer.once('exit', (code) => reject(new Error(`writer exited with ${code} before its first version`)));
      });
      await sleep(5 + kill * 7);
      const exited = new Promise((resolve) => writer.once('exit', resolve));
      writer.kill('SIGKILL');
      await exited;
      const bytes = await readFile(target);
      expect(bytes.length).toBe(size);
      expect(bytes.every((byte) => byte === bytes[0])).toBe(true);
      seen.add(bytes[0]!);
    }
    // The writer really was mid-way through later versions when killed, not idle at the first.
    expect([...seen].some((value) => value !== 1)).toBe(true);
  }, 60_000);
});
