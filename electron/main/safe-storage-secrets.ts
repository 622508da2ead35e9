/**
 * Secrets under Electron: encrypted with the OS keychain (DPAPI on Windows, Keychain on macOS,
 * libsecret/kwallet on Linux) through safeStorage; only ciphertext reaches the disk.
 */
import { safeStorage } from 'electron';
import path from 'node:path';
import { readJsonRecord, writeJsonFile } from '../core/config/json-file.js';
import type { SecretStore } from '../core/config/secret-store.js';

export class SafeStorageSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  async get(name: string): Promise<string | null> {
    const sealed = (await readJsonRecord(this.file))[name];
    return sealed === undefined ? null : safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  }

  async set(name: string, value: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('The OS keychain is not available, so VanThu cannot keep the axis secret safely.');
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      throw new Error('No keyring (GNOME Keyring or KWallet) is running, so VanThu cannot keep the axis secret safely. Start one and try again.');
    }
    const sealed = safeStorage.encryptString(value).toString('base64');
    await writeJsonFile(this.file, { ...(await readJsonRecord(this.file)), [name]: sealed });
  }
}

export const secretsFile = (dataDir: string) => path.join(dataDir, 'secrets.sealed.json');
