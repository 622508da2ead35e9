import { describe, expect, it } from 'vitest';
import { useTestPostgres } from '../../test/postgres.js';
import { recordAudit, verifyAuditChain } from './audit.js';
import { migrateHub } from './migrations/index.js';

const postgres = useTestPostgres();

describe('the hub audit log', () => {
  it('chains rows appended at once by many connections without a fork, and finds an edited row', async () => {
    const { pool } = await postgres().freshDatabase();
    await migrateHub(pool);
    await Promise.all(Array.from({ length: 40 }, (_, index) => recordAudit(pool, { actor: `user${index}`, action: 'sign_in', details: { index } })));
    expect(await verifyAuditChain(pool)).toEqual({ ok: true, rows: 40 });
    // As the database's superuser could: switch the guard off and edit history.
    await pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await pool.query("UPDATE audit_log SET actor = 'someone else' WHERE seq = 17");
    expect(await verifyAuditChain(pool)).toEqual({ ok: false, brokenAtSeq: 17, rows: 17 });
  });
});
