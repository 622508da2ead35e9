import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './router.js';

describe('hash routes', () => {
  it('parses the areas and a selected document', () => {
    expect(parseRoute('')).toEqual({ area: 'drafts', documentId: null });
    expect(parseRoute('#/agencies')).toEqual({ area: 'agencies' });
    expect(parseRoute('#/drafts/12')).toEqual({ area: 'drafts', documentId: 12 });
    expect(parseRoute('#/drafts/0')).toEqual({ area: 'drafts', documentId: null });
    expect(parseRoute('#/drafts/abc')).toEqual({ area: 'drafts', documentId: null });
    expect(parseRoute('#/nowhere')).toEqual({ area: 'drafts', documentId: null });
  });

  it('round-trips', () => {
    for (const hash of ['#/drafts', '#/drafts/7', '#/agencies']) expect(routeHref(parseRoute(hash))).toBe(hash);
  });
});
