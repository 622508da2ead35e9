/**
 * Electron's main process: windows and process supervision only (no SQL, no crypto, no axis
 * traffic). The core, the sync process and the demo axis run as children; renderer calls are
 * relayed to the core, its events back to the window. The desktop shell around it (tray, menus,
 * notifications, window state, preferences) takes its decisions from the pure modules beside it.
 */
import { app, dialog, ipcMain, Menu, Notification, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import os from 'node:os';
import path from 'node:path';
import type { ApiEvent } from '../../shared/api/contract.js';
import type { DesktopPreferences, MenuCommand } from '../../shared/api/desktop.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallReply } from '../../shared/api/transport.js';
import { DemoAxisProcess } from '../core/host/demo-axis-child.js';
import { readHostOptions } from '../core/host/host-options.js';
import { acquireInstanceLock } from '../core/host/instance-lock.js';
import type { ChildHandle } from '../core/process/child-handle.js';
import { Supervisor } from '../core/process/supervisor.js';
import type { CoreMethods, CoreToMain, MainMethods, MainToCore } from '../core/service/core-process-protocol.js';
import { RpcPeer, rpcEventMessage, type RpcHandlers } from '../../shared/rpc/rpc-peer.js';
import { applicationMenuTemplate } from '../main/app-menu.js';
import { APP_USER_MODEL_ID } from '../main/app-identity.js';
import { aboutBox, arrivalNotification, pkcs11DialogOptions, updateReadyNotification } from '../main/desktop-texts.js';
import { closeAction, DesktopPreferencesFile, withLoginItemState } from '../main/desktop-preferences.js';
import { autostartFile, linuxAutostartEnabled, linuxExecutable, setLinuxAutostart } from '../main/linux-autostart.js';
import { SafeStorageSecretStore, secretsFile } from '../main/safe-storage-secrets.js';
import { DesktopTray } from '../main/tray.js';
import { startUpdater } from '../main/updater.js';
import { forkUtilityChild } from '../main/utility-child.js';
import { registerFileScheme, serveFileLinks } from '../main/file-protocol.js';
import { notificationOptions } from '../main/notification-markup.js';
import type { ServedFile } from '../core/blobs/served-file.js';
import { logError, useLogFile } from '../core/logging/log.js';
import { createMainWindow, guardWebContents, isOwnFrame, rememberWindowState, restoredWindowState } from '../main/window.js';

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
  let preferences = await preferencesFile.read();
  let window: BrowserWindow | null = null;
  /** Set once: a core restarted by its supervisor says 'ready' again and must not open a second window. */
  let opening: Promise<void> | null = null;
  let windowState: { flush(): Promise<void> } | null = null;
  let quitting = false;
  let waiting = 0;

  const sync = new Supervisor({
    name: 'the sync process',
    spawn: () => forkUtilityChild(path.join(bundleDir, '..', 'core', 'sync.cjs'), [], 'VanThu sync'),
    onMessage: (message) => toCore.emit({ kind: 'sync', message }),
    onStateChange: (state) => {
      if (state.phase === 'stopped') toCore.emit({ kind: 'sync-stopped', reason: state.reason });
    },
  });

  const fromCore: ((message: unknown) => void)[] = [];
  const core = new Supervisor({
    name: 'the VanThu core',
    spawn: () => forkUtilityChild(path.join(bundleDir, '..', 'core', 'core-process.cjs'), ['--data-dir', dataDir], 'VanThu core'),
    onMessage: (message) => fromCore.forEach((handler) => handler(message)),
    // A core that crashed answers nothing it was asked: its callers hear why instead of waiting.
    onStateChange: (state) => {
      if (state.phase !== 'running') toCore.failPending(state.reason);
    },
  });

  // The demo axis, supervised like sync; a utilityProcess like the core's, since the RunAsNode fuse
  // is off in the packaged app.
  const demoAxis = new DemoAxisProcess({
    spawn: (args) => forkUtilityChild(path.join(bundleDir, '..', 'axis', 'server.cjs'), args, 'VanThu demo axis'),
    onStateChange: (state) => {
      if (state.phase === 'stopped') toCore.emit({ kind: 'demo-axis-stopped', reason: state.reason });
    },
  });

  /** The core's token bridge: a utilityProcess like sync, started when the core first needs it. */
  let signer: ChildHandle | null = null;
  function toSigner(message: unknown): void {
    if (!signer) {
      const child = forkUtilityChild(path.join(bundleDir, '..', 'core', 'signer.cjs'), ['--data-dir', dataDir], 'VanThu signer');
      child.onMessage((reply) => toCore.emit({ kind: 'signer', message: reply }));
      child.onExit((reason) => {
        if (signer === child) signer = null;
        toCore.emit({ kind: 'signer-exit', reason });
      });
      signer = child;
    }
    signer.send(message);
  }

  // ── Desktop shell: window, tray, menus ────────────────────────────────────
  function toWindow(event: ApiEvent): void {
    window?.webContents.send(IPC_EVENT_CHANNEL, event);
  }

  /** From the tray, a second launch, a notification or a menu: the window in front, restored. */
  function showWindow(): void {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  function quit(): void {
    quitting = true;
    app.quit();
  }

  function menuCommand(command: MenuCommand): void {
    showWindow();
    toWindow({ type: 'menu.command', command });
  }

  const tray = new DesktopTray({ open: showWindow, command: menuCommand, quit });

  /** The menus, tray and badges in the current language and count. */
  function refreshShell(): void {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        applicationMenuTemplate(
          { lang: preferences.language, packaged: app.isPackaged, closeToTray: preferences.closeToTray },
          {
            command: menuCommand,
            quit,
            about: () => {
              const box = aboutBox({ app: VANTHU_VERSION, electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node }, preferences.language);
              void (window ? dialog.showMessageBox(window, { type: 'info', ...box }) : dialog.showMessageBox({ type: 'info', ...box }));
            },
          },
        ),
      ),
    );
    tray.show(waiting, preferences.language, window);
  }

  async function openWindow(): Promise<void> {
    const created = createMainWindow(bundleDir, await restoredWindowState(dataDir));
    windowState = rememberWindowState(created, dataDir);
    created.on('close', (event) => {
      if (closeAction({ closeToTray: preferences.closeToTray, quitting }) === 'close') return;
      event.preventDefault();
      created.hide();
    });
    // Windows signing out or shutting down emits no before-quit: the window must not hide then.
    created.on('session-end', () => {
      quitting = true;
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
    // The taskbar overlay belongs to this window: draw the count on it.
    refreshShell();
  }

  /** Open at sign-in: Windows' (and macOS') login items; on Linux an XDG autostart entry. */
  const autostart = process.platform === 'linux' ? autostartFile(process.env, os.homedir()) : null;

  /** The preferences as shown in Settings, and their changes applied where they act. */
  function currentPreferences(): DesktopPreferences {
    const system = autostart ? linuxAutostartEnabled(autostart) : process.platform === 'win32' || process.platform === 'darwin' ? app.getLoginItemSettings().openAtLogin : null;
    return withLoginItemState(preferences, system);
  }

  async function changePreferences(changes: Partial<DesktopPreferences>): Promise<DesktopPreferences> {
    preferences = await preferencesFile.update(changes);
    if (changes.openAtLogin !== undefined) {
      if (autostart) await setLinuxAutostart(autostart, linuxExecutable(process.env, process.execPath), changes.openAtLogin);
      else app.setLoginItemSettings({ openAtLogin: changes.openAtLogin });
    }
    if (changes.language !== undefined || changes.closeToTray !== undefined) refreshShell();
    return currentPreferences();
  }

  const serveCore: RpcHandlers<MainMethods> = {
    'secrets.get': ({ name }) => secrets.get(name),
    'secrets.set': ({ name, value }) => secrets.set(name, value),
    'demoAxis.start': ({ dataDir: axisDir }) => demoAxis.start(axisDir),
    'demoAxis.stop': () => demoAxis.stop(),
    'dialog.pickPkcs11Module': async () => {
      const options = pkcs11DialogOptions(process.platform, preferences.language);
      const picked = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    'desktop.getPreferences': () => currentPreferences(),
    'desktop.setPreferences': (changes) => changePreferences(changes),
  };

  async function onCoreMessage(message: CoreToMain): Promise<void> {
    switch (message.kind) {
      case 'ready':
        opening ??= openWindow();
        await opening;
        return;
      case 'fatal':
        logError(`VanThu could not start: ${message.message}`);
        app.exit(2);
        return;
      case 'event':
        toWindow(message.event);
        if (message.event.type === 'document.arrived') notifyArrival(message.event);
        if (message.event.type === 'inbox.waiting') {
          waiting = message.event.count;
          tray.show(waiting, preferences.language, window);
        }
        return;
      case 'to-sync':
        if (message.sticky) sync.sendSticky(message.command);
        else sync.send(message.command);
        sync.start();
        return;
      case 'to-signer':
        toSigner(message.message);
        return;
      case 'signer-kill':
        signer?.kill();
        return;
    }
  }

  const toCore = new RpcPeer<MainMethods, CoreMethods, MainToCore, CoreToMain>(
    { send: (message) => core.send(message), onMessage: (handler) => fromCore.push(handler) },
    { handlers: serveCore, onEvent: (event) => void onCoreMessage(event) },
  );

  ipcMain.handle(IPC_CALL_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isOwnFrame(event.senderFrame?.url, bundleDir)) {
      return { ok: false, error: { code: 'forbidden', message: 'calls are accepted from the VanThu window only' } } satisfies CallReply;
    }
    return toCore.request('call', { method: String(method), input }).catch(
      (error: unknown): CallReply => ({ ok: false, error: { code: 'unavailable', message: error instanceof Error ? error.message : String(error) } }),
    );
  });

  // A core that restarts meanwhile, or a busy one: the viewer gets a 404, not a hang.
  serveFileLinks((token) => toCore.request('file', { token }, { timeoutMs: 10_000 }).catch((): ServedFile | null => null));

  app.on('second-instance', showWindow);
  guardWebContents();
  // Quitting from anywhere (menu, tray, Windows signing out): the window closes instead of hiding.
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    event.preventDefault();
    void (async () => {
      await windowState?.flush();
      tray.destroy();
      await sync.stop();
      await core.stop(rpcEventMessage({ kind: 'shutdown' } satisfies MainToCore));
      signer?.kill();
      await demoAxis.stop();
      lock.release();
      app.exit(0);
    })();
  });

  /** A native notification for each new document; a click shows it in the window. */
  function notifyArrival(event: Extract<ApiEvent, { type: 'document.arrived' }>): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification(notificationOptions(arrivalNotification(event, preferences.language), process.platform));
    notification.on('click', () => {
      showWindow();
      toWindow({ type: 'document.open', id: event.id });
    });
    notification.show();
  }

  refreshShell();
  startUpdater(
    () => toCore.request('updateWhenIdle', null),
    (version, install) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification(notificationOptions(updateReadyNotification(version, preferences.language), process.platform));
      notification.on('click', install);
      notification.show();
    },
  );
  core.start();
}
