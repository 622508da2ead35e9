/** Received documents whose whole message header is not kept yet (received before schema 150). */
import type { Db } from './database.js';

export function documentsWithoutReceivedHeader(db: Db, afterId: number, limit: number): { id: number; package_sha256: string }[] {
  return db
    .prepare("SELECT id, package_sha256 FROM documents WHERE direction = 'incoming' AND header_fields IS NULL AND package_sha256 IS NOT NULL AND id > ? ORDER BY id LIMIT ?")
    .all(afterId, limit) as { id: number; package_sha256: string }[];
}

/** Only where nothing was kept meanwhile (an agreed correction writes the header it brings). */
export function keepReceivedHeader(db: Db, id: number, columns: { to_places: string; header_fields: string }): boolean {
  return db.prepare('UPDATE documents SET to_places = ?, header_fields = ? WHERE id = ? AND header_fields IS NULL').run(columns.to_places, columns.header_fields, id).changes === 1;
}
