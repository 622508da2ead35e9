/**
 * Browser mode's way in (shared/api/transport.ts): the launch link's fragment carries a single-use
 * code, traded once for a session secret. The secret is kept in sessionStorage (this tab and this
 * origin only, so two VanThu instances on two ports never share it, and a reload keeps it), never
 * in a cookie, which every port of 127.0.0.1 would receive. The code leaves the address bar and
 * the history at once.
 */
import { HTTP_SESSION_PATH, LAUNCH_FRAGMENT_KEY } from '../../shared/api/transport.js';

const SESSION_KEY = 'vanthu.session';

export interface SessionPlace {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  fetch: typeof fetch;
}

const browserPlace = (): SessionPlace => ({ location: window.location, history: window.history, storage: window.sessionStorage, fetch: (...args) => window.fetch(...args) });

/** The session secret to call with, or null: the page must be opened by a (new) launch link. */
export async function startBrowserSession(place: SessionPlace = browserPlace()): Promise<string | null> {
  const code = new URLSearchParams(place.location.hash.slice(1)).get(LAUNCH_FRAGMENT_KEY);
  if (code) {
    place.history.replaceState(null, '', `${place.location.pathname}${place.location.search}`);
    try {
      const response = await place.fetch(HTTP_SESSION_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }), credentials: 'omit' });
      const session = response.ok ? ((await response.json()) as { session?: unknown }).session : undefined;
      if (typeof session === 'string') {
        place.storage.setItem(SESSION_KEY, session);
        return session;
      }
    } catch {
      // The host is not there: a session kept from before may still be good once it is.
    }
  }
  return place.storage.getItem(SESSION_KEY);
}

export function forgetBrowserSession(place: Pick<SessionPlace, 'storage'> = browserPlace()): void {
  place.storage.removeItem(SESSION_KEY);
}
