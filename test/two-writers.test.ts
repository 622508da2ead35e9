/**
 * The protocol of the two processes that write one agency database (docs/architecture.md, "One
 * database, two writers"; docs/reliability.md): the core and the sync process write at once,
 * each through its own connection (WAL, busy timeout, BEGIN IMMEDIATE write transactions), the
 * core reading then writing inside its transactions. No write is lost, no SQLITE_BUSY reaches
 * either, register numbers stay gap-free and the audit chain has no fork.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../electron/core/store/audit-log.js';
import { openDatabase } from '../electron/core/store/database.js';
import { raceWorkers } from './racing-workers.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const STEPS = 300;

interface Answer {
  totals: Record<string, number>;
  errors: string[];
}

describe('two writers of one database', () => {
  it('the core and the sync process writing at once lose nothing and never surface SQLITE_BUSY', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vanthu.sqlite');
    openDatabase(file).close();

    const [core, sync] = await raceWorkers<Answer>(dir, 'two-writers-worker.ts', [
      [file, 'core', String(STEPS)],
      [file, 'sync', String(STEPS)],
    ]);

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
