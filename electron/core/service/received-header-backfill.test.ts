/**
 * Documents received before the whole header was kept: after the upgrade, their header is read
 * again from the package kept in the blob store, once; a package that is gone leaves its document
 * as it was.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocumentPackage } from '../../../shared/edxml/builder.js';
import { collectText, sampleDocumentPackage } from '../../../test/edxml-fixtures.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { BlobStore } from '../store/blob-store.js';
import { openDatabase } from '../store/database.js';
import { getDocument } from '../store/documents.js';
import { migrate } from '../store/migrations/index.js';
import { backfillReceivedHeaders } from './received-header-backfill.js';

const tempDir = useTempDirs();

describe('keeping the headers of earlier arrivals', () => {
  it('reads them again from the stored packages, once, and leaves a document whose package is gone as it was', async () => {
    const dir = await tempDir();
    const blobs = new BlobStore(path.join(dir, 'blobs'));
    await blobs.init();
    const xml = await collectText(buildDocumentPackage(sampleDocumentPackage(['1']), () => [new TextEncoder().encode('%PDF-1.4\n')]));
    const stored = await blobs.putBytes(new TextEncoder().encode(xml));

    const file = path.join(dir, 'vanthu.sqlite');
    const raw = new Database(file);
    migrate(raw, 100);
    const at = '2026-03-12T03:00:00.000Z';
    const insert = raw.prepare("INSERT INTO documents (id, direction, subject, state, package_sha256, created_at, updated_at) VALUES (?, 'incoming', ?, 'arrived', ?, ?, ?)");
    insert.run(1, 'Đến trước khi giữ đủ trường', stored.sha256, at, at);
    insert.run(2, 'Gói tin đã mất', 'f'.repeat(64), at, at);
    raw.close();

    const db = openDatabase(file);
    const controller = new AbortController();
    expect(await backfillReceivedHeaders(db, blobs, controller.signal)).toEqual([1]);
    const detail = getDocument(db, 1)!;
    expect(detail.metadata.toPlaces).toEqual(['Như Điều 3;', 'Văn phòng Chính phủ (để b/c);', 'Lưu: VT, NC.']);
    expect(detail.headerFields).toMatchObject({ pageAmount: 3, promulgationAmount: 12, typerNotation: 'TVC', typeCode: 1, typeDetail: 0 });
    expect(getDocument(db, 2)!.headerFields).toBeNull();
    // Done once: nothing more to keep at the next start.
    expect(await backfillReceivedHeaders(db, blobs, controller.signal)).toEqual([]);
    db.close();
  });
});
