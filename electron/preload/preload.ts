/**
 * The only bridge between the sandboxed page and the app: two functions, no Node objects, no
 * ipcRenderer handed out. Inputs are validated by the core, not here.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEvent } from '../../shared/api/contract.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallReply, type PreloadBridge } from '../../shared/api/transport.js';

const bridge: PreloadBridge = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input) as Promise<CallReply>,
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, apiEvent: ApiEvent) => listener(apiEvent);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('vanthu', bridge);
