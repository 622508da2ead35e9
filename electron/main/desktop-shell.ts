/**
 * The desktop shell around the core: the window, the tray and its badge, the menus, native
 * notifications, the file dialog and the desktop preferences. Its decisions come from the pure
 * modules beside it (app-menu, desktop-preferences, desktop-texts, notification-markup, tray-badge).
 */
import { app, dialog, Menu, Notification, type BrowserWindow } from 'electron';
import os from 'node:os';
import type { ApiEvent } from '../../shared/api/contract.js';
import type { DesktopPreferences, MenuCommand } from '../../shared/api/desktop.js';
import { IPC_EVENT_CHANNEL } from '../../shared/api/transport.js';
import { applicationMenuTemplate } from './app-menu.js';
import { aboutBox, arrivalNotification, noticesNotification, pkcs11DialogOptions, updateReadyNotification } from './desktop-texts.js';
import { closeAction, withLoginItemState, type DesktopPreferencesFile } from './desktop-preferences.js';
import { autostartFile, linuxAutostartEnabled, linuxExecutable, setLinuxAutostart } from './linux-autostart.js';
import { notificationOptions } from './notification-markup.js';
import { DesktopTray } from './tray.js';
import { createMainWindow, rememberWindowState, restoredWindowState } from './window.js';

export interface DesktopShellOptions {
  bundleDir: string;
  dataDir: string;
  version: string;
  preferencesFile: DesktopPreferencesFile;
  preferences: DesktopPreferences;
}

export class DesktopShell {
  private window: BrowserWindow | null = null;
  /** Set once: a core restarted by its supervisor says 'ready' again and must not open a second window. */
  private opening: Promise<void> | null = null;
  private windowState: { flush(): Promise<void> } | null = null;
  private quitting = false;
  private waiting = 0;
  private preferences: DesktopPreferences;
  private readonly tray: DesktopTray;
  /** Open at sign-in: Windows' (and macOS') login items; on Linux an XDG autostart entry. */
  private readonly autostart = process.platform === 'linux' ? autostartFile(process.env, os.homedir()) : null;

  constructor(private readonly options: DesktopShellOptions) {
    this.preferences = options.preferences;
    this.tray = new DesktopTray({ open: () => this.show(), command: (command) => this.menuCommand(command), quit: () => this.quit() });
  }

  /** Opens the window, once. */
  open(): Promise<void> {
    this.opening ??= this.openWindow();
    return this.opening;
  }

  /** From the tray, a second launch, a notification or a menu: the window in front, restored. */
  show(): void {
    const window = this.window;
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** Quitting from anywhere (menu, tray, Windows signing out): the window closes instead of hiding. */
  markQuitting(): void {
    this.quitting = true;
  }

  /** An event of the core: to the window, and to the tray's badge or a notification where it concerns them. */
  coreEvent(event: ApiEvent): void {
    this.toWindow(event);
    if (event.type === 'document.arrived') this.notifyArrival(event);
    if (event.type === 'hub.notices' && event.arrived.length > 0) this.notifyNotices(event);
    if (event.type === 'inbox.waiting') {
      this.waiting = event.count;
      this.tray.show(this.waiting, this.preferences.language, this.window);
    }
  }

  /** Shows that an update is ready; a click on it calls `install`. */
  announceUpdate(version: string, install: () => void): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification(notificationOptions(updateReadyNotification(version, this.preferences.language), process.platform));
    notification.on('click', install);
    notification.show();
  }

  /** The native file dialog for a PKCS#11 library: its path, or null when cancelled. */
  async pickPkcs11Module(): Promise<string | null> {
    const options = pkcs11DialogOptions(process.platform, this.preferences.language);
    const picked = await (this.window ? dialog.showOpenDialog(this.window, options) : dialog.showOpenDialog(options));
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  }

  /** The preferences as shown in Settings. */
  currentPreferences(): DesktopPreferences {
    const system = this.autostart ? linuxAutostartEnabled(this.autostart) : process.platform === 'win32' || process.platform === 'darwin' ? app.getLoginItemSettings().openAtLogin : null;
    return withLoginItemState(this.preferences, system);
  }

  /** Kept, and applied where they act (login item, menus, tray). */
  async changePreferences(changes: Partial<DesktopPreferences>): Promise<DesktopPreferences> {
    this.preferences = await this.options.preferencesFile.update(changes);
    if (changes.openAtLogin !== undefined) {
      if (this.autostart) await setLinuxAutostart(this.autostart, linuxExecutable(process.env, process.execPath), changes.openAtLogin);
      else app.setLoginItemSettings({ openAtLogin: changes.openAtLogin });
    }
    if (changes.language !== undefined || changes.closeToTray !== undefined) this.refresh();
    return this.currentPreferences();
  }

  /** The menus, tray and badges in the current language and count. */
  refresh(): void {
    const lang = this.preferences.language;
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        applicationMenuTemplate(
          { lang, packaged: app.isPackaged, closeToTray: this.preferences.closeToTray },
          {
            command: (command) => this.menuCommand(command),
            quit: () => this.quit(),
            about: () => {
              const box = aboutBox({ app: this.options.version, electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node }, lang);
              void (this.window ? dialog.showMessageBox(this.window, { type: 'info', ...box }) : dialog.showMessageBox({ type: 'info', ...box }));
            },
          },
        ),
      ),
    );
    this.tray.show(this.waiting, lang, this.window);
  }

  /** Keeps the window's place and size, and removes the tray icon. */
  async close(): Promise<void> {
    await this.windowState?.flush();
    this.tray.destroy();
  }

  private toWindow(event: ApiEvent): void {
    this.window?.webContents.send(IPC_EVENT_CHANNEL, event);
  }

  private quit(): void {
    this.quitting = true;
    app.quit();
  }

  private menuCommand(command: MenuCommand): void {
    this.show();
    this.toWindow({ type: 'menu.command', command });
  }

  private async openWindow(): Promise<void> {
    const { bundleDir, dataDir } = this.options;
    const created = createMainWindow(bundleDir, await restoredWindowState(dataDir));
    this.windowState = rememberWindowState(created, dataDir);
    created.on('close', (event) => {
      if (closeAction({ closeToTray: this.preferences.closeToTray, quitting: this.quitting }) === 'close') return;
      event.preventDefault();
      created.hide();
    });
    // Windows signing out or shutting down emits no before-quit: the window must not hide then.
    created.on('session-end', () => {
      this.quitting = true;
    });
    created.on('closed', () => {
      if (this.window === created) this.window = null;
    });
    this.window = created;
    // The taskbar overlay belongs to this window: draw the count on it.
    this.refresh();
  }

  /** A native notification for the deadline notices a feed page brought (or, standalone, work.remind gave); a click shows the one reminder's document, or the window. */
  private notifyNotices(event: Extract<ApiEvent, { type: 'hub.notices' }>): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification(notificationOptions(noticesNotification(event, this.preferences.language), process.platform));
    const [only] = event.arrived.length === 1 ? event.arrived : [];
    notification.on('click', () => {
      this.show();
      if (only?.kind === 'reminder' && only.reminder.documentId !== null) this.toWindow({ type: 'document.open', id: only.reminder.documentId });
    });
    notification.show();
  }

  /** A native notification for each new document; a click shows it in the window. */
  private notifyArrival(event: Extract<ApiEvent, { type: 'document.arrived' }>): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification(notificationOptions(arrivalNotification(event, this.preferences.language), process.platform));
    notification.on('click', () => {
      this.show();
      this.toWindow({ type: 'document.open', id: event.id });
    });
    notification.show();
  }
}
