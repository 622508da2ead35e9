/**
 * Register numbers taken by two hub instances at once (two pools, two stores, one database), with
 * some transactions rolled back after taking their number: the numbers that stand are 1..N, no gap,
 * no duplicate, each with its committed document.
 */
import { expect, it } from 'vitest';
import { useTestPostgres } from '../../test/postgres.js';
import { migrateHub } from './migrations/index.js';
import { postgresExchangeStore } from './postgres-exchange-store.js';

const postgres = useTestPostgres();

const AT = '2026-06-01T03:00:00.000Z';
const WRITES_PER_INSTANCE = 150;

class Abandoned extends Error {}

it('two instances numbering at once leave 1..N with no gap and no duplicate, rolled-back numbers taken again', async () => {
  const { pool, config } = await postgres().freshDatabase();
  await migrateHub(pool);
  const instances = [postgresExchangeStore(await postgres().pool(config)), postgresExchangeStore(await postgres().pool(config))];
  const book = (await instances[0]!.read.registerForNumbering('in'))!;

  const outcomes = await Promise.allSettled(
    instances.flatMap((store, instance) =>
      Array.from({ length: WRITES_PER_INSTANCE }, (_, n) =>
        store.write(async (tx) => {
          const doc = await tx.insertReceived({ subject: `${instance}-${n}`, senderId: 'sender', senderName: null, edxmlDocumentId: `doc-${instance}-${n}`, receivedAt: AT }, AT);
          const number = await tx.enterInRegister(doc, book, new Date(AT));
          // More work after the number is taken, while the other instance waits for it.
          await tx.setHandlingState(doc, 'accepted', number, AT);
          await tx.appendAudit({ actor: 'clerk', action: 'document.status.03', subject: `document:${doc}` }, new Date(AT));
          // Every third transaction fails after taking its number: that number must be taken again.
          if (n % 3 === 2) throw new Abandoned(`instance ${instance} abandons ${n}`);
          return { doc, number };
        }),
      ),
    ),
  );

  const committed = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  expect(refused.every((reason) => reason instanceof Abandoned)).toBe(true);
  expect(refused).toHaveLength(2 * WRITES_PER_INSTANCE / 3);
  const total = committed.length;
  expect(total).toBe(2 * WRITES_PER_INSTANCE - refused.length);

  const oneToN = Array.from({ length: total }, (_, n) => n + 1);
  expect(committed.map((c) => c.number).sort((a, b) => a - b)).toEqual(oneToN);
  const { rows: entries } = await pool.query<{ number: number; document_id: number; arrival_number: number }>(
    'SELECT e.number, e.document_id, d.arrival_number FROM register_entries e JOIN documents d ON d.id = e.document_id ORDER BY e.number',
  );
  expect(entries.map((entry) => entry.number)).toEqual(oneToN);
  expect(entries.every((entry) => entry.arrival_number === entry.number)).toBe(true);
  expect(new Set(entries.map((entry) => entry.document_id))).toEqual(new Set(committed.map((c) => c.doc)));
  expect((await pool.query('SELECT last_number FROM register_counters')).rows).toEqual([{ last_number: total }]);
  expect((await pool.query('SELECT count(*)::int AS n FROM documents')).rows[0].n).toBe(total);
  expect(await instances[1]!.read.auditRows()).toBe(total);
});
