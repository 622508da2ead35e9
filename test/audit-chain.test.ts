/**
 * The desktop's audit chain and the hub's hash a row alike, so a standalone agency's chain can be
 * carried into a hub (a test of both layers, hence here).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { appendAudit as appendDesktopAudit } from '../electron/core/store/audit-log.js';
import { appendAudit } from '../hub/store/audit.js';
import { inTransaction } from '../hub/store/database.js';
import { migrateHub } from '../hub/store/migrations/index.js';
import { useTestPostgres } from './postgres.js';

const postgres = useTestPostgres();

describe('the audit chain of desktop and hub', () => {
  it('chains as the desktop does, so a standalone agency\'s rows hash the same', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool);
    const at = new Date('2026-03-04T05:06:07.089Z');
    const entry = { actor: 'vanthu', action: 'document.accept', subject: 'document:7', details: { arrivalNumber: 12 } };
    await inTransaction(pool, (client) => appendAudit(client, entry, at));
    const desktop = new Database(':memory:');
    desktop.exec('CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at TEXT, actor TEXT, action TEXT, subject TEXT, details TEXT, prev_hash TEXT, hash TEXT)');
    desktop.transaction(() => appendDesktopAudit(desktop, entry, at))();
    const hub = (await pool.query('SELECT hash FROM audit_log')).rows[0].hash;
    expect(hub).toBe((desktop.prepare('SELECT hash FROM audit_log').get() as { hash: string }).hash);
  });
});
