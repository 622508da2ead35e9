/**
 * The desktop preferences (shared/api/desktop.ts), kept by main in `<data dir>/desktop.json`:
 * they belong to this computer's shell, not to the agency's database or its backups. A value
 * missing or of the wrong type falls back to its default, so a hand-edited file never stops the
 * app from starting.
 */
import path from 'node:path';
import { DEFAULT_DESKTOP_PREFERENCES, type DesktopPreferences } from '../../shared/api/desktop.js';
import { isLang } from '../../shared/i18n/messages.js';
import { readJsonFile, writeJsonFile } from '../core/config/json-file.js';

export const DESKTOP_PREFERENCES_FILE = 'desktop.json';

export function parseDesktopPreferences(value: unknown): DesktopPreferences {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    openAtLogin: typeof record.openAtLogin === 'boolean' ? record.openAtLogin : DEFAULT_DESKTOP_PREFERENCES.openAtLogin,
    closeToTray: typeof record.closeToTray === 'boolean' ? record.closeToTray : DEFAULT_DESKTOP_PREFERENCES.closeToTray,
    language: isLang(record.language) ? record.language : DEFAULT_DESKTOP_PREFERENCES.language,
  };
}

/** One writer at a time: two quick changes (a checkbox clicked twice) must not lose the first. */
export class DesktopPreferencesFile {
  private readonly file: string;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, DESKTOP_PREFERENCES_FILE);
  }

  /** An unreadable file (broken by a hand edit) reads as the defaults, and is replaced by the next change. */
  async read(): Promise<DesktopPreferences> {
    await this.chain.catch(() => undefined);
    return parseDesktopPreferences(await readJsonFile(this.file).catch(() => undefined));
  }

  /** Stores the changes and resolves with the whole preferences as now saved. */
  update(changes: Partial<DesktopPreferences>): Promise<DesktopPreferences> {
    const next = this.chain
      .catch(() => undefined)
      .then(async () => {
        const updated = { ...parseDesktopPreferences(await readJsonFile(this.file).catch(() => undefined)), ...definedOnly(changes) };
        await writeJsonFile(this.file, updated);
        return updated;
      });
    this.chain = next;
    return next;
  }
}

function definedOnly(changes: Partial<DesktopPreferences>): Partial<DesktopPreferences> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<DesktopPreferences>;
}

/**
 * The system knows whether VanThu starts at sign-in, and the user may have turned it off there
 * (Task Manager › Startup on Windows, the desktop's startup applications on Linux): that answer
 * wins over the stored one. Without one (null) the stored preference is all there is.
 */
export function withLoginItemState(stored: DesktopPreferences, systemOpenAtLogin: boolean | null): DesktopPreferences {
  return systemOpenAtLogin === null ? stored : { ...stored, openAtLogin: systemOpenAtLogin };
}

/**
 * What closing the window (×, Alt+F4) does. With the preference on (the default) the window hides
 * to the notification area and VanThu keeps receiving: a clerk who closes the window at noon still
 * gets the afternoon's documents and their toasts, as with the chat apps agencies use. Launching
 * VanThu again shows the hidden window (single instance), also where a Linux desktop shows no
 * tray icon. Quitting (File › Exit, the tray's Quit, Windows signing out) always closes.
 */
export function closeAction({ closeToTray, quitting }: { closeToTray: boolean; quitting: boolean }): 'hide' | 'close' {
  return closeToTray && !quitting ? 'hide' : 'close';
}
