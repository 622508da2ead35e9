/**
 * Between Electron's main process and the core running as a utilityProcess, through
 * shared/rpc/rpc-peer.ts. Main relays renderer calls in and events out, and serves what only it
 * can do (safeStorage, dialogs, desktop preferences, launching the sync process and the demo axis).
 */
import type { ApiEvent, ApiParsedInput } from '../../../shared/api/contract.js';
import type { DesktopPreferences } from '../../../shared/api/desktop.js';
import type { CallReply } from '../../../shared/api/transport.js';
import type { SyncCommand } from '../exchange/sync-protocol.js';
import type { UpdateDecision } from '../update/update-guard.js';
import type { ServedFile } from '../blobs/served-file.js';

/** What main does for the core. */
export type MainMethods = {
  'secrets.get': { input: { name: string }; output: string | null };
  'secrets.set': { input: { name: string; value: string }; output: void };
  'demoAxis.start': { input: { dataDir: string }; output: { url: string } };
  'demoAxis.stop': { input: null; output: void };
  /** The native file dialog for a PKCS#11 library: its path, or null when cancelled. */
  'dialog.pickPkcs11Module': { input: null; output: string | null };
  /** Desktop preferences, kept and applied by main. */
  'desktop.getPreferences': { input: null; output: DesktopPreferences };
  'desktop.setPreferences': { input: ApiParsedInput<'desktop.setPreferences'>; output: DesktopPreferences };
};

/** What the core answers main. */
export type CoreMethods = {
  /** A renderer call; never fails (a failure is an error reply). */
  call: { input: { method: string; input: unknown }; output: CallReply };
  /** The window asked main's file protocol for a link's token: which file is it? */
  file: { input: { token: string }; output: ServedFile | null };
  /** Main's updater has an update downloaded: may it install? Answered once no send or signature is under way. */
  updateWhenIdle: { input: null; output: UpdateDecision };
};

export type MainToCore =
  | { kind: 'sync'; message: unknown }
  | { kind: 'sync-stopped'; reason: string }
  /** The demo axis's supervisor gave up restarting it. */
  | { kind: 'demo-axis-stopped'; reason: string }
  /** From the signer process main runs for the core, and its exit. */
  | { kind: 'signer'; message: unknown }
  | { kind: 'signer-exit'; reason: string }
  | { kind: 'shutdown' };

export type CoreToMain =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  | { kind: 'event'; event: ApiEvent }
  /** A configure is replayed to every later incarnation of the sync process. */
  | { kind: 'to-sync'; command: SyncCommand }
  /** To the signer process (main starts it on the first message) or: stop it now. */
  | { kind: 'to-signer'; message: unknown }
  | { kind: 'signer-kill' };
