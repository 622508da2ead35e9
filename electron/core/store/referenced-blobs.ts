import type { Db } from '../store/database.js';

/**
 * Every blob a database names, from every table that names one, JSON columns included (versions
 * kept beside a document, earlier versions kept as revisions, an update waiting for the clerk, a
 * signature made at a desk in agency mode and not yet taken by the hub); not a package kept in its
 * outbox row. A
 * backup copies exactly these and a restore checks exactly these, so a table that gains a blob
 * column must be added here.
 */
/** The signature and seal images (signing-images.ts): settings whose value names its PNG's blob. */
const SIGNING_IMAGE_KEYS = "(key IN ('signing.signatureImage', 'signing.sealImage') OR key LIKE 'signing.signatureImage.%')";

/** Signed files of revision.upload commands the hub has not taken yet (service/hub-signing.ts). */
const QUEUED_SIGNATURES = "UNION SELECT json_extract(payload, '$.revisionSha256') FROM hub_commands WHERE kind = 'revision.upload' AND state = 'queued'";

// A backup set kept from an earlier version lacks what came later: before agency mode (migration
// 210) the command queue, before migration 280 the status packages kept in outbox rows.
const hasTable = (db: Db, name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
const hasColumn = (db: Db, table: string, column: string) => db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) !== undefined;

export function referencedBlobs(db: Db): string[] {
  const rows = db
    .prepare(
      `SELECT sha256 AS sha FROM attachments
       UNION SELECT sha256 FROM attachment_versions
       UNION SELECT package_sha256 FROM documents WHERE package_sha256 IS NOT NULL
       UNION SELECT package_sha256 FROM outbox${hasColumn(db, 'outbox', 'package_bytes') ? ' WHERE package_bytes IS NULL' : ''}
       UNION SELECT package_sha256 FROM quarantine WHERE package_sha256 IS NOT NULL
       UNION SELECT package_sha256 FROM document_conflicts
       UNION SELECT json_extract(file.value, '$.sha256') FROM document_conflicts, json_each(document_conflicts.content, '$.attachments') AS file
       UNION SELECT json_extract(previous, '$.packageSha256') FROM document_revisions WHERE json_extract(previous, '$.packageSha256') IS NOT NULL
       UNION SELECT json_extract(file.value, '$.sha256') FROM document_revisions, json_each(document_revisions.previous, '$.attachments') AS file
       UNION SELECT json_extract(file.value, '$.sha256') FROM pending_requests, json_each(pending_requests.payload, '$.attachments') AS file WHERE pending_requests.payload IS NOT NULL
       UNION SELECT json_extract(value, '$.sha256') FROM settings WHERE ${SIGNING_IMAGE_KEYS} AND json_extract(value, '$.sha256') IS NOT NULL
       ${hasTable(db, 'hub_commands') ? QUEUED_SIGNATURES : ''}`,
    )
    .pluck()
    .all() as string[];
  return rows;
}
