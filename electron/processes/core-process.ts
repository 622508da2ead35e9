/**
 * Entry of the core under Electron (a utilityProcess of main). The same CoreRuntime as browser
 * mode; what the host provides (keychain, child processes) is asked of main by message.
 */
import { parseArgs } from 'node:util';
import { RpcPeer } from '../../shared/rpc/rpc-peer.js';
import { useLogFile } from '../core/logging/log.js';
import { connectToParent } from '../core/process/parent-link.js';
import { ChildrenStartedByMain, isPortHandover } from '../core/process/message-port.js';
import { superviseCoreChildren } from '../core/service/core-children.js';
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

/** The sync and signer processes main starts for this core; the core talks to each over its own port. */
const children = new ChildrenStartedByMain({
  fork: (childId, program, args) => main.emit({ kind: 'fork', childId, program, args: [...args] }),
  kill: (childId) => main.emit({ kind: 'kill-child', childId }),
});
const coreChildren = superviseCoreChildren({
  dataDir,
  fork: (program, args) => children.fork(program, args),
  onSyncMessage: (message) => void ready.then((core) => core.handleSyncMessage(message)),
  onSyncStopped: (reason) => void ready.then((core) => core.handleSyncStopped(reason)),
});

const main = new RpcPeer<CoreMethods, MainMethods, CoreToMain, MainToCore>(
  connectToParent({
    onPort: (message, port) => {
      if (isPortHandover(message) && message.childId !== undefined) children.attach(message.childId, port);
      else port.close();
    },
  }),
  {
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
        case 'child-exit':
          children.exited(event.childId, event.reason);
          return;
        case 'shutdown':
          // The sync round under way finishes first; a start under way is not waited for (the exit closes its database).
          void coreChildren
            .stopSync()
            .then(() => running?.close())
            .finally(() => process.exit(0));
          return;
        case 'demo-axis-stopped':
          void ready.then((core) => core.handleDemoAxisStopped(event.reason));
          return;
      }
    },
  },
);

const host: CoreHost = {
  shell: 'electron',
  secrets: {
    get: (name) => main.request('secrets.get', { name }),
    set: (name, value) => main.request('secrets.set', { name, value }),
  },
  configureSync: coreChildren.configureSync,
  sendToSync: coreChildren.sendToSync,
  startDemoAxis: (axisDir) => main.request('demoAxis.start', { dataDir: axisDir }),
  stopDemoAxis: () => main.request('demoAxis.stop', null),
  spawnSigner: coreChildren.spawnSigner,
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
