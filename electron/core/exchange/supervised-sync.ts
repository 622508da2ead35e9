/**
 * The sync process as a host runs it: supervised (restarted within its crash budget), its
 * configuration replayed to every new incarnation, started again by any later command.
 */
import type { ChildHandle } from '../process/child-handle.js';
import { Supervisor, type SupervisedState } from '../process/supervisor.js';
import type { SyncCommand } from './sync-protocol.js';

export interface SupervisedSync {
  configure(command: Extract<SyncCommand, { type: 'configure' }>): void;
  send(command: Exclude<SyncCommand, { type: 'configure' }>): void;
  /** Lets the round under way finish (the process gets `shutdown`), then kills it after a grace period. */
  stop(): Promise<void>;
}

export function superviseSync(options: { spawn: () => ChildHandle; onMessage(message: unknown): void; onStateChange?(state: SupervisedState): void }): SupervisedSync {
  const supervisor = new Supervisor({ name: 'the sync process', ...options });
  return {
    configure: (command) => {
      supervisor.sendSticky(command);
      supervisor.start();
    },
    send: (command) => {
      if (!supervisor.running) supervisor.start();
      supervisor.send(command);
    },
    stop: () => supervisor.stop(),
  };
}
