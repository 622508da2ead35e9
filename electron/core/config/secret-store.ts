/**
 * Where the axis secret lives. Under Electron the main process keeps it encrypted with the OS
 * keychain (safeStorage); in browser mode there is no keychain API, so it is a file readable by
 * the user alone (0600). Neither ever logs a value.
 */
import { readJsonRecord, writeJsonFile } from './json-file.js';

export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
}

export class FileSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  async get(name: string): Promise<string | null> {
    return (await readJsonRecord(this.file))[name] ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    await writeJsonFile(this.file, { ...(await readJsonRecord(this.file)), [name]: value });
  }
}

export const axisSecretName = (agencyCode: string) => `axis:${agencyCode}`;
