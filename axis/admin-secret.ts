/**
 * The operator's secret (systemid `admin`), kept beside the database so that it survives a
 * restart, readable by its owner only.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSecret } from './auth.js';

export const ADMIN_SECRET_FILE = 'admin-secret';

export async function loadOrCreateAdminSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, ADMIN_SECRET_FILE);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored) return stored;
    throw new Error(`${file} is empty; delete it to have a new admin secret generated`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = generateSecret();
  // 'wx': if two servers start on one data dir at once, the second fails instead of overwriting.
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
