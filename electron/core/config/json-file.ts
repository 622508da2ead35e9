/**
 * A small JSON object kept in a file only its user may read (0600), replaced atomically (temp
 * file, flushed, renamed) so that a crash never leaves it half written.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function readJsonRecord(file: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

export async function writeJsonRecord(file: string, record: Record<string, string>): Promise<void> {
  const temp = path.join(path.dirname(file), `.${randomUUID()}.tmp`);
  await writeFile(temp, JSON.stringify(record), { mode: 0o600, flush: true });
  await rename(temp, file);
}
