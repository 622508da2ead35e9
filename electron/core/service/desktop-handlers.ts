/**
 * The desktop preferences (open at login, close to tray, menu language) belong to Electron's
 * main process, which keeps them and applies them: the core only relays the typed, validated
 * calls to it. Browser mode has no desktop shell to configure.
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { CoreHost } from './core-host.js';
import type { HandlerMap } from './handlers.js';

export function desktopHandlers(host: CoreHost): HandlerMap<'desktop.getPreferences' | 'desktop.setPreferences'> {
  const desktop = () => {
    if (!host.desktop) throw new ApiError('unavailable', 'Desktop preferences exist only in the VanThu desktop app, not in browser mode.');
    return host.desktop;
  };
  return {
    'desktop.getPreferences': () => desktop().getPreferences(),
    'desktop.setPreferences': (changes) => desktop().setPreferences(changes),
  };
}
