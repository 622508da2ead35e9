/**
 * Electron's main process: windows and process supervision only (no SQL, no crypto, no axis
 * traffic). It wires the desktop shell (electron/main/desktop-shell.ts: window, tray, menus,
 * notifications, preferences) to the processes it runs for the core (electron/main/core-processes.ts):
 * renderer calls are relayed to the core, its events back to the window.
 */
import { app, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL_CHANNEL, type CallReply } from '../../shared/api/transport.js';
import { readHostOptions } from '../core/host/host-options.js';
import { acquireInstanceLock } from '../core/host/instance-lock.js';
import { logError, useLogFile } from '../core/logging/log.js';
import { APP_USER_MODEL_ID } from '../main/app-identity.js';
import { CoreProcesses } from '../main/core-processes.js';
import { DesktopPreferencesFile } from '../main/desktop-preferences.js';
import { DesktopShell } from '../main/desktop-shell.js';
import { registerFileScheme, serveFileLinks } from '../main/file-protocol.js';
import { SafeStorageSecretStore, secretsFile } from '../main/safe-storage-secrets.js';
import { startUpdater } from '../main/updater.js';
import { guardWebContents, isOwnFrame } from '../main/window.js';

declare const VANTHU_VERSION: string;

const bundleDir = __dirname;
const dataDir = readHostOptions(process.argv.slice(1), process.env, false).dataDir;

// Everything main and its utility processes create is owner-only (POSIX; Windows goes by the profile's ACL).
if (process.platform !== 'win32') process.umask(0o077);
// Before any window or notification: Windows ties toasts and the taskbar button to this id.
app.setAppUserModelId(APP_USER_MODEL_ID);
// Before the app is ready, as Electron requires of privileged schemes.
registerFileScheme();

if (!app.requestSingleInstanceLock({ dataDir })) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  app.setPath('userData', dataDir);
  useLogFile(dataDir, 'main');
  const lock = acquireInstanceLock(dataDir);
  const secrets = new SafeStorageSecretStore(secretsFile(dataDir));
  const preferencesFile = new DesktopPreferencesFile(dataDir);
  const shell = new DesktopShell({ bundleDir, dataDir, version: VANTHU_VERSION, preferencesFile, preferences: await preferencesFile.read() });

  const processes = new CoreProcesses({
    bundleDir,
    dataDir,
    serve: {
      'secrets.get': ({ name }) => secrets.get(name),
      'secrets.set': ({ name, value }) => secrets.set(name, value),
      'dialog.pickPkcs11Module': () => shell.pickPkcs11Module(),
      'desktop.getPreferences': () => shell.currentPreferences(),
      'desktop.setPreferences': (changes) => shell.changePreferences(changes),
    },
    onReady: () => void shell.open(),
    onFatal: (message) => {
      logError(`VanThu could not start: ${message}`);
      app.exit(2);
    },
    onEvent: (event) => shell.coreEvent(event),
  });

  ipcMain.handle(IPC_CALL_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isOwnFrame(event.senderFrame?.url, bundleDir)) {
      return { ok: false, error: { code: 'forbidden', message: 'calls are accepted from the VanThu window only' } } satisfies CallReply;
    }
    return processes.call(String(method), input);
  });
  serveFileLinks((token) => processes.file(token));

  app.on('second-instance', () => shell.show());
  guardWebContents();
  app.on('before-quit', () => shell.markQuitting());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    event.preventDefault();
    void (async () => {
      await shell.close();
      await processes.stop();
      lock.release();
      app.exit(0);
    })();
  });

  shell.refresh();
  startUpdater(
    () => processes.updateWhenIdle(),
    (version, install) => shell.announceUpdate(version, install),
  );
  processes.start();
}
