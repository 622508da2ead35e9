import { describe, expect, it } from 'vitest';
import html from './index.html?raw';
import { CONTENT_SECURITY_POLICY } from '../shared/api/transport.js';

function metaCsp(source: string): string[] {
  return [...source.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)].map((m) => m[1]!);
}

describe('renderer/index.html', () => {
  it('carries exactly the shared Content-Security-Policy, once', () => {
    expect(metaCsp(html)).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('is in Vietnamese', () => {
    expect(html).toMatch(/<html\s+lang="vi"/);
  });

  it('has no inline scripts, inline styles or external resources', () => {
    for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(attrs).toMatch(/\bsrc="\.\//);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\s(?:src|href)="(?:https?:)?\/\//i);
  });
});
