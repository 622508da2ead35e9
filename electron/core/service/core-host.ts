/**
 * What the core needs from the process that hosts it. Browser mode: the host process itself
 * (Node children, a 0600 secrets file). Electron: the main process, reached by messages
 * (utilityProcess children, safeStorage). The core's logic is the same in both.
 */
import type { SecretStore } from '../config/secret-store.js';
import type { ChildHandle } from '../process/child-handle.js';
import type { SyncCommand } from '../exchange/sync-protocol.js';
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { DesktopPreferences } from '../../../shared/api/desktop.js';

export interface CoreHost {
  shell: 'electron' | 'browser';
  secrets: SecretStore;
  /** (Re)configures the supervised sync process; the command is replayed if it restarts. */
  configureSync(command: Extract<SyncCommand, { type: 'configure' }>): void;
  sendToSync(command: Exclude<SyncCommand, { type: 'configure' }>): void;
  /** Starts (or finds running) the embedded reference axis of demo mode; resolves with its URL. */
  startDemoAxis(dataDir: string): Promise<{ url: string }>;
  /** Starts a signer process (dist/core/signer.cjs): the one owner of the PKCS#11 library. */
  spawnSigner(): ChildHandle;
  /** Electron only: the native file dialog for another PKCS#11 library; null when the clerk cancels. */
  pickPkcs11Module?(): Promise<string | null>;
  /** Electron only: the preferences main keeps and applies (open at login, close to tray, language). */
  desktop?: {
    getPreferences(): Promise<DesktopPreferences>;
    setPreferences(changes: ApiParsedInput<'desktop.setPreferences'>): Promise<DesktopPreferences>;
  };
}
