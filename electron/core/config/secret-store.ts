/**
 * Where the axis secret lives. Under Electron the main process keeps it encrypted with the OS
 * keychain (safeStorage); in browser mode there is no keychain API, so it is a file readable by
 * the user alone (0600), written atomically. Neither ever logs a value.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
}

export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  async get(name: string): Promise<string | null> {
    return (await this.readAll())[name] ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    const all = { ...(await this.readAll()), [name]: value };
    const temp = path.join(path.dirname(this.file), `.${randomUUID()}.tmp`);
    await writeFile(temp, JSON.stringify(all), { mode: 0o600, flush: true });
    await rename(temp, this.file);
  }

  private async readAll(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Record<string, string>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`Cannot read the secrets file ${this.file}: ${(error as Error).message}`);
    }
  }
}

export const axisSecretName = (agencyCode: string) => `axis:${agencyCode}`;
