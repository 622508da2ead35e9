/**
 * A backup set: `<location>/<name>/` holding `vanthu.sqlite` and `manifest.json`, and one blob
 * folder `<location>/blobs/` shared by all sets. A set's folder is renamed into place only after
 * its manifest is written and fsynced, so a folder with a manifest is a complete backup.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_DB_FILE = 'vanthu.sqlite';
export const SHARED_BLOBS_DIR = 'blobs';
/** Folders being written start with a dot: never listed, removed by the next backup. */
export const PARTIAL_PREFIX = '.partial-';

const manifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  databaseSha256: z.string().regex(/^[0-9a-f]{64}$/),
  databaseBytes: z.number().int(),
  counts: z.object({ documents: z.number().int(), attachments: z.number().int(), blobs: z.number().int(), auditRows: z.number().int() }),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export class BackupInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupInvalidError';
  }
}

export async function readManifest(backupDir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(path.join(backupDir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new BackupInvalidError(`${backupDir} is not a VanThu backup: it has no ${MANIFEST_FILE}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupInvalidError(`The manifest of ${backupDir} is damaged (not JSON): choose another backup.`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new BackupInvalidError(`The manifest of ${backupDir} is damaged or from another program: choose another backup.`);
  return parsed.data;
}

/** The blob folder of the backup location a set lives in. */
export function sharedBlobsOf(backupDir: string): string {
  return path.join(path.dirname(backupDir), SHARED_BLOBS_DIR);
}
