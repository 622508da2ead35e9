/** The ExchangeStore contract (electron/core/store/exchange-store-contract.ts) on a real PostgreSQL, and what only PostgreSQL needs. */
import { expect, it } from 'vitest';
import { describeExchangeStoreContract } from '../../electron/core/store/exchange-store-contract.js';
import type { ExchangeTransaction } from '../../electron/core/store/exchange-store.js';
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
    // Recipients of a document that does not exist: refused by the foreign key, and caught.
    await tx.insertRecipients(999_999, ['000.00.00.G01'], 'sent', AT).catch(() => undefined);
  });
  await expect(write).rejects.toThrow(TransactionAbortedError);
  expect(await store.read.inbound('axis-1')).toBeNull();
  // The connection went back to the pool clean: the next write commits.
  await store.write((tx) => tx.recordInbound({ axisDocId: 'axis-2', messageType: 'edoc', outcome: 'duplicate', documentId: null }, AT));
  expect(await store.read.inbound('axis-2')).not.toBeNull();
});

it('fails a write with the error of a statement it did not wait for, and commits none of it', async () => {
  const { store } = await openPostgresStore();
  // recordInbound is not waited for (unawaited-statements.ts): its failure comes at the end of the work.
  const write = store.write(async (tx) => {
    await tx.recordInbound({ axisDocId: 'axis-1', messageType: 'edoc', outcome: 'duplicate', documentId: null }, AT);
    await tx.recordInbound({ axisDocId: 'axis-1', messageType: 'edoc', outcome: 'duplicate', documentId: null }, AT);
    await tx.recordInbound({ axisDocId: 'axis-2', messageType: 'edoc', outcome: 'duplicate', documentId: null }, AT);
  });
  await expect(write).rejects.toMatchObject({ code: '23505', constraint: 'inbound_packages_pkey' });
  expect(await store.read.inbound('axis-1')).toBeNull();
  expect(await store.read.inbound('axis-2')).toBeNull();
  await store.write((tx) => tx.recordInbound({ axisDocId: 'axis-3', messageType: 'edoc', outcome: 'duplicate', documentId: null }, AT));
  expect(await store.read.inbound('axis-3')).not.toBeNull();
});

/** What receiving a new document writes (incoming.ts), for package `n` of sender `from`. */
async function arrival(tx: ExchangeTransaction, n: number, from = 'G01') {
  const id = await tx.insertReceived({ subject: `arrival ${n}`, senderId: from, senderName: from, edxmlDocumentId: `doc-${n}`, receivedAt: AT }, AT);
  await tx.insertAttachments(id, [{ name: `${n}.pdf`, contentType: 'application/pdf', size: n, sha256: String(n).padStart(64, '0') }], AT);
  const outbox = await tx.enqueueOutbox({ documentId: id, messageType: 'status', packageSha256: 'e'.repeat(64), recipients: [from], purpose: 'status:01' }, AT);
  await tx.recordStatusEvent({ documentId: id, agencyId: from, direction: 'out', statusCode: '01', description: null, staff: null, occurredAt: AT, axisDocId: null });
  await tx.recordInbound({ axisDocId: `axis-${n}`, messageType: 'edoc', outcome: 'document', documentId: id }, AT);
  await tx.appendAudit({ actor: 'sync', action: 'document.received', subject: `document:${id}` }, new Date(AT));
  return { id, outbox };
}

it('gives the ids it took ahead to the rows it inserted, across a group of arrivals', async () => {
  const { pool, store } = await openPostgresStore();
  const made = await store.write(async (tx) => {
    const all = [];
    for (let n = 1; n <= 12; n++) all.push(await arrival(tx, n));
    return all;
  });
  const { rows } = await pool.query<{ id: number; outbox: number; attachment: string; inbound: number; events: number }>(
    `SELECT d.id, o.id AS outbox, a.name AS attachment, i.document_id AS inbound, (SELECT count(*)::int FROM status_events e WHERE e.document_id = d.id) AS events
     FROM documents d JOIN outbox o ON o.document_id = d.id JOIN attachments a ON a.document_id = d.id JOIN inbound_packages i ON i.document_id = d.id ORDER BY d.id`,
  );
  expect(rows).toEqual(made.map(({ id, outbox }, index) => ({ id, outbox, attachment: `${index + 1}.pdf`, inbound: id, events: 1 })));
  // Ids taken later by the sequence itself (a desk's own writes) never meet them.
  const draft = await store.write((tx) => tx.createDraft('after the arrivals', AT));
  expect(draft).toBeGreaterThan(Math.max(...made.map(({ id }) => id)));
  expect(await verifyAuditChain(pool)).toEqual({ ok: true, rows: 12 });
});

it('fails a group of arrivals whole when one fails on a statement it did not wait for, then commits the others alone', async () => {
  const { pool, store } = await openPostgresStore();
  // Package 2 was recorded before (its inbound row exists): its second record fails only when
  // the group's statements are answered, after every write of the group has run.
  await store.write((tx) => tx.recordInbound({ axisDocId: 'axis-2', messageType: 'edoc', outcome: 'quarantined', documentId: null }, AT));
  // The group commit (grouped-writes.ts): one transaction holding the three writes in turn…
  const group = store.write(async (tx) => {
    for (const n of [1, 2, 3]) await arrival(tx, n);
  });
  await expect(group).rejects.toMatchObject({ code: '23505', constraint: 'inbound_packages_pkey' });
  expect((await pool.query('SELECT id FROM documents')).rows).toEqual([]);
  // …rolled back whole, then each write again in a transaction of its own: the failure stays package 2's.
  const alone = await Promise.allSettled([1, 2, 3].map((n) => store.write((tx) => arrival(tx, n))));
  expect(alone.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  const { rows } = await pool.query<{ subject: string }>('SELECT subject FROM documents ORDER BY id');
  expect(rows.map((row) => row.subject)).toEqual(['arrival 1', 'arrival 3']);
  expect((await store.read.inbound('axis-2'))?.outcome).toBe('quarantined');
  expect(await verifyAuditChain(pool)).toEqual({ ok: true, rows: 2 });
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
