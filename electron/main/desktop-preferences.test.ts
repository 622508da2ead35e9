/** The desktop preferences file in a real temp folder, and the two small decisions around it. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/temp-dir.js';
import { DEFAULT_DESKTOP_PREFERENCES } from '../../shared/api/desktop.js';
import { closeAction, DESKTOP_PREFERENCES_FILE, DesktopPreferencesFile, parseDesktopPreferences, withLoginItemState } from './desktop-preferences.js';

const tempDir = useTempDirs();

describe('DesktopPreferencesFile', () => {
  it('reads the defaults before anything was saved: not at login, close to tray, Vietnamese', async () => {
    expect(await new DesktopPreferencesFile(await tempDir()).read()).toEqual({ openAtLogin: false, closeToTray: true, language: 'vi' });
  });

  it('keeps each change and the values not changed, across instances (a restart)', async () => {
    const dir = await tempDir();
    expect(await new DesktopPreferencesFile(dir).update({ openAtLogin: true })).toEqual({ ...DEFAULT_DESKTOP_PREFERENCES, openAtLogin: true });
    expect(await new DesktopPreferencesFile(dir).update({ language: 'en', closeToTray: undefined })).toEqual({ openAtLogin: true, closeToTray: true, language: 'en' });
    expect(await new DesktopPreferencesFile(dir).read()).toEqual({ openAtLogin: true, closeToTray: true, language: 'en' });
    expect(JSON.parse(await readFile(path.join(dir, DESKTOP_PREFERENCES_FILE), 'utf8'))).toEqual({ openAtLogin: true, closeToTray: true, language: 'en' });
  });

  it('loses none of several changes made at once', async () => {
    const file = new DesktopPreferencesFile(await tempDir());
    await Promise.all([file.update({ openAtLogin: true }), file.update({ closeToTray: false }), file.update({ language: 'en' })]);
    expect(await file.read()).toEqual({ openAtLogin: true, closeToTray: false, language: 'en' });
  });

  it('reads a broken or hand-edited file as the defaults, value by value', async () => {
    const dir = await tempDir();
    const file = path.join(dir, DESKTOP_PREFERENCES_FILE);
    await writeFile(file, '{"openAtLogin": tru');
    expect(await new DesktopPreferencesFile(dir).read()).toEqual(DEFAULT_DESKTOP_PREFERENCES);
    await writeFile(file, JSON.stringify({ openAtLogin: 'yes', closeToTray: false, language: 'fr' }));
    expect(await new DesktopPreferencesFile(dir).read()).toEqual({ ...DEFAULT_DESKTOP_PREFERENCES, closeToTray: false });
    expect(parseDesktopPreferences(null)).toEqual(DEFAULT_DESKTOP_PREFERENCES);
  });
});

describe('withLoginItemState', () => {
  it('takes the system’s answer where it has one (Task Manager can turn it off), the stored one elsewhere', () => {
    const stored = { ...DEFAULT_DESKTOP_PREFERENCES, openAtLogin: true };
    expect(withLoginItemState(stored, false).openAtLogin).toBe(false);
    expect(withLoginItemState(DEFAULT_DESKTOP_PREFERENCES, true).openAtLogin).toBe(true);
    expect(withLoginItemState(stored, null)).toEqual(stored);
  });
});

describe('closeAction', () => {
  it('hides to the tray when the preference is on, unless quitting; closes otherwise', () => {
    expect(closeAction({ closeToTray: true, quitting: false })).toBe('hide');
    expect(closeAction({ closeToTray: true, quitting: true })).toBe('close');
    expect(closeAction({ closeToTray: false, quitting: false })).toBe('close');
    expect(closeAction({ closeToTray: false, quitting: true })).toBe('close');
  });
});
