/**
 * The core's utilityProcess entry (electron/processes/core-process.ts) spoken to as Electron's
 * main speaks to it, through the same RPC, but forked as a Node child: no Electron binary is
 * needed to check the core's side of the protocol.
 */
import { describe, expect, it } from 'vitest';
import { rpcEventMessage } from '../shared/rpc/rpc-peer.js';
import type { MainToCore } from '../electron/core/service/core-process-protocol.js';
import type { AppState } from '../shared/api/state.js';
import { forkCore } from './core-child.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

describe('the core process, as main sees it', () => {
  it('answers calls asked before it is ready, emits its events, and exits on shutdown', async () => {
    const dataDir = await tempDir();
    const { core, child, exited, events } = forkCore(dataDir);

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
