/**
 * The "SQL only in store/ folders" rule (sql-in-store.js): a statement run or written outside a
 * store/ folder is reported; the same code inside one, prose, regular expressions and tests are not.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function sqlErrors(source: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'vanthu/sql-in-store').map((m) => m.message);
}

const module = (body: string) => `import type { Db } from '../store/database.js';
export function probe(db: Db, id: number, text: string): unknown {
  void db; void id; void text;
  ${body}
}
`;

describe('sql-in-store lint rule', () => {
  it.each([
    ['a prepared statement', "return db.prepare('SELECT 1').get();"],
    ['an UPDATE in a variable', "const sql = 'UPDATE documents SET state = ? WHERE id = ?'; return sql;"],
    ['an INSERT template', 'return `INSERT INTO outbox (id) VALUES (${id})`;'],
    ['a DELETE handed to a helper', "return [text, 'DELETE FROM quarantine WHERE id = ?'];"],
    ['a SELECT of columns', "return ['SELECT id, subject FROM documents'];"],
    ['a pragma', "return db.pragma('quick_check', { simple: true });"],
    ['a transaction', 'return db.transaction(() => id)();'],
    ['exec of DDL', "db.exec('CREATE TABLE t (id INTEGER)'); return null;"],
    ['VACUUM INTO', "return ['VACUUM INTO ?', text];"],
  ])('reports %s outside store/', async (_, body) => {
    expect(await sqlErrors(module(body), 'electron/core/exchange/probe.ts')).not.toEqual([]);
  });

  it.each([
    ['the core', 'electron/core/store/probe.ts'],
    ['the reference axis', 'axis/store/probe.ts'],
    ['the agency hub', 'hub/store/probe.ts'],
  ])('allows SQL in a store/ folder of %s', async (_, file) => {
    expect(await sqlErrors(module("db.exec('CREATE TABLE t (id INTEGER)'); return db.prepare('SELECT id FROM t WHERE id = ?').get(id);"), file)).toEqual([]);
  });

  it.each([
    ['prose that starts with a keyword in lower or mixed case', "return ['Select a register first', 'Update the draft', 'delete from the list'];"],
    ['a regular expression run with exec', 'return /^status:(\\d+)$/.exec(text);'],
    ['a repository call', "return [text.replace('SELECT', ''), id];"],
  ])('allows %s', async (_, body) => {
    expect(await sqlErrors(module(body), 'electron/core/exchange/probe.ts')).toEqual([]);
  });

  it('leaves tests alone (they set up rows directly)', async () => {
    expect(await sqlErrors(module("return db.prepare('SELECT 1').get();"), 'electron/core/exchange/probe.test.ts')).toEqual([]);
  });
});
