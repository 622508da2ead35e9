/**
 * The core's utilityProcess entry (dist/core/core-process.cjs) forked as a Node child and spoken
 * to as Electron's main speaks to it, through the same RPC, with main's secret store as a map.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { RpcPeer, type RpcHandlers } from '../shared/rpc/rpc-peer.js';
import type { ChildHandle } from '../electron/core/process/child-handle.js';
import { forkNodeChild } from '../electron/core/process/node-child.js';
import type { CoreMethods, CoreToMain, MainMethods, MainToCore } from '../electron/core/service/core-process-protocol.js';

export const CORE_BUNDLE = path.resolve(import.meta.dirname, '..', 'dist', 'core', 'core-process.cjs');

export interface CoreChild {
  child: ChildHandle;
  core: RpcPeer<MainMethods, CoreMethods, MainToCore, CoreToMain>;
  /** How the child ended ("exited with code 0", "killed by SIGKILL"). */
  exited: Promise<string>;
  events: CoreToMain[];
  /** Main's secret store. */
  secrets: Map<string, string>;
}

const refuse = () => {
  throw new Error('not in this test');
};

export function forkCore(dataDir: string): CoreChild {
  if (!existsSync(CORE_BUNDLE)) throw new Error(`${CORE_BUNDLE} is missing: run node scripts/build.mjs first`);
  const child = forkNodeChild(CORE_BUNDLE, ['--data-dir', dataDir]);
  const exited = new Promise<string>((resolve) => child.onExit(resolve));
  const events: CoreToMain[] = [];
  const secrets = new Map<string, string>();
  const handlers: RpcHandlers<MainMethods> = {
    'secrets.get': ({ name }) => secrets.get(name) ?? null,
    'secrets.set': ({ name, value }) => void secrets.set(name, value),
    'demoAxis.start': refuse,
    'demoAxis.stop': refuse,
    'dialog.pickPkcs11Module': () => null,
    'desktop.getPreferences': refuse,
    'desktop.setPreferences': refuse,
  };
  const core = new RpcPeer<MainMethods, CoreMethods, MainToCore, CoreToMain>(child, { handlers, onEvent: (event) => events.push(event) });
  child.onExit((reason) => core.failPending(`the core ${reason}`));
  return { child, core, exited, events, secrets };
}
