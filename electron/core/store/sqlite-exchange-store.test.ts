/** The ExchangeStore contract (exchange-store-contract.ts), run against the SQLite store on a real migrated file. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, writeTransaction } from './database.js';
import { describeExchangeStoreContract } from './exchange-store-contract.js';
import { sqliteExchangeStore } from './sqlite-exchange-store.js';
import { expect, it } from 'vitest';

async function openSqliteStore() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-store-contract-'));
  const db = openDatabase(path.join(dir, 'vanthu.sqlite'));
  return {
    db,
    store: sqliteExchangeStore(db),
    dispose: async () => {
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describeExchangeStoreContract('SQLite', openSqliteStore);

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
