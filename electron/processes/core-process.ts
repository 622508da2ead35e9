/**
 * Entry of the core under Electron (a utilityProcess of main). The same CoreRuntime as browser
 * mode; what the host provides (keychain, child processes) is asked of main by message.
 */
import { parseArgs } from 'node:util';
import { logError } from '../core/logging/log.js';
import { connectToParent } from '../core/process/parent-link.js';
import type { ChildHandle } from '../core/process/child-handle.js';
import type { CoreHost } from '../core/service/core-host.js';
import type { CoreToMain, HostRequest, MainToCore } from '../core/service/core-process-protocol.js';
import { CoreRuntime } from '../core/service/core-runtime.js';
import { useLogFile } from '../core/logging/log.js';
import { loadAdminPolicy, readAdminPolicy } from '../core/policy/load-policy.js';
import type { DesktopPreferences } from '../../shared/api/desktop.js';

declare const VANTHU_VERSION: string;

const parent = connectToParent<MainToCore, CoreToMain>();
const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let nextId = 1;

function ask<T>(request: HostRequest): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    parent.send({ kind: 'host-request', id, request });
  });
}

/** The signer process main runs for this core, seen through main's relay. */
let signerRelay: { message(message: unknown): void; exit(reason: string): void } | null = null;

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
    send: (message) => parent.send({ kind: 'to-signer', message }),
    onMessage: (handler) => messageHandlers.push(handler),
    onExit: (handler) => exitHandlers.push(handler),
    kill: () => parent.send({ kind: 'signer-kill' }),
  };
}

const host: CoreHost = {
  shell: 'electron',
  secrets: {
    get: (name) => ask<string | null>({ op: 'secrets.get', name }),
    set: (name, value) => ask<void>({ op: 'secrets.set', name, value }),
  },
  configureSync: (command) => parent.send({ kind: 'to-sync', command, sticky: true }),
  sendToSync: (command) => parent.send({ kind: 'to-sync', command, sticky: false }),
  startDemoAxis: (dataDir) => ask<{ url: string }>({ op: 'demoAxis.start', dataDir }),
  stopDemoAxis: () => ask<void>({ op: 'demoAxis.stop' }),
  spawnSigner,
  pickPkcs11Module: () => ask<string | null>({ op: 'dialog.pickPkcs11Module' }),
  desktop: {
    getPreferences: () => ask<DesktopPreferences>({ op: 'desktop.getPreferences' }),
    setPreferences: (changes) => ask<DesktopPreferences>({ op: 'desktop.setPreferences', changes }),
  },
};

let core: CoreRuntime | null = null;
const early: MainToCore[] = [];

function dispatch(message: MainToCore): void {
  switch (message.kind) {
    case 'host-reply': {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.message));
      return;
    }
    case 'signer':
      signerRelay?.message(message.message);
      return;
    case 'signer-exit':
      signerRelay?.exit(message.reason);
      return;
    case 'shutdown':
      void (core?.close() ?? Promise.resolve()).finally(() => process.exit(0));
      return;
  }
  if (!core) {
    early.push(message);
    return;
  }
  if (message.kind === 'call') void core.call(message.method, message.input).then((reply) => parent.send({ kind: 'reply', id: message.id, reply }));
  else if (message.kind === 'file') parent.send({ kind: 'file-reply', id: message.id, file: core.resolveFile(message.token) });
  else if (message.kind === 'sync') core.handleSyncMessage(message.message);
  else if (message.kind === 'sync-stopped') core.handleSyncStopped(message.reason);
  else if (message.kind === 'demo-axis-stopped') core.handleDemoAxisStopped(message.reason);
  else if (message.kind === 'update-when-idle') {
    // The policy is read again here: an update URL IT removed since the start stops the install.
    // Its problems were logged at start.
    const runtime = core;
    void readAdminPolicy()
      .then(({ policy }) => runtime.whenUpdateAllowed(policy))
      .then((decision) => parent.send({ kind: 'update-decision', id: message.id, decision }))
      // Unanswered, main never installs: the safe side.
      .catch((error: unknown) => logError('[core] the update check failed', error));
  }
}

parent.onMessage(dispatch);

const { values } = parseArgs({ args: process.argv.slice(2), options: { 'data-dir': { type: 'string' } }, strict: true });
const dataDir = values['data-dir'];
if (!dataDir) throw new Error('core-process needs --data-dir');
useLogFile(dataDir, 'core');
loadAdminPolicy()
  .then((policy) => CoreRuntime.start({ dataDir, version: VANTHU_VERSION, host, policy }))
  .then((service) => {
    core = service;
    service.subscribe((event) => parent.send({ kind: 'event', event }));
    parent.send({ kind: 'ready' });
    for (const message of early.splice(0)) dispatch(message);
  })
  .catch((error: unknown) => {
    parent.send({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
    process.exit(2);
  });
