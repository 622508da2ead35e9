/**
 * Entry of the core under Electron (a utilityProcess of main). The same CoreRuntime as browser
 * mode; what the host provides (keychain, child processes) is asked of main by message.
 */
import { parseArgs } from 'node:util';
import { RpcPeer } from '../../shared/rpc/rpc-peer.js';
import { useLogFile } from '../core/logging/log.js';
import { connectToParent } from '../core/process/parent-link.js';
import type { ChildHandle } from '../core/process/child-handle.js';
import type { CoreHost } from '../core/service/core-host.js';
import type { CoreMethods, CoreToMain, MainMethods, MainToCore } from '../core/service/core-process-protocol.js';
import { CoreRuntime } from '../core/service/core-runtime.js';
import { loadAdminPolicy, readAdminPolicy } from '../core/policy/load-policy.js';

declare const VANTHU_VERSION: string;

const { values } = parseArgs({ args: process.argv.slice(2), options: { 'data-dir': { type: 'string' } }, strict: true });
const dataDir = values['data-dir'];
if (!dataDir) throw new Error('core-process needs --data-dir');
useLogFile(dataDir, 'core');

/** Settles once the runtime has started: main's calls that come earlier wait for it, in order. */
let started: (core: CoreRuntime) => void = () => undefined;
const ready = new Promise<CoreRuntime>((resolve) => (started = resolve));
let running: CoreRuntime | null = null;

/** The signer process main runs for this core, seen through main's relay. */
let signerRelay: { message(message: unknown): void; exit(reason: string): void } | null = null;

const main = new RpcPeer<CoreMethods, MainMethods, CoreToMain, MainToCore>(connectToParent(), {
  handlers: {
    call: async ({ method, input }) => (await ready).call(method, input),
    file: async ({ token }) => (await ready).resolveFile(token),
    // The policy is read again here: an update URL IT removed since the start stops the install.
    updateWhenIdle: async () => {
      const core = await ready;
      return core.whenUpdateAllowed((await readAdminPolicy()).policy);
    },
  },
  onEvent: (event) => {
    switch (event.kind) {
      case 'signer':
        signerRelay?.message(event.message);
        return;
      case 'signer-exit':
        signerRelay?.exit(event.reason);
        return;
      case 'shutdown':
        // Not waiting for a start under way: its database is closed by the exit.
        void (running?.close() ?? Promise.resolve()).finally(() => process.exit(0));
        return;
      case 'sync':
        void ready.then((core) => core.handleSyncMessage(event.message));
        return;
      case 'sync-stopped':
        void ready.then((core) => core.handleSyncStopped(event.reason));
        return;
      case 'demo-axis-stopped':
        void ready.then((core) => core.handleDemoAxisStopped(event.reason));
        return;
    }
  },
});

function spawnSigner(): ChildHandle {
  const messageHandlers: ((message: unknown) => void)[] = [];
  const exitHandlers: ((reason: string) => void)[] = [];
  const relay = {
    message: (message: unknown) => messageHandlers.forEach((handler) => handler(message)),
    exit: (reason: string) => {
      if (signerRelay === relay) signerRelay = null;
      exitHandlers.forEach((handler) => handler(reason));
    },
  };
  signerRelay = relay;
  return {
    send: (message) => main.emit({ kind: 'to-signer', message }),
    onMessage: (handler) => messageHandlers.push(handler),
    onExit: (handler) => exitHandlers.push(handler),
    kill: () => main.emit({ kind: 'signer-kill' }),
  };
}

const host: CoreHost = {
  shell: 'electron',
  secrets: {
    get: (name) => main.request('secrets.get', { name }),
    set: (name, value) => main.request('secrets.set', { name, value }),
  },
  configureSync: (command) => main.emit({ kind: 'to-sync', command }),
  sendToSync: (command) => main.emit({ kind: 'to-sync', command }),
  startDemoAxis: (axisDir) => main.request('demoAxis.start', { dataDir: axisDir }),
  stopDemoAxis: () => main.request('demoAxis.stop', null),
  spawnSigner,
  pickPkcs11Module: () => main.request('dialog.pickPkcs11Module', null),
  desktop: {
    getPreferences: () => main.request('desktop.getPreferences', null),
    setPreferences: (changes) => main.request('desktop.setPreferences', changes),
  },
};

loadAdminPolicy()
  .then((policy) => CoreRuntime.start({ dataDir, version: VANTHU_VERSION, host, policy }))
  .then((core) => {
    core.subscribe((event) => main.emit({ kind: 'event', event }));
    main.emit({ kind: 'ready' });
    running = core;
    started(core);
  })
  .catch((error: unknown) => {
    main.emit({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
    process.exit(2);
  });
