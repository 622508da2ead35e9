/**
 * The hub's background reader on a real PostgreSQL: documents recorded (as the exchange records
 * them, and later ones too) are found by the words of their PDFs without accents; a damaged file
 * leaves the document found by its header, with the reason kept.
 */
import path from 'node:path';
import type pg from 'pg';
import { expect, it } from 'vitest';
import { until } from '../../test/hub-exchange.js';
import { useTestPostgres } from '../../test/postgres.js';
import { typedPagePdf } from '../../test/scanned-pages.js';
import { useTempDirs } from '../../test/temp-dir.js';
import { FileBlobStore, type HubBlobStore } from '../blobs/blob-store.js';
import { searchContent } from '../store/content-search.js';
import { migrateHub } from '../store/migrations/index.js';
import { documentTextReader } from './document-text-reader.js';

const postgres = useTestPostgres();
const tempDir = useTempDirs();

async function addDocument(pool: pg.Pool, blobs: HubBlobStore, subject: string, file: { name: string; bytes: Uint8Array }): Promise<number> {
  const stored = await blobs.put(file.bytes);
  const { rows } = await pool.query<{ id: number }>("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('incoming', $1, 'arrived', now(), now()) RETURNING id", [subject]);
  const id = rows[0]!.id;
  await pool.query("INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES ($1, 1, $2, 'application/pdf', $3, $4, now())", [id, file.name, stored.size, stored.sha256]);
  return id;
}

const found = async (pool: pg.Pool, query: string) => (await searchContent(pool, { query, beforeId: null, limit: 10, onlyIds: null })).rows.map((row) => row.documentId);

it('reads the words of each document’s PDFs, later arrivals too, and keeps a damaged file’s reason', async () => {
  const { pool } = await postgres().freshDatabase();
  await migrateHub(pool);
  const blobs = await FileBlobStore.open(path.join(await tempDir(), 'blobs'));
  const first = await addDocument(pool, blobs, 'Công văn về lịch tiếp công dân', { name: 'cv.pdf', bytes: await typedPagePdf([['Ủy ban nhân dân phường Đống Đa thông báo lịch tiếp công dân tháng Mười Hai.']]) });
  const damaged = await addDocument(pool, blobs, 'Tờ trình bị hỏng tệp', { name: 'hong.pdf', bytes: new TextEncoder().encode('%PDF-1.7 not really a PDF') });

  const stop = new AbortController();
  const logs: string[] = [];
  const reading = documentTextReader({ pool, blobs, idleMs: 100, log: (message) => logs.push(message) })(stop.signal);
  try {
    await until('the first document found by a word of its file', () => found(pool, 'dong da thang muoi hai'), (ids) => ids.includes(first));
    // Found by its header, the file's reason kept and logged.
    await until('the damaged file noted', async () => (await pool.query('SELECT files_problem FROM document_texts WHERE document_id = $1', [damaged])).rows[0]?.files_problem, (problem) => typeof problem === 'string' && problem.startsWith('hong.pdf: '));
    expect(await found(pool, 'to trinh bi hong')).toEqual([damaged]);
    expect(logs.some((line) => line.includes(`document ${damaged} is found without some of its files' words`))).toBe(true);

    // A document recorded after the reader went idle is read on its next look.
    const later = await addDocument(pool, blobs, 'Giấy mời họp', { name: 'moi.pdf', bytes: await typedPagePdf([['Kính mời đồng chí dự họp giao ban quý Tư tại hội trường Sở.']]) });
    await until('the later document found', () => found(pool, 'giao ban quy tu'), (ids) => ids.includes(later));
    expect(await found(pool, 'giao ban quy tu')).toEqual([later]);
  } finally {
    stop.abort();
    await reading;
  }
  // Each read once: one row per document, each marked read.
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM document_texts WHERE files_read_at IS NOT NULL');
  expect(rows[0]!.n).toBe('3');
});
