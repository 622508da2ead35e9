/**
 * Recipient search over a realistic directory (the reference axis's generator, 20,000 agencies):
 * the agency a clerk names comes before its own units, and every row says where it belongs.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatedAgencies } from '../../../axis/directory.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { applyDirectoryRows, searchAgencies, type DirectoryRow } from './agencies.js';
import { openDatabase, writeTransaction, type Db } from './database.js';

const tempDir = useTempDirs();
let db: Db;

beforeAll(async () => {
  db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
  const rows: DirectoryRow[] = [];
  const agencies = generatedAgencies(102);
  for (let i = 0; i < 20_000; i++) {
    const agency = agencies.next().value!;
    rows.push({ id: agency.code, codeQd20: agency.codeQd20 ?? null, parentId: agency.pid ?? null, name: agency.name, email: null, version: 1, deleted: false });
  }
  writeTransaction(db, () => applyDirectoryRows(db, rows));
  return () => db.close();
});

const names = (query: string, limit = 10) => searchAgencies(db, query, limit, 0).rows.map((row) => row.name);

describe('recipient ranking', () => {
  it('puts the ministry first for "bo tai chinh", before its own units', () => {
    const found = names('bo tai chinh');
    expect(found[0]).toBe('Bộ Tài chính');
    expect(found.slice(1).every((name) => name.endsWith('- Bộ Tài chính') || !name.includes('Bộ Tài chính'))).toBe(true);
  });

  it('puts an agency before its units when the words only name it', () => {
    expect(names('tai chinh')[0]).toBe('Bộ Tài chính');
    expect(names('bo y te')[0]).toBe('Bộ Y tế');
  });

  it('puts the agencies whose names start with the words typed first: the district, then its communes', () => {
    const found = names('ubnd huyen dien chau', 50);
    const firstCommune = found.findIndex((name) => name.startsWith('UBND xã'));
    const lastDistrict = found.findLastIndex((name) => name === 'UBND huyện Diễn Châu');
    expect(lastDistrict).toBeGreaterThanOrEqual(0);
    expect(firstCommune === -1 || lastDistrict < firstCommune).toBe(true);
  });

  it('ranks a name still being typed by its start too ("bo tai ch")', () => {
    expect(names('bo tai ch')[0]).toBe('Bộ Tài chính');
  });

  it('names the parents of every row, so that agencies of the same name are told apart', () => {
    const rows = searchAgencies(db, 'ubnd huyen', 20, 0).rows;
    expect(rows.length).toBe(20);
    for (const row of rows) expect(row.parents.length).toBeGreaterThan(0);
    const byName = new Map<string, Set<string>>();
    for (const row of rows) byName.set(row.name, (byName.get(row.name) ?? new Set()).add(row.parents.join(' / ')));
    const repeated = [...byName.entries()].filter(([name]) => rows.filter((row) => row.name === name).length > 1);
    expect(repeated.length).toBeGreaterThan(0);
    for (const [name, parents] of repeated) expect(parents.size, name).toBe(rows.filter((row) => row.name === name).length);
    // A commune names its district and its province, nearest first.
    const commune = searchAgencies(db, 'ubnd xa', 1, 0).rows[0]!;
    expect(commune.parents).toHaveLength(2);
    expect(commune.parents[0]).toMatch(/^UBND (huyện|quận|thị xã) /);
    expect(commune.parents[1]).toMatch(/^UBND (tỉnh|thành phố) /);
  });

  it('gives a top-level agency no parents and keeps pages beyond the ranked window in directory order', () => {
    expect(searchAgencies(db, 'bo tai chinh', 1, 0).rows[0]!.parents).toEqual([]);
    const far = searchAgencies(db, 'ubnd', 10, 5000);
    expect(far.rows).toHaveLength(10);
    expect(far.total).toBeGreaterThan(5010);
  });
});
