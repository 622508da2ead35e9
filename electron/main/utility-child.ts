import { utilityProcess } from 'electron';
import type { ChildHandle } from '../core/process/child-handle.js';

/** A supervised child as an Electron utilityProcess (Node without the window's privileges). */
export function forkUtilityChild(modulePath: string, args: string[], serviceName: string): ChildHandle {
  const child = utilityProcess.fork(modulePath, args, { serviceName, stdio: 'inherit' });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (handler) => child.on('message', handler),
    onExit: (handler) => child.once('exit', (code) => handler(`exited with code ${code}`)),
    kill: () => {
      child.kill();
    },
  };
}
