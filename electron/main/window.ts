/**
 * The app window, locked down: context isolation, sandbox, no Node in the page, web security on,
 * no navigation away from the bundled renderer, no new windows, every permission request denied.
 * The CSP comes from the renderer's own <meta> tag (a file:// page has no response headers).
 */
import { BrowserWindow, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export function rendererIndex(bundleDir: string): string {
  return path.join(bundleDir, '..', 'renderer', 'index.html');
}

export function createMainWindow(bundleDir: string): BrowserWindow {
  const indexUrl = pathToFileURL(rendererIndex(bundleDir)).href;
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'VanThu',
    show: false,
    webPreferences: {
      preload: path.join(bundleDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== indexUrl) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser; nothing opens inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(indexUrl);
  return window;
}

/** Only our own page may call the API. */
export function isOwnFrame(frameUrl: string | undefined, bundleDir: string): boolean {
  return frameUrl === pathToFileURL(rendererIndex(bundleDir)).href;
}
