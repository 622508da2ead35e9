/**
 * The application menu and the tray's menu as plain templates, following Windows conventions
 * (File · Edit · View · Help, access keys, Ctrl shortcuts, Alt+F4 to exit), in the clerk's
 * language. Items the page carries out become a menu command (renderer/features/desktop/
 * DesktopIntegration.tsx); the rest are Electron roles. Built here without Electron so that the
 * tests read the templates; app-menu wiring in main.ts hands them to Menu.buildFromTemplate.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/desktop.js';
import { t, type Lang, type PlainMessageKey } from '../../shared/i18n/messages.js';

export interface MenuActions {
  command(command: MenuCommand): void;
  about(): void;
  quit(): void;
}

export interface MenuContext {
  lang: Lang;
  /** A packaged build shows no developer tools, in the menu or by shortcut. */
  packaged: boolean;
  /** Closing hides to the tray: Alt+F4 then closes the window only, so Exit does not claim it. */
  closeToTray: boolean;
}

export function applicationMenuTemplate({ lang, packaged, closeToTray }: MenuContext, actions: MenuActions): MenuItemConstructorOptions[] {
  const label = (key: PlainMessageKey) => t(key, lang);
  const role = (role: NonNullable<MenuItemConstructorOptions['role']>, key: PlainMessageKey, accelerator?: string): MenuItemConstructorOptions => ({
    role,
    label: label(key),
    ...(accelerator && { accelerator }),
  });
  return [
    {
      label: label('desktop.menu.file'),
      submenu: [
        { label: label('desktop.menu.newDraft'), accelerator: 'CmdOrCtrl+N', click: () => actions.command('newDraft') },
        { label: label('desktop.menu.syncNow'), accelerator: 'F5', click: () => actions.command('syncNow') },
        { type: 'separator' },
        // Alt+F4 is Windows' own (it closes the window): shown beside Exit only when closing quits.
        { label: label('desktop.menu.exit'), ...(!closeToTray && { accelerator: 'Alt+F4', registerAccelerator: false }), click: () => actions.quit() },
      ],
    },
    {
      label: label('desktop.menu.edit'),
      submenu: [
        role('undo', 'desktop.menu.undo', 'CmdOrCtrl+Z'),
        role('redo', 'desktop.menu.redo', 'CmdOrCtrl+Y'),
        { type: 'separator' },
        role('cut', 'desktop.menu.cut', 'CmdOrCtrl+X'),
        role('copy', 'desktop.menu.copy', 'CmdOrCtrl+C'),
        role('paste', 'desktop.menu.paste', 'CmdOrCtrl+V'),
        { type: 'separator' },
        role('selectAll', 'desktop.menu.selectAll', 'CmdOrCtrl+A'),
      ],
    },
    {
      label: label('desktop.menu.view'),
      submenu: [
        { label: label('desktop.menu.search'), accelerator: 'CmdOrCtrl+F', click: () => actions.command('search') },
        { type: 'separator' },
        role('zoomIn', 'desktop.menu.zoomIn', 'CmdOrCtrl+='),
        role('zoomOut', 'desktop.menu.zoomOut', 'CmdOrCtrl+-'),
        role('resetZoom', 'desktop.menu.resetZoom', 'CmdOrCtrl+0'),
        { type: 'separator' },
        role('togglefullscreen', 'desktop.menu.fullScreen', 'F11'),
        ...(packaged ? [] : [{ type: 'separator' } as const, role('toggleDevTools', 'desktop.menu.devTools', 'CmdOrCtrl+Shift+I')]),
      ],
    },
    {
      label: label('desktop.menu.help'),
      submenu: [
        // The helpdesk's page: versions, the axis and token tests, and its "save report".
        { label: label('desktop.menu.diagnostics'), click: () => actions.command('diagnostics') },
        { type: 'separator' },
        { label: label('desktop.menu.about'), click: () => actions.about() },
      ],
    },
  ];
}

export interface TrayActions {
  open(): void;
  command(command: MenuCommand): void;
  quit(): void;
}

/** Right-click on the tray icon; the default (bold) item is what a click does. */
export function trayMenuTemplate(lang: Lang, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: t('desktop.tray.open', lang), click: () => actions.open() },
    { label: t('sync.now', lang), click: () => actions.command('syncNow') },
    { type: 'separator' },
    { label: t('desktop.tray.quit', lang), click: () => actions.quit() },
  ];
}
