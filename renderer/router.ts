/**
 * Hash routes (#/drafts, #/drafts/12, #/agencies): they work from file:// in Electron and from
 * the browser-mode host alike, and give Back/Forward for free.
 */
import { useSyncExternalStore } from 'react';

/** The areas of the main window, in navigation order. Inbox and outbox join here later. */
export const AREAS = ['drafts', 'agencies'] as const;
export type Area = (typeof AREAS)[number];

export type Route = { area: 'drafts'; documentId: number | null } | { area: 'agencies' };

export const DEFAULT_ROUTE: Route = { area: 'drafts', documentId: null };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  switch (parts[0]) {
    case 'agencies':
      return { area: 'agencies' };
    case 'drafts': {
      const id = parts[1] !== undefined && /^[1-9]\d{0,15}$/.test(parts[1]) ? Number(parts[1]) : null;
      return { area: 'drafts', documentId: id };
    }
    default:
      return DEFAULT_ROUTE;
  }
}

export function routeHref(route: Route): string {
  if (route.area === 'drafts' && route.documentId !== null) return `#/drafts/${route.documentId}`;
  return `#/${route.area}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, getHash));
}
