/**
 * Where backups go and how many are kept, in `<data dir>/backup.json` rather than in the database:
 * the recovery screen must find the backups precisely when the database cannot be read. IT staff
 * point `location` at another disk by editing the file; every field is optional.
 */
import path from 'node:path';
import { readJsonRecord } from '../config/json-file.js';
import { DEFAULT_RETENTION, type RetentionPolicy } from './retention.js';

const BACKUP_SETTINGS_FILE = 'backup.json';
const DEFAULT_BACKUP_DIR = 'backups';

export interface BackupSettings {
  location: string;
  retention: RetentionPolicy;
}

export async function readBackupSettings(dataDir: string): Promise<BackupSettings> {
  const record = await readJsonRecord(path.join(dataDir, BACKUP_SETTINGS_FILE));
  const count = (value: unknown, fallback: number) => (Number.isInteger(value) && (value as number) >= 1 ? (value as number) : fallback);
  return {
    location: path.resolve(dataDir, typeof record.location === 'string' && record.location ? record.location : DEFAULT_BACKUP_DIR),
    retention: { daily: count(record.daily, DEFAULT_RETENTION.daily), weekly: count(record.weekly, DEFAULT_RETENTION.weekly) },
  };
}
