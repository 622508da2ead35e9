/**
 * Two processes assign numbers from one register at once (issue 6): no duplicate, no gap.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../electron/core/store/database.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const PER_PROCESS = 500;

function message<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (value) => resolve(value as T));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before answering`)));
  });
}

describe('register numbers across processes', () => {
  it('two processes taking numbers concurrently from one register: no duplicate, no gap', async () => {
    const dir = await tempDir();
    const worker = path.join(dir, 'worker.cjs');
    await build({ entryPoints: [path.join(import.meta.dirname, 'register-number-worker.ts')], outfile: worker, bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning' });
    const file = path.join(dir, 'vanthu.sqlite');
    const db = openDatabase(file);
    db.prepare("INSERT INTO registers (code, name, direction, created_at) VALUES ('mat-den', 'Sổ văn bản mật đến', 'in', '2026-01-01T00:00:00.000Z')").run();
    db.close();

    // The workers resolve better-sqlite3 from this repository's node_modules.
    const children = [0, 1].map(() => fork(worker, [file, 'mat-den', String(PER_PROCESS)], { cwd: process.cwd(), env: { ...process.env, NODE_PATH: path.join(process.cwd(), 'node_modules') } }));
    await Promise.all(children.map((child) => message<string>(child)));
    const answers = children.map((child) => message<{ numbers: number[] }>(child));
    const startAt = Date.now() + 300;
    for (const child of children) child.send(startAt);
    const [first, second] = (await Promise.all(answers)).map((answer) => answer.numbers);

    // Each process saw its own numbers rise, and both really interleaved.
    for (const numbers of [first!, second!]) expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(Math.max(...first!)).toBeGreaterThan(Math.min(...second!));
    expect(Math.max(...second!)).toBeGreaterThan(Math.min(...first!));
    const all = [...first!, ...second!].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 2 * PER_PROCESS }, (_, i) => i + 1));

    const check = openDatabase(file);
    const stored = check.prepare("SELECT register_number AS n FROM documents WHERE register_id = (SELECT id FROM registers WHERE code = 'mat-den') ORDER BY n").all() as { n: number }[];
    expect(stored.map((row) => row.n)).toEqual(all);
    expect(check.prepare("SELECT last_number FROM register_counters WHERE register = 'mat-den' AND year = 2026").get()).toEqual({ last_number: 2 * PER_PROCESS });
    check.close();
  });
});
