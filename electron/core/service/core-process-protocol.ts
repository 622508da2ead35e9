/**
 * Messages between Electron's main process and the core running as a utilityProcess. Main
 * relays renderer calls in, events out, and serves what only it can do (safeStorage, launching
 * the sync process and the demo axis).
 */
import type { ApiEvent } from '../../../shared/api/contract.js';
import type { CallReply } from '../../../shared/api/transport.js';
import type { SyncCommand } from '../exchange/sync-protocol.js';
import type { ApiParsedInput } from '../../../shared/api/contract.js';
import type { UpdateDecision } from '../update/update-guard.js';
import type { ServedFile } from '../blobs/served-file.js';

export type HostRequest =
  | { op: 'secrets.get'; name: string }
  | { op: 'secrets.set'; name: string; value: string }
  | { op: 'demoAxis.start'; dataDir: string }
  /** The native file dialog for a PKCS#11 library: its path, or null when cancelled. */
  | { op: 'dialog.pickPkcs11Module' }
  /** Desktop preferences, kept and applied by main (issue 8). */
  | { op: 'desktop.getPreferences' }
  | { op: 'desktop.setPreferences'; changes: ApiParsedInput<'desktop.setPreferences'> };

export type MainToCore =
  | { kind: 'call'; id: number; method: string; input: unknown }
  | { kind: 'sync'; message: unknown }
  | { kind: 'sync-stopped'; reason: string }
  /** From the signer process main runs for the core, and its exit. */
  | { kind: 'signer'; message: unknown }
  | { kind: 'signer-exit'; reason: string }
  | { kind: 'host-reply'; id: number; ok: true; value: unknown }
  | { kind: 'host-reply'; id: number; ok: false; message: string }
  | { kind: 'shutdown' }
  /** Main's updater has an update downloaded: may it install? Answered once no send or signature is under way. */
  | { kind: 'update-when-idle'; id: number }
  /** The window asked main's file protocol for a link's token: which file is it? */
  | { kind: 'file'; id: number; token: string };

export type CoreToMain =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  | { kind: 'reply'; id: number; reply: CallReply }
  | { kind: 'event'; event: ApiEvent }
  | { kind: 'host-request'; id: number; request: HostRequest }
  | { kind: 'to-sync'; command: SyncCommand; sticky: boolean }
  /** To the signer process (main starts it on the first message) or: stop it now. */
  | { kind: 'to-signer'; message: unknown }
  | { kind: 'signer-kill' }
  | { kind: 'update-decision'; id: number; decision: UpdateDecision }
  | { kind: 'file-reply'; id: number; file: ServedFile | null };
