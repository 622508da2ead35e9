/** The ExchangeStore contract (electron/core/store/exchange-store-contract.ts) on a real PostgreSQL, and what only PostgreSQL needs. */
import { expect, it } from 'vitest';
import { describeExchangeStoreContract } from '../../electron/core/store/exchange-store-contract.js';
import { useTestPostgres } from '../../test/postgres.js';
import { verifyAuditChain } from './audit.js';
import { migrateHub } from './migrations/index.js';
import { postgresExchangeStore, TransactionAbortedError } from './postgres-exchange-store.js';

const postgres = useTestPostgres();

async function openPostgresStore() {
  const { pool } = await postgres().freshDatabase();
  await migrateHub(pool);
  // The pool is closed with the cluster after the file's tests.
  return { pool, store: postgresExchangeStore(pool), dispose: async () => undefined };
}

describeExchangeStoreContract('PostgreSQL', openPostgresStore);

const AT = '2026-06-01T03:00:00.000Z';

it('refuses to pass a write off as committed when a caught failure had already ended it', async () => {
  const { store } = await openPostgresStore();
  const write = store.write(async (tx) => {
    await tx.recordInbound({ axisDocId: 'axis-1', messageType: 'edoc', outcome: 'duplicate', documentId: null }, AT);
    await tx.recordInbound({ axisDocId: 'axis-1', messageType: 'edoc', outcome: 'duplicate', documentId: null }, AT).catch(() => undefined);
  });
  await expect(write).rejects.toThrow(TransactionAbortedError);
  expect(await store.read.inbound('axis-1')).toBeNull();
  // The connection went back to the pool clean: the next write commits.
  await store.write((tx) => tx.recordInbound({ axisDocId: 'axis-2', messageType: 'edoc', outcome: 'duplicate', documentId: null }, AT));
  expect(await store.read.inbound('axis-2')).not.toBeNull();
});

it("chains the exchange's audit records into the hub's one audit log", async () => {
  const { pool, store } = await openPostgresStore();
  for (let n = 0; n < 3; n++) await store.write((tx) => tx.appendAudit({ actor: 'sync', action: 'outbox.sent', subject: `outbox:${n}` }, new Date(AT)));
  expect(await verifyAuditChain(pool)).toEqual({ ok: true, rows: 3 });
});

it("appends a transaction's audit records together, in their order, while other writers append theirs", async () => {
  const { pool } = await openPostgresStore();
  // Two stores on one database write at the same time, as two hub instances would.
  const writers = [postgresExchangeStore(pool), postgresExchangeStore(pool)].map((store, writer) =>
    Promise.all(
      Array.from({ length: 10 }, (_, transaction) =>
        store.write(async (tx) => {
          for (let n = 0; n < 5; n++) await tx.appendAudit({ actor: 'sync', action: 'document.received', subject: `${writer}/${transaction}`, details: { n } }, new Date(AT));
        }),
      ),
    ),
  );
  await Promise.all(writers);
  expect(await verifyAuditChain(pool)).toEqual({ ok: true, rows: 100 });
  const { rows } = await pool.query<{ subject: string; n: number }>("SELECT subject, (details::jsonb->>'n')::int AS n FROM audit_log ORDER BY seq");
  for (let first = 0; first < rows.length; first += 5) {
    expect(rows.slice(first, first + 5)).toEqual([0, 1, 2, 3, 4].map((n) => ({ subject: rows[first]!.subject, n })));
  }
});

it('takes a recipient named twice once, as the SQLite store does', async () => {
  const { store } = await openPostgresStore();
  const doc = await store.write(async (tx) => {
    const id = await tx.createDraft('to one agency, listed twice', AT);
    await tx.insertRecipients(id, ['r1', 'r1'], 'queued', AT);
    return id;
  });
  expect(await store.read.recipientState(doc, 'r1')).toBe('queued');
});
