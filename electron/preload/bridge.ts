/**
 * The object the preload hands to the page, built from the IPC surface it is given so that
 * bridge.test.ts can check it without Electron: two functions, the page never gets ipcRenderer,
 * an IpcRendererEvent (its `sender` is ipcRenderer) or any other Electron object.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { ApiEvent } from '../../shared/api/contract.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallReply, type PreloadBridge } from '../../shared/api/transport.js';

export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createPreloadBridge(ipc: BridgeIpc): PreloadBridge {
  return Object.freeze({
    invoke: (method: string, input: unknown) => ipc.invoke(IPC_CALL_CHANNEL, method, input) as Promise<CallReply>,
    onEvent: (listener: (event: ApiEvent) => void) => {
      const handler = (_event: IpcRendererEvent, apiEvent: ApiEvent) => listener(apiEvent);
      ipc.on(IPC_EVENT_CHANNEL, handler);
      return () => void ipc.removeListener(IPC_EVENT_CHANNEL, handler);
    },
  });
}
