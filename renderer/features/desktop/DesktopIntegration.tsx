/**
 * The page's side of the desktop shell (Electron only): carries out the menu's commands and
 * notification clicks (desktop-actions.ts), and tells main the clerk's language so that menus,
 * tray and notifications speak it. Renders nothing.
 */
import { useEffect } from 'react';
import { callApi, useApi } from '../../api/client.js';
import { useSyncNow } from '../../components/use-sync-now.js';
import { useI18n } from '../../i18n.js';
import { navigate } from '../../router.js';
import { desktopAction, type FocusTarget } from './desktop-actions.js';

/** The element may appear only once the new route rendered: look for it over a few frames. */
function focusWhenShown(target: FocusTarget, framesLeft = 30): void {
  const element = document.querySelector<HTMLElement>(`[data-focus-target="${target}"]`);
  if (element) {
    element.focus();
    if (element instanceof HTMLInputElement) element.select();
    return;
  }
  if (framesLeft > 0) requestAnimationFrame(() => focusWhenShown(target, framesLeft - 1));
}

export function DesktopIntegration() {
  const api = useApi();
  const { lang } = useI18n();
  const syncNow = useSyncNow();
  const startSync = syncNow.mutate;

  useEffect(
    () =>
      api.subscribe((event) => {
        const action = desktopAction(event);
        if (!action) return;
        if (action.navigate) navigate(action.navigate);
        if (action.focus) focusWhenShown(action.focus);
        if (action.syncNow) startSync({});
      }),
    [api, startSync],
  );

  useEffect(() => {
    // Failing only leaves the menus in the other language: nothing for the clerk to act on.
    callApi(api, 'desktop.setPreferences', { language: lang }).catch(() => undefined);
  }, [api, lang]);

  return null;
}
