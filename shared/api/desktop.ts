/**
 * The desktop shell's own surface: its preferences, kept by Electron's main process in
 * the data folder, and the commands its menu hands to the renderer. Browser mode has neither.
 */
import type { Lang } from '../i18n/messages.js';

export interface DesktopPreferences {
  /** Start VanThu when the user signs in to Windows (app.setLoginItemSettings). */
  openAtLogin: boolean;
  /** Closing the window keeps VanThu in the notification area, still receiving documents. */
  closeToTray: boolean;
  /** The language of the menus, tray and notifications: the renderer's choice, told to main. */
  language: Lang;
}

export const DEFAULT_DESKTOP_PREFERENCES: DesktopPreferences = { openAtLogin: false, closeToTray: true, language: 'vi' };

/** What the application menu asks the renderer to do; anything else on the event is ignored. */
export const MENU_COMMANDS = ['newDraft', 'syncNow', 'search', 'diagnostics'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
