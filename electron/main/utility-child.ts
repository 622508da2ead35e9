import { utilityProcess, type MessagePortMain } from 'electron';
import type { ChildHandle } from '../core/process/child-handle.js';
import type { PortHandover } from '../core/process/message-port.js';

export interface UtilityChild extends ChildHandle {
  /** Gives the child one end of a MessageChannel (process/message-port.ts). */
  handOver(message: PortHandover, port: MessagePortMain): void;
}

/** A supervised child as an Electron utilityProcess (Node without the window's privileges). */
export function forkUtilityChild(modulePath: string, args: string[], serviceName: string, execArgv: readonly string[] = []): UtilityChild {
  const child = utilityProcess.fork(modulePath, args, { serviceName, stdio: 'inherit', execArgv: [...execArgv] });
  return {
    send: (message) => child.postMessage(message),
    handOver: (message, port) => child.postMessage(message, [port]),
    onMessage: (handler) => child.on('message', handler),
    onExit: (handler) => child.once('exit', (code) => handler(`exited with code ${code}`)),
    kill: () => {
      child.kill();
    },
  };
}
