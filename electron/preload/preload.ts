/**
 * The only bridge between the sandboxed page and the app: the typed API of bridge.ts, exposed
 * once. Inputs are validated by the core, not here.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './bridge.js';

contextBridge.exposeInMainWorld('vanthu', createPreloadBridge(ipcRenderer));
