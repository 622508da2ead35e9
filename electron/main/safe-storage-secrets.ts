/**
 * Secrets under Electron: encrypted with the OS keychain (DPAPI on Windows, Keychain on macOS,
 * libsecret/kwallet on Linux) through safeStorage; only ciphertext reaches the disk.
 */
import { safeStorage } from 'electron';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SecretStore } from '../core/config/secret-store.js';

export class SafeStorageSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  async get(name: string): Promise<string | null> {
    const sealed = (await this.readAll())[name];
    return sealed === undefined ? null : safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  }

  async set(name: string, value: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('The OS keychain is not available, so VanThu cannot keep the axis secret safely.');
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      throw new Error('No keyring (GNOME Keyring or KWallet) is running, so VanThu cannot keep the axis secret safely. Start one and try again.');
    }
    const all = { ...(await this.readAll()), [name]: safeStorage.encryptString(value).toString('base64') };
    const temp = `${this.file}.tmp`;
    await writeFile(temp, JSON.stringify(all), { mode: 0o600, flush: true });
    await rename(temp, this.file);
  }

  private async readAll(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Record<string, string>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }
}

export const secretsFile = (dataDir: string) => path.join(dataDir, 'secrets.sealed.json');
