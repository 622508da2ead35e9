/**
 * Demo mode's embedded reference axis, run as a child process on an ephemeral loopback port: a
 * Node child in browser mode, a utilityProcess under Electron (never Electron run as Node: the
 * packaged app's RunAsNode fuse is off).
 */
import type { ChildHandle } from '../process/child-handle.js';

export async function startDemoAxisChild(serverBundle: string, dataDir: string, fork: (bundle: string, args: string[]) => ChildHandle): Promise<{ url: string; stop(): Promise<void> }> {
  const child = fork(serverBundle, ['--demo', '--quiet', '--data-dir', dataDir, '--port', '0']);
  let exited: (() => void) | null = null;
  const gone = new Promise<void>((resolve) => (exited = resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The demo axis did not start within 20 seconds.')), 20_000);
    child.onMessage((message) => {
      const m = message as { type?: string; url?: string };
      if (m.type === 'axis.listening' && typeof m.url === 'string') {
        clearTimeout(timer);
        resolve(m.url);
      }
    });
    child.onExit((reason) => {
      exited?.();
      clearTimeout(timer);
      reject(new Error(`The demo axis ${reason} before it was ready.`));
    });
  });
  return {
    url,
    stop: async () => {
      child.send({ type: 'shutdown' });
      const timer = setTimeout(() => child.kill(), 3000);
      await gone;
      clearTimeout(timer);
    },
  };
}
