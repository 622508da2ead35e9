/**
 * A core host for tests that run the core in-process without its children: no sync process, no
 * demo axis, no signer; secrets in the data folder's file, as browser mode keeps them.
 */
import path from 'node:path';
import { FileSecretStore } from '../electron/core/config/secret-store.js';
import type { CoreHost } from '../electron/core/service/core-host.js';

export const offlineCoreHost = (dataDir: string): CoreHost => ({
  shell: 'browser',
  secrets: new FileSecretStore(path.join(dataDir, 'secrets.json')),
  configureSync: () => {},
  sendToSync: () => {},
  startDemoAxis: () => Promise.reject(new Error('no demo axis')),
  stopDemoAxis: () => Promise.resolve(),
  spawnSigner: () => {
    throw new Error('no signer');
  },
});
