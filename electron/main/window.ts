/**
 * The app window, wired to the decisions of window-policy.ts: context isolation, sandbox, no
 * Node in the page, no navigation away from the bundled renderer, no new windows, no webviews,
 * every permission denied, the shared CSP on every response (the renderer's <meta> carries the
 * same policy for its file:// page, which has no response headers).
 */
import { app, BrowserWindow, screen, session, shell } from 'electron';
import path from 'node:path';
import { readJsonFile, writeJsonFile } from '../core/config/json-file.js';
import { logError } from '../core/logging/log.js';
import {
  decideNavigation,
  decideWindowOpen,
  denyPermissionCheck,
  denyPermissionRequest,
  isRendererPage,
  preventWebviewAttach,
  rendererIndexUrl,
  responseHeadersFor,
  windowWebPreferences,
} from './window-policy.js';
import { debounce, MIN_HEIGHT, MIN_WIDTH, parseWindowState, restoreWindowState, SAVE_DELAY_MS, WINDOW_STATE_FILE, type WindowState } from './window-state.js';

export function createMainWindow(bundleDir: string, state: WindowState): BrowserWindow {
  const indexUrl = rendererIndexUrl(bundleDir);
  session.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  session.defaultSession.setPermissionCheckHandler(denyPermissionCheck);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: responseHeadersFor(details.url, details.responseHeaders) }));

  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: 'VanThu',
    show: false,
    webPreferences: windowWebPreferences(bundleDir, app.isPackaged),
  });
  window.webContents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url, indexUrl);
    if (decision.allow) return;
    event.preventDefault();
    if (decision.openExternal) void shell.openExternal(decision.openExternal);
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternal) void shell.openExternal(decision.openExternal);
    return { action: decision.action };
  });
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(indexUrl);
  return window;
}

/** Any web contents, the window's or one created later: no <webview> may be attached. */
export function guardWebContents(): void {
  app.on('web-contents-created', (_event, contents) => contents.on('will-attach-webview', preventWebviewAttach));
}

/** Only our own page may call the API. */
export function isOwnFrame(frameUrl: string | undefined, bundleDir: string): boolean {
  return isRendererPage(frameUrl, rendererIndexUrl(bundleDir));
}

/** The saved window state brought onto today's displays (a missing or unreadable file: the default). */
export async function restoredWindowState(dataDir: string): Promise<WindowState> {
  const saved = parseWindowState(await readJsonFile(path.join(dataDir, WINDOW_STATE_FILE)).catch(() => undefined));
  return restoreWindowState(saved, screen.getAllDisplays().map((display) => display.workArea), screen.getPrimaryDisplay().workArea);
}

/**
 * Saves the window's place as the clerk moves and resizes it (debounced) and when it closes or
 * hides. Resolves `flush` once the last write is on disk, for the app's quit.
 */
export function rememberWindowState(window: BrowserWindow, dataDir: string): { flush(): Promise<void> } {
  let writing: Promise<void> = Promise.resolve();
  const save = () => {
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    writing = writing.then(() => writeJsonFile(path.join(dataDir, WINDOW_STATE_FILE), state)).catch((error: unknown) => logError('[main] could not save the window position', error));
  };
  const later = debounce(save, SAVE_DELAY_MS);
  window.on('move', later);
  window.on('resize', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', () => {
    later.cancel();
    save();
  });
  return {
    flush: () => {
      later.flush();
      return writing;
    },
  };
}
