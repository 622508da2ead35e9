/** The ExchangeStore contract (exchange-store-contract.ts), run against the SQLite store on a real migrated file. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, writeTransaction } from './database.js';
import { describeExchangeStoreContract } from './exchange-store-contract.js';
import { sqliteExchangeStore, WalSyncError, type SqliteExchangeStoreOptions } from './sqlite-exchange-store.js';
import { expect, it } from 'vitest';

async function openSqliteStore(options: SqliteExchangeStoreOptions = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-store-contract-'));
  const db = openDatabase(path.join(dir, 'vanthu.sqlite'));
  return {
    db,
    store: sqliteExchangeStore(db, options),
    dispose: async () => {
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describeExchangeStoreContract('SQLite', () => openSqliteStore());
// The sync process's store: committed with synchronous=NORMAL, then the WAL fsynced off the thread.
describeExchangeStoreContract('SQLite, WAL synced off the thread', () => openSqliteStore({ syncWalOffThread: true }));

it('commits with synchronous=NORMAL on its own connection only when the WAL is synced off the thread, each write seen by another connection once it resolves', async () => {
  const { db, store, dispose } = await openSqliteStore({ syncWalOffThread: true });
  const other = openDatabase(db.name, { migrate: false });
  try {
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(other.pragma('synchronous', { simple: true })).toBe(2);
    const count = other.prepare("SELECT count(*) FROM audit_log WHERE action = 'test.synced'").pluck();
    for (let round = 1; round <= 3; round++) {
      await store.write((tx) => tx.appendAudit({ actor: 'sync', action: 'test.synced', subject: `round:${round}`, details: {} }, new Date()));
      expect(count.get()).toBe(round);
    }
    await expect(store.write(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(count.get()).toBe(3);
  } finally {
    other.close();
    await dispose();
  }
});

it('takes no more writes once the WAL could not be synced: the failed one and every later one are refused, so nothing is acknowledged', async () => {
  const { db, store, dispose } = await openSqliteStore({ syncWalOffThread: true });
  try {
    const audit = (round: number) => store.write((tx) => tx.appendAudit({ actor: 'sync', action: 'test.synced', subject: `round:${round}`, details: {} }, new Date()));
    await audit(1);
    // The WAL file gone from under the connection: its sync cannot be made.
    await rm(`${db.name}-wal`);
    await expect(audit(2)).rejects.toThrow(WalSyncError);
    let worked = false;
    await expect(
      store.write(async () => {
        worked = true;
      }),
    ).rejects.toThrow(/Receiving stops until VanThu restarts/);
    expect(worked).toBe(false);
  } finally {
    await dispose();
  }
});

it('refuses a synchronous write transaction on the connection while an ExchangeStore one is open', async () => {
  const { db, store, dispose } = await openSqliteStore();
  try {
    let refused: unknown = null;
    await store.write(async () => {
      try {
        writeTransaction(db, () => undefined);
      } catch (error) {
        refused = error;
      }
    });
    expect(String(refused)).toMatch(/would nest into it/);
    expect(writeTransaction(db, () => 7)).toBe(7);
  } finally {
    await dispose();
  }
});

/** Every module `file` imports, type-only imports included, following relative imports. */
async function importsOf(file: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = await readFile(file, 'utf8');
  for (const [, specifier] of source.matchAll(/\bfrom\s+'([^']+)'/g)) {
    if (!specifier!.startsWith('.')) seen.add(specifier!);
    else await importsOf(path.resolve(path.dirname(file), specifier!.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

/** Every module of the exchange domain (not its tests): the hub runs them on PostgreSQL. */
const exchangeModules = (await readdir(path.join(import.meta.dirname, '../exchange'), { recursive: true }))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => [`the exchange module ${file}`, `../exchange/${file}`]);

it.each([['the interface', 'exchange-store.ts'], ['the contract suite', 'exchange-store-contract.ts'], ...exchangeModules])('%s reaches no SQLite, directly or through what it imports (types too)', async (_, file) => {
  const reached = [...(await importsOf(path.join(import.meta.dirname, file)))];
  expect(reached.filter((imported) => /better-sqlite3|store\/database\.ts$|sqlite-exchange-store/.test(imported))).toEqual([]);
});
