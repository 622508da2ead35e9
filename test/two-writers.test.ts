/**
 * The protocol of the two processes that write one agency database (docs/architecture.md, "One
 * database, two writers"; docs/reliability.md): the core and the sync process write at once,
 * each through its own connection (WAL, busy timeout, BEGIN IMMEDIATE write transactions), the
 * core reading then writing inside its transactions. No write is lost, no SQLITE_BUSY reaches
 * either, register numbers stay gap-free and the audit chain has no fork.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../electron/core/store/audit-log.js';
import { openDatabase } from '../electron/core/store/database.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const STEPS = 300;

interface Answer {
  totals: Record<string, number>;
  errors: string[];
}

function message<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (value) => resolve(value as T));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before answering`)));
  });
}

describe('two writers of one database', () => {
  it('the core and the sync process writing at once lose nothing and never surface SQLITE_BUSY', async () => {
    const dir = await tempDir();
    const worker = path.join(dir, 'worker.cjs');
    await build({ entryPoints: [path.join(import.meta.dirname, 'two-writers-worker.ts')], outfile: worker, bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning' });
    const file = path.join(dir, 'vanthu.sqlite');
    openDatabase(file).close();

    const children = (['core', 'sync'] as const).map((role) =>
      fork(worker, [file, role, String(STEPS)], { cwd: process.cwd(), env: { ...process.env, NODE_PATH: path.join(process.cwd(), 'node_modules') } }),
    );
    await Promise.all(children.map((child) => message<string>(child)));
    const answers = children.map((child) => message<Answer>(child));
    const startAt = Date.now() + 300;
    for (const child of children) child.send(startAt);
    const [core, sync] = await Promise.all(answers);

    expect(core!.errors).toEqual([]);
    expect(sync!.errors).toEqual([]);
    expect(core!.totals.drafts).toBe(STEPS);
    expect(sync!.totals.received).toBe(STEPS);
    // The two really interleaved: the core accepted documents the sync process stored meanwhile,
    // and the sync process sent packages the core queued meanwhile.
    expect(core!.totals.accepted).toBeGreaterThan(0);
    expect(sync!.totals.sent).toBeGreaterThan(0);

    const db = openDatabase(file);
    try {
      const count = (sql: string) => db.prepare(sql).pluck().get() as number;
      expect(count("SELECT count(*) FROM documents WHERE direction = 'draft'")).toBe(STEPS);
      expect(count("SELECT count(*) FROM documents WHERE direction = 'incoming'")).toBe(STEPS);
      expect(count('SELECT count(*) FROM inbound_packages')).toBe(STEPS);
      expect(count("SELECT count(*) FROM documents WHERE direction = 'incoming' AND state = 'accepted'")).toBe(core!.totals.accepted);
      expect(count("SELECT count(*) FROM outbox WHERE state = 'sent'")).toBe(sync!.totals.sent);
      expect(count('SELECT count(*) FROM outbox')).toBe(STEPS + core!.totals.accepted!);
      // Arrival numbers: 1…n with no gap and no duplicate, though taken while the other process wrote.
      const numbers = db.prepare("SELECT arrival_number FROM documents WHERE state = 'accepted' ORDER BY arrival_number").pluck().all();
      expect(numbers).toEqual(Array.from({ length: core!.totals.accepted! }, (_, i) => i + 1));
      expect(verifyAuditChain(db)).toEqual({ ok: true, rows: core!.totals.drafts! + core!.totals.accepted! + sync!.totals.received! + sync!.totals.sent! });
    } finally {
      db.close();
    }
  });
});
