/**
 * The core relays the desktop preferences to the host that keeps them (Electron's main, by
 * message); browser mode has none and says so. The calls go through CoreService-style validation
 * (validateCall) first, as every call does.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.js';
import { DEFAULT_DESKTOP_PREFERENCES, type DesktopPreferences } from '../../../shared/api/desktop.js';
import type { CoreHost } from './core-host.js';
import { desktopHandlers } from './desktop-handlers.js';
import { validateCall } from './validate-input.js';

/** What the handlers use of a host: only `desktop`. */
const hostWith = (desktop: CoreHost['desktop']) => ({ desktop }) as CoreHost;

describe('desktop preferences in the core', () => {
  it('answers unavailable in browser mode, which has no desktop shell', async () => {
    const handlers = desktopHandlers(hostWith(undefined));
    expect(() => handlers['desktop.getPreferences']({})).toThrow(ApiError);
    try {
      await handlers['desktop.setPreferences']({ openAtLogin: true });
      expect.unreachable();
    } catch (error) {
      expect((error as ApiError).code).toBe('unavailable');
    }
  });

  it('hands validated changes to the host and returns what it saved', async () => {
    let saved: DesktopPreferences = DEFAULT_DESKTOP_PREFERENCES;
    const handlers = desktopHandlers(
      hostWith({
        getPreferences: () => Promise.resolve(saved),
        setPreferences: (changes) => Promise.resolve((saved = { ...saved, ...changes } as DesktopPreferences)),
      }),
    );
    const call = validateCall('desktop.setPreferences', { closeToTray: false, language: 'en' });
    expect(await handlers['desktop.setPreferences'](call.input as { closeToTray: boolean; language: 'en' })).toEqual({ openAtLogin: false, closeToTray: false, language: 'en' });
    expect(await handlers['desktop.getPreferences']({})).toEqual({ openAtLogin: false, closeToTray: false, language: 'en' });
  });

  it('refuses anything but the three preferences, of their types', () => {
    for (const input of [{ openAtLogin: 'yes' }, { language: 'fr' }, { autoUpdate: true }, { closeToTray: 1 }]) {
      expect(() => validateCall('desktop.setPreferences', input), JSON.stringify(input)).toThrow(ApiError);
    }
  });
});
