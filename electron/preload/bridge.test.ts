/**
 * What the page receives from the preload, built over a stand-in for ipcRenderer's three
 * methods (no Electron binary here): only the typed API, nothing Electron leaks through.
 */
import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/api/transport.js';
import { createPreloadBridge, type BridgeIpc } from './bridge.js';

type Handler = (event: unknown, ...args: unknown[]) => void;

/** Records invokes and keeps listeners per channel, as ipcRenderer (an EventEmitter) does. */
function recordingIpc() {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<Handler>>();
  const ipc = {
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      return Promise.resolve({ ok: true, result: 'pong' });
    },
    on(channel: string, handler: Handler) {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(handler));
      return ipc;
    },
    removeListener(channel: string, handler: Handler) {
      listeners.get(channel)?.delete(handler);
      return ipc;
    },
  };
  const emit = (channel: string, ...args: unknown[]) => {
    for (const handler of listeners.get(channel) ?? []) handler({ sender: ipc, ports: [] }, ...args);
  };
  return { ipc: ipc as unknown as BridgeIpc, invoked, listeners, emit };
}

describe('createPreloadBridge', () => {
  it('exposes exactly invoke and onEvent, frozen', () => {
    const bridge = createPreloadBridge(recordingIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('sends calls on the call channel only and returns the reply', async () => {
    const { ipc, invoked } = recordingIpc();
    await expect(createPreloadBridge(ipc).invoke('app.getState', { a: 1 })).resolves.toEqual({ ok: true, result: 'pong' });
    expect(invoked).toEqual([[IPC_CALL_CHANNEL, 'app.getState', { a: 1 }]]);
  });

  it('hands listeners the API event only (never the IPC event, whose sender is ipcRenderer), and unsubscribes', () => {
    const { ipc, listeners, emit } = recordingIpc();
    const received: unknown[][] = [];
    const off = createPreloadBridge(ipc).onEvent((...args) => received.push(args));
    const event: ApiEvent = { type: 'documents.changed', ids: [7] };
    emit(IPC_EVENT_CHANNEL, event);
    expect(received).toEqual([[event]]);
    off();
    expect(listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0);
    emit(IPC_EVENT_CHANNEL, event);
    expect(received).toHaveLength(1);
  });
});
