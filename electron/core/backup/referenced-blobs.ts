import type { Db } from '../store/database.js';

/**
 * Every blob a database names, from every table that names one. A backup copies exactly these and
 * a restore checks exactly these, so a table that gains a blob column must be added here.
 */
/** The signature and seal images (signing-images.ts): settings whose value names its PNG's blob. */
const SIGNING_IMAGE_KEYS = "(key IN ('signing.signatureImage', 'signing.sealImage') OR key LIKE 'signing.signatureImage.%')";

export function referencedBlobs(db: Db): string[] {
  const rows = db
    .prepare(
      `SELECT sha256 AS sha FROM attachments
       UNION SELECT sha256 FROM attachment_versions
       UNION SELECT package_sha256 FROM documents WHERE package_sha256 IS NOT NULL
       UNION SELECT package_sha256 FROM outbox
       UNION SELECT package_sha256 FROM quarantine WHERE package_sha256 IS NOT NULL
       UNION SELECT json_extract(value, '$.sha256') FROM settings WHERE ${SIGNING_IMAGE_KEYS} AND json_extract(value, '$.sha256') IS NOT NULL`,
    )
    .pluck()
    .all() as string[];
  return rows;
}
