/**
 * A small JSON file only its user may read (0600), replaced atomically (temp file, flushed,
 * renamed) so that a crash never leaves it half written.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The parsed file, or undefined when there is none yet; the caller checks its shape. */
export async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  const temp = path.join(path.dirname(file), `.${randomUUID()}.tmp`);
  await writeFile(temp, JSON.stringify(value), { mode: 0o600, flush: true });
  await rename(temp, file);
}

export async function readJsonRecord(file: string): Promise<Record<string, string>> {
  return ((await readJsonFile(file)) ?? {}) as Record<string, string>;
}
