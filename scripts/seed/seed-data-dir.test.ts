import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/temp-dir.js';
import { DATABASE_FILE } from '../../electron/core/config/data-dir.js';
import { openDatabase, writeTransaction } from '../../electron/core/store/database.js';
import { searchDocuments } from '../../electron/core/store/document-search.js';
import { getDocument } from '../../electron/core/store/documents.js';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../../electron/core/store/migrations/index.js';
import { INCOMING_REGISTER, OUTGOING_REGISTER, takeNextNumber } from '../../electron/core/store/registers.js';
import { vietnamYear } from '../../shared/text/vietnam-time.js';
import { BlobStore } from '../../electron/core/store/blob-store.js';
import { seedDataDir, senderOf } from './seed-data-dir.js';

const tempDir = useTempDirs();

/** Everything a seed writes that a clerk sees, row by row. */
function dump(dataDir: string): unknown[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return [
      db.prepare('SELECT * FROM documents ORDER BY id').all(),
      db.prepare('SELECT document_id, position, name, sha256 FROM attachments ORDER BY id').all(),
      db.prepare('SELECT * FROM recipient_statuses ORDER BY document_id, recipient_id').all(),
      db.prepare('SELECT * FROM register_counters ORDER BY register, year').all(),
    ];
  } finally {
    db.close();
  }
}

describe('seed', () => {
  it('abbreviates senders as notations do', () => {
    expect(senderOf('x', 'Sở Nội vụ tỉnh Nghệ An')).toMatchObject({ abbreviation: 'SNV', short: 'Sở Nội vụ' });
    expect(senderOf('x', 'UBND xã Quỳnh Đông, huyện Quỳnh Lưu')).toMatchObject({ abbreviation: 'UBND', short: 'UBND' });
    expect(senderOf('x', 'Bộ Y tế')).toMatchObject({ abbreviation: 'BYT' });
  });

  it('is deterministic: the same seed writes the same documents, another seed others', async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    await seedDataDir(a, { docs: 300, seed: 5, agencies: 200 });
    await seedDataDir(b, { docs: 300, seed: 5, agencies: 200 });
    await seedDataDir(c, { docs: 300, seed: 6, agencies: 200 });
    expect(dump(a)).toEqual(dump(b));
    expect(dump(a)).not.toEqual(dump(c));
  });

  it('fills a new data dir the app can open: realistic, searchable documents, registers that go on gap-free, a readable attachment', async () => {
    const dataDir = path.join(await tempDir(), 'new', 'data');
    await seedDataDir(dataDir, { docs: 2000, seed: 1, agencies: 500 });
    const db = openDatabase(path.join(dataDir, DATABASE_FILE));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(count('SELECT count(*) FROM documents')).toBe(2000);
    expect(count("SELECT count(*) FROM documents WHERE direction = 'incoming'")).toBeGreaterThan(1000);
    expect(count("SELECT count(*) FROM documents WHERE direction = 'outgoing'")).toBeGreaterThan(400);
    expect(count('SELECT count(DISTINCT priority) FROM documents')).toBe(5);
    expect(count('SELECT count(DISTINCT substr(promulgation_date, 1, 4)) FROM documents')).toBeGreaterThanOrEqual(5);
    expect(count('SELECT count(*) FROM agencies')).toBe(500);
    // NĐ 30 numbers: "05/QĐ-UBND"; a công văn's notation has no type abbreviation.
    const decision = db.prepare("SELECT code_number, code_notation FROM documents WHERE type_name = 'Quyết định' AND code_number IS NOT NULL LIMIT 1").get() as {
      code_number: string;
      code_notation: string;
    };
    expect(decision.code_number).toMatch(/^\d{2,}$/);
    expect(decision.code_notation).toMatch(/^QĐ-[A-Z]+$/);
    expect(count("SELECT count(*) FROM documents WHERE type_name = 'Công văn' AND code_notation LIKE 'CV-%'")).toBe(0);
    // Every number taken is an entry in a default register's book: 1..n per year, in the year
    // (Vietnam's) it was taken, and the counter stands at n.
    for (const code of [INCOMING_REGISTER, OUTGOING_REGISTER]) {
      const register = db.prepare('SELECT id FROM registers WHERE code = ?').pluck().get(code) as number;
      const entries = db
        .prepare('SELECT register_year AS year, register_number AS number, registered_at AS at FROM documents WHERE register_id = ? ORDER BY register_year, register_number')
        .all(register) as { year: number; number: number; at: string }[];
      const years = [...new Set(entries.map((entry) => entry.year))];
      expect(years.length).toBeGreaterThanOrEqual(5);
      for (const year of years) {
        const numbers = entries.filter((entry) => entry.year === year).map((entry) => entry.number);
        expect(numbers).toEqual(numbers.map((_, i) => i + 1));
        expect(db.prepare('SELECT last_number FROM register_counters WHERE register = ? AND year = ?').pluck().get(code, year)).toBe(numbers.length);
      }
      expect(entries.filter((entry) => vietnamYear(new Date(entry.at)) !== entry.year)).toEqual([]);
    }
    const numbered = "(arrival_number IS NOT NULL OR (direction = 'outgoing' AND code_number IS NOT NULL))";
    expect(count(`SELECT count(*) FROM documents WHERE ${numbered}`)).toBe(count('SELECT count(*) FROM documents WHERE register_id IS NOT NULL'));
    expect(count(`SELECT count(*) FROM documents WHERE arrival_number IS NOT NULL AND register_number IS NOT arrival_number`)).toBe(0);
    // Outgoing numbers per year run 1, 2, 3… and the register goes on from the last one.
    const outgoing2024 = db.prepare("SELECT CAST(code_number AS INTEGER) FROM documents WHERE direction = 'outgoing' AND promulgation_date LIKE '2024-%' ORDER BY id").pluck().all() as number[];
    expect(outgoing2024).toEqual(outgoing2024.map((_, i) => i + 1));
    expect(writeTransaction(db, () => takeNextNumber(db, OUTGOING_REGISTER, 2024))).toBe(outgoing2024.length + 1);
    const arrivals2023 = db.prepare("SELECT arrival_number FROM documents WHERE arrival_number IS NOT NULL AND received_at LIKE '2023-%' ORDER BY id").pluck().all() as number[];
    expect(arrivals2023).toEqual(arrivals2023.map((_, i) => i + 1));
    expect(writeTransaction(db, () => takeNextNumber(db, INCOMING_REGISTER, 2023))).toBe(arrivals2023.length + 1);
    // Searchable like any document.
    const found = searchDocuments(db, { query: 'quyet dinh phe duyet', filters: { direction: 'incoming' }, cursor: null, limit: 5 });
    expect(found.total!.count).toBeGreaterThan(0);
    expect(found.rows[0]!.subject).toMatch(/^Quyết định về việc phê duyệt/);
    const withAttachment = getDocument(db, (db.prepare('SELECT document_id FROM attachments LIMIT 1').pluck().get() as number))!;
    const blobs = new BlobStore(path.join(dataDir, 'blobs'));
    const bytes = await blobs.read(withAttachment.attachments[0]!.sha256);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    db.close();
  });

  it('refuses a data dir that already holds documents', async () => {
    const dataDir = await tempDir();
    await seedDataDir(dataDir, { docs: 10, seed: 1, agencies: 50 });
    await expect(seedDataDir(dataDir, { docs: 10, seed: 1, agencies: 50 })).rejects.toThrow(/already holds 10 documents/);
  });
});
