import { describe, expect, it } from 'vitest';
import { areaRoute, documentHref, mailboxOf, parseRoute, routeHref } from './router.js';

describe('hash routes', () => {
  it('parses the areas and a selected document', () => {
    expect(parseRoute('')).toEqual({ area: 'inbox', documentId: null });
    expect(parseRoute('#/agencies')).toEqual({ area: 'agencies' });
    expect(parseRoute('#/work')).toEqual({ area: 'work' });
    expect(parseRoute('#/queue')).toEqual({ area: 'queue' });
    expect(parseRoute('#/quarantine')).toEqual({ area: 'quarantine' });
    expect(parseRoute('#/settings')).toEqual({ area: 'settings' });
    expect(parseRoute('#/diagnostics')).toEqual({ area: 'diagnostics' });
    expect(parseRoute('#/registers')).toEqual({ area: 'registers' });
    expect(parseRoute('#/reports')).toEqual({ area: 'reports' });
    expect(parseRoute('#/drafts/12')).toEqual({ area: 'drafts', documentId: 12 });
    expect(parseRoute('#/inbox/3')).toEqual({ area: 'inbox', documentId: 3 });
    expect(parseRoute('#/sent')).toEqual({ area: 'sent', documentId: null });
    expect(parseRoute('#/drafts/0')).toEqual({ area: 'drafts', documentId: null });
    expect(parseRoute('#/drafts/abc')).toEqual({ area: 'drafts', documentId: null });
    expect(parseRoute('#/nowhere')).toEqual({ area: 'inbox', documentId: null });
    expect(parseRoute('#/search')).toEqual({ area: 'search', params: '' });
    expect(parseRoute('#/search?q=quyet%20dinh&direction=incoming')).toEqual({ area: 'search', params: 'q=quyet%20dinh&direction=incoming' });
  });

  it('round-trips', () => {
    for (const hash of ['#/work', '#/inbox', '#/inbox/4', '#/sent/9', '#/drafts', '#/drafts/7', '#/queue', '#/quarantine', '#/agencies', '#/registers', '#/reports', '#/admin', '#/settings', '#/diagnostics', '#/search', '#/search?q=ke%20hoach']) {
      expect(routeHref(parseRoute(hash))).toBe(hash);
    }
  });

  it('links a document to the box of its direction', () => {
    expect(mailboxOf('incoming')).toBe('inbox');
    expect(mailboxOf('outgoing')).toBe('sent');
    expect(mailboxOf('draft')).toBe('drafts');
    expect(documentHref('outgoing', 5)).toBe('#/sent/5');
    expect(routeHref(areaRoute('inbox'))).toBe('#/inbox');
    expect(routeHref(areaRoute('queue'))).toBe('#/queue');
  });
});
