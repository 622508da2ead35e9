/**
 * Hash routes (#/work ("Việc của tôi", both modes), #/inbox, #/inbox/12, #/intake, #/sent/3, #/drafts/7, #/queue, #/quarantine, #/agencies, #/registers, #/dossiers, #/reports,
 * #/admin (a desk in agency mode), #/settings, #/diagnostics, #/search?q=…&direction=…: the search is in the address, so Back from a result finds it again):
 * they work from file:// in Electron and from the browser-mode host alike, and give Back/Forward
 * for free.
 */
import { useSyncExternalStore } from 'react';
import type { DocumentDirection, Mailbox } from '../shared/api/documents.js';

/** The areas of the main window, in navigation order. */
export const AREAS = ['search', 'work', 'inbox', 'intake', 'sent', 'drafts', 'queue', 'quarantine', 'agencies', 'registers', 'dossiers', 'reports', 'admin', 'settings', 'diagnostics'] as const;
export type Area = (typeof AREAS)[number];

export const MAILBOXES: readonly Mailbox[] = ['inbox', 'sent', 'drafts'];

/** The areas that are one screen, without a selected record in the address. */
const SINGLE_SCREEN_AREAS = ['work', 'intake', 'agencies', 'queue', 'quarantine', 'registers', 'dossiers', 'reports', 'admin', 'settings', 'diagnostics'] as const;
type SingleScreenArea = (typeof SINGLE_SCREEN_AREAS)[number];

export type Route =
  | { area: Mailbox; documentId: number | null }
  | { area: SingleScreenArea }
  /** `params`: the search as URL query parameters (see features/search/search-params.ts). */
  | { area: 'search'; params: string };

/** A clerk's day starts with what arrived. */
export const DEFAULT_ROUTE: Route = { area: 'inbox', documentId: null };

function isMailbox(value: string | undefined): value is Mailbox {
  return value !== undefined && (MAILBOXES as readonly string[]).includes(value);
}

export function parseRoute(hash: string): Route {
  const [path = '', params = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean);
  const head = parts[0];
  if (head === 'search') return { area: 'search', params };
  if ((SINGLE_SCREEN_AREAS as readonly (string | undefined)[]).includes(head)) return { area: head as SingleScreenArea };
  if (isMailbox(head)) {
    const id = parts[1] !== undefined && /^[1-9]\d{0,15}$/.test(parts[1]) ? Number(parts[1]) : null;
    return { area: head, documentId: id };
  }
  return DEFAULT_ROUTE;
}

export function routeHref(route: Route): string {
  if ('documentId' in route && route.documentId !== null) return `#/${route.area}/${route.documentId}`;
  if (route.area === 'search' && route.params !== '') return `#/search?${route.params}`;
  return `#/${route.area}`;
}

/** The route of an area's front page (a mailbox without a selected document). */
export function areaRoute(area: Area): Route {
  if (area === 'search') return { area, params: '' };
  return isMailbox(area) ? { area, documentId: null } : { area };
}

/** The mailbox a document belongs in, by its direction. */
export function mailboxOf(direction: DocumentDirection): Mailbox {
  return direction === 'incoming' ? 'inbox' : direction === 'outgoing' ? 'sent' : 'drafts';
}

export function documentHref(direction: DocumentDirection, id: number): string {
  return routeHref({ area: mailboxOf(direction), documentId: id });
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

/** Corrects the address without a new history entry (a document opened under the wrong box). */
export function replaceRoute(route: Route): void {
  window.location.replace(routeHref(route));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, getHash));
}
