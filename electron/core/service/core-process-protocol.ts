/**
 * Between Electron's main process and the core running as a utilityProcess, through
 * shared/rpc/rpc-peer.ts. Main relays renderer calls in and events out, and serves what only it
 * can do (safeStorage, dialogs, desktop preferences, starting processes). The sync and signer
 * processes it starts for the core talk to the core over their own ports, never through main
 * (process/message-port.ts): main only starts them, kills them and reports their exit.
 */
import type { ApiEvent, ApiParsedInput } from '../../../shared/api/contract.js';
import type { DesktopPreferences } from '../../../shared/api/desktop.js';
import type { CallReply } from '../../../shared/api/transport.js';
import type { ForkableProgram } from '../process/message-port.js';
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
  /** The demo axis's supervisor gave up restarting it. */
  | { kind: 'demo-axis-stopped'; reason: string }
  /** A process main started for the core is gone. */
  | { kind: 'child-exit'; childId: number; reason: string }
  | { kind: 'shutdown' };

export type CoreToMain =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  | { kind: 'event'; event: ApiEvent }
  /** Start a process for the core; its port follows as a PortHandover naming `childId`. */
  | { kind: 'fork'; childId: number; program: ForkableProgram; args: string[] }
  | { kind: 'kill-child'; childId: number };
