import { fork } from 'node:child_process';
import type { ChildHandle } from './child-handle.js';

/**
 * Browser mode: a supervised child is a Node process running one of our bundles. The
 * 'advanced' serialization carries Uint8Array and Date like Electron's structured clone does.
 */
export function forkNodeChild(modulePath: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = []): ChildHandle {
  const child = fork(modulePath, [...args], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env, execArgv: [...execArgv] });
  return {
    send: (message) => {
      if (child.connected) child.send(message as never);
    },
    onMessage: (handler) => child.on('message', handler),
    onExit: (handler) => child.once('exit', (code, signal) => handler(signal ? `killed by ${signal}` : `exited with code ${code}`)),
    kill: () => child.kill('SIGKILL'),
  };
}
