/**
 * A small JSON file only its user may read (0600), replaced atomically so that a crash never
 * leaves it half written.
 */
import { readFile } from 'node:fs/promises';
import { replaceFileContent } from '../fs/replace-file.js';

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
  await replaceFileContent(file, JSON.stringify(value));
}

export async function readJsonRecord(file: string): Promise<Record<string, string>> {
  return ((await readJsonFile(file)) ?? {}) as Record<string, string>;
}
