/**
 * The core's utilityProcess entry (electron/processes/core-process.ts) spoken to as Electron's
 * main speaks to it, through the same RPC, but forked as a Node child: no Electron binary is
 * needed to check the core's side of the protocol.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RpcPeer, rpcEventMessage, type RpcHandlers } from '../shared/rpc/rpc-peer.js';
import { forkNodeChild } from '../electron/core/process/node-child.js';
import type { CoreMethods, CoreToMain, MainMethods, MainToCore } from '../electron/core/service/core-process-protocol.js';
import type { AppState } from '../shared/api/state.js';
import { useTempDirs } from './temp-dir.js';

const BUNDLE = path.resolve(import.meta.dirname, '..', 'dist', 'core', 'core-process.cjs');
const tempDir = useTempDirs();

const refuse = () => {
  throw new Error('not in this test');
};

describe('the core process, as main sees it', () => {
  it('answers calls asked before it is ready, emits its events, and exits on shutdown', async () => {
    expect(existsSync(BUNDLE), `${BUNDLE} is missing: run node scripts/build.mjs first`).toBe(true);
    const dataDir = await tempDir();
    const child = forkNodeChild(BUNDLE, ['--data-dir', dataDir]);
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

    // Sent at once, before the core has opened its database: it waits for the start.
    const reply = await core.request('call', { method: 'app.getState', input: {} });
    expect(reply.ok).toBe(true);
    expect((reply as { result: AppState }).result).toMatchObject({ shell: 'electron', dataDir });
    expect(events).toContainEqual({ kind: 'ready' });
    expect(events).toContainEqual({ kind: 'event', event: { type: 'inbox.waiting', count: 0 } });

    const refused = await core.request('call', { method: 'no.such.method', input: {} });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.request('file', { token: 'not-a-link' })).toBeNull();

    child.send(rpcEventMessage({ kind: 'shutdown' } satisfies MainToCore));
    expect(await exited).toBe('exited with code 0');
    await expect(core.request('file', { token: 'x' }, { timeoutMs: 2000 })).rejects.toThrow();
  });
});
