/**
 * Two processes assign numbers from one register at once: no duplicate, no gap.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../electron/core/store/database.js';
import { raceWorkers } from './racing-workers.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const PER_PROCESS = 500;

describe('register numbers across processes', () => {
  it('two processes taking numbers concurrently from one register: no duplicate, no gap', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vanthu.sqlite');
    const db = openDatabase(file);
    db.prepare("INSERT INTO registers (code, name, direction, created_at) VALUES ('mat-den', 'Sổ văn bản mật đến', 'in', '2026-01-01T00:00:00.000Z')").run();
    db.close();

    const [first, second] = (
      await raceWorkers<{ numbers: number[] }>(dir, 'register-number-worker.ts', [
        [file, 'mat-den', String(PER_PROCESS)],
        [file, 'mat-den', String(PER_PROCESS)],
      ])
    ).map((answer) => answer.numbers);

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
