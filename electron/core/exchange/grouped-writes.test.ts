/** Group commit of a receive loop's writes, on a real migrated SQLite file read back by a second connection. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { openDatabase } from '../store/database.js';
import type { ExchangeStore } from '../store/exchange-store.js';
import { sqliteExchangeStore } from '../store/sqlite-exchange-store.js';
import { groupedWrites } from './grouped-writes.js';

const tempDir = useTempDirs();

/** The store, a count of its write transactions, and what another process would read. */
async function storeOnFile() {
  const file = path.join(await tempDir(), 'vanthu.sqlite');
  const db = openDatabase(file);
  const sqlite = sqliteExchangeStore(db);
  let transactions = 0;
  const store: ExchangeStore = {
    read: sqlite.read,
    write: (work) => {
      transactions++;
      return sqlite.write(work);
    },
  };
  // A second connection, as the core's: it sees only what has committed.
  const other = openDatabase(file, { migrate: false });
  const committed = (key: string) => sqliteExchangeStore(other).read.syncState<unknown>(key);
  return {
    store,
    transactions: () => transactions,
    committed,
    close: () => {
      db.close();
      other.close();
    },
  };
}

describe('groupedWrites', () => {
  it('commits the writes of every waiting worker in one transaction, and resolves each only once it is on disk', async () => {
    const { store, transactions, committed, close } = await storeOnFile();
    try {
      const grouped = groupedWrites(store, 3, 60_000);
      const seenAtResolve: unknown[] = [];
      const writes = ['a', 'b', 'c'].map((key) =>
        grouped.store.write(async (tx) => {
          await tx.setSyncState(key, `value ${key}`);
          return key;
        }).then(async (result) => {
          seenAtResolve.push(await committed(result));
          return result;
        }),
      );
      expect(await Promise.all(writes)).toEqual(['a', 'b', 'c']);
      expect(transactions()).toBe(1);
      expect(seenAtResolve).toEqual(['value a', 'value b', 'value c']);
    } finally {
      close();
    }
  });

  it('waits for a worker that may still write, but no longer than its longest wait', async () => {
    const { store, transactions, committed, close } = await storeOnFile();
    try {
      const grouped = groupedWrites(store, 2, 50);
      const started = Date.now();
      await grouped.store.write((tx) => tx.setSyncState('alone', 1));
      expect(Date.now() - started).toBeGreaterThanOrEqual(45);
      expect(await committed('alone')).toBe(1);
      expect(transactions()).toBe(1);
    } finally {
      close();
    }
  });

  it('commits at once when the other workers have left', async () => {
    const { store, committed, close } = await storeOnFile();
    try {
      const grouped = groupedWrites(store, 2, 60_000);
      const write = grouped.store.write((tx) => tx.setSyncState('last', 2));
      grouped.leave();
      await write;
      expect(await committed('last')).toBe(2);
    } finally {
      close();
    }
  });

  it('writes that come while a group commits wait and commit together after it, not one transaction each', async () => {
    const { store, transactions, committed, close } = await storeOnFile();
    try {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      // One worker at a time waits for nobody: each write would be its own group were it not for the one committing.
      const grouped = groupedWrites(store, 1, 60_000);
      const first = grouped.store.write(async (tx) => {
        await gate;
        await tx.setSyncState('first', 1);
      });
      const later = ['b', 'c', 'd'].map((key) => grouped.store.write((tx) => tx.setSyncState(key, key)));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(transactions()).toBe(1);
      release();
      await Promise.all([first, ...later]);
      expect(transactions()).toBe(2);
      expect([await committed('first'), await committed('b'), await committed('c'), await committed('d')]).toEqual([1, 'b', 'c', 'd']);
    } finally {
      close();
    }
  });

  it('a write that fails takes only its own rows with it: the others of its group still commit', async () => {
    const { store, committed, close } = await storeOnFile();
    try {
      const grouped = groupedWrites(store, 3, 60_000);
      const results = await Promise.allSettled([
        grouped.store.write((tx) => tx.setSyncState('first', 1)),
        grouped.store.write(async (tx) => {
          await tx.setSyncState('failing', 2);
          throw new Error('refused package');
        }),
        grouped.store.write((tx) => tx.setSyncState('third', 3)),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/refused package/);
      expect([await committed('first'), await committed('failing'), await committed('third')]).toEqual([1, null, 3]);
    } finally {
      close();
    }
  });
});
