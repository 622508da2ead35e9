/**
 * The app window, wired to the decisions of window-policy.ts: context isolation, sandbox, no
 * Node in the page, no navigation away from the bundled renderer, no new windows, no webviews,
 * every permission denied, the shared CSP on every response (the renderer's <meta> carries the
 * same policy for its file:// page, which has no response headers).
 */
import { app, BrowserWindow, session, shell } from 'electron';
import {
  decideNavigation,
  decideWindowOpen,
  denyPermissionCheck,
  denyPermissionRequest,
  isRendererPage,
  preventWebviewAttach,
  rendererIndexUrl,
  windowWebPreferences,
  withContentSecurityPolicy,
} from './window-policy.js';

export function createMainWindow(bundleDir: string): BrowserWindow {
  const indexUrl = rendererIndexUrl(bundleDir);
  session.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  session.defaultSession.setPermissionCheckHandler(denyPermissionCheck);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }));

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'VanThu',
    show: false,
    webPreferences: windowWebPreferences(bundleDir),
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
  window.once('ready-to-show', () => window.show());
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
