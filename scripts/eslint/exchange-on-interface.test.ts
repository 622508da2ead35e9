/**
 * The "exchange domain on the ExchangeStore only" rule (exchange-on-interface.js): a module of
 * electron/core/exchange/ that imports a SQLite store module, the database or better-sqlite3 is
 * reported; the interface and the non-SQL store modules are not, nor are the domain's tests or
 * other layers. The first case is the import the sync engine had before it took an ExchangeStore.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXCHANGE_STORE_FILES } from './exchange-on-interface.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function errors(source: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'vanthu/exchange-on-interface').map((m) => m.message);
}

const importing = (line: string) => `${line}\nexport const probe = 1;\n`;

describe('exchange-on-interface lint rule', () => {
  it.each([
    ['the database (what sync-engine.ts imported)', "import { writeTransaction, type Db } from '../store/database.js';", 'electron/core/exchange/probe.ts'],
    ['a SQLite repository module', "import { pendingOutboxCount } from '../store/outbox.js';", 'electron/core/exchange/probe.ts'],
    ['the SQLite ExchangeStore', "import { sqliteExchangeStore } from '../store/sqlite-exchange-store.js';", 'electron/core/exchange/probe.ts'],
    ['a type only, from a subfolder', "import type { DocumentRow } from '../../store/documents.js';", 'electron/core/exchange/edxml/probe.ts'],
    ['a re-export', "export { findAgency } from '../store/agencies.js';", 'electron/core/exchange/probe.ts'],
    ['better-sqlite3', "import Database from 'better-sqlite3';", 'electron/core/exchange/probe.ts'],
  ])('reports %s', async (_, line, file) => {
    expect(await errors(importing(line), file)).toHaveLength(1);
  });

  it.each(EXCHANGE_STORE_FILES.map((name) => [name]))('allows store/%s', async (name) => {
    expect(await errors(importing(`import type * as allowed from '../store/${name.replace(/\.ts$/, '.js')}';\nvoid (0 as unknown as typeof allowed);`), 'electron/core/exchange/probe.ts')).toEqual([]);
  });

  it.each([
    ['an exchange test (it sets up rows directly)', 'electron/core/exchange/probe.test.ts', "import { openDatabase } from '../store/database.js';"],
    ['the service layer', 'electron/core/service/probe.ts', "import { writeTransaction } from '../store/database.js';"],
    ['the store itself', 'electron/core/store/probe.ts', "import { writeTransaction } from './database.js';"],
  ])('leaves alone %s', async (_, file, line) => {
    expect(await errors(importing(line), file)).toEqual([]);
  });
});
