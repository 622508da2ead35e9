/**
 * The core's own child processes, the same in both shells: the sync process under its supervisor
 * (restarted within its crash budget, its configuration replayed) and the signer, started when
 * first needed. Only how a process is started differs: browser mode forks Node children, Electron
 * asks main and talks to the child over a direct port (process/message-port.ts).
 */
import { superviseSync } from '../exchange/supervised-sync.js';
import { logWarn } from '../logging/log.js';
import type { ChildHandle } from '../process/child-handle.js';
import type { ForkableProgram } from '../process/message-port.js';
import type { CoreHost } from './core-host.js';

export interface CoreChildrenOptions {
  dataDir: string;
  fork(program: ForkableProgram, args: readonly string[]): ChildHandle;
  /** Where the sync process's reports go (the core, once it has started). */
  onSyncMessage(message: unknown): void;
  /** The supervisor gave up restarting the sync process. */
  onSyncStopped(reason: string): void;
}

export interface CoreChildren extends Pick<CoreHost, 'configureSync' | 'sendToSync' | 'spawnSigner'> {
  /** Lets the sync round under way finish, then stops the process. */
  stopSync(): Promise<void>;
}

export function superviseCoreChildren(options: CoreChildrenOptions): CoreChildren {
  const sync = superviseSync({
    spawn: () => options.fork('sync', []),
    onMessage: options.onSyncMessage,
    onStateChange: (state) => {
      if (state.phase === 'stopped') options.onSyncStopped(state.reason);
      else if (state.phase === 'restarting') logWarn(`[core] ${state.reason}; restarting it`);
    },
  });
  return {
    configureSync: (command) => sync.configure(command),
    sendToSync: (command) => sync.send(command),
    spawnSigner: () => options.fork('signer', ['--data-dir', options.dataDir]),
    stopSync: () => sync.stop(),
  };
}
