/**
 * "No UI string outside the message table": a coarse scan of the renderer's JSX for literal
 * text between tags and literal user-facing attributes. Anything with a letter in it must come
 * from t().
 */
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob<string>(['./**/*.tsx'], { query: '?raw', import: 'default', eager: true });

const TEXT_BETWEEN_TAGS = /(?:^|[^=])>\s*([^<>{}]*\p{L}[^<>{}]*?)\s*<\//gmu;
const LITERAL_ATTRIBUTE = /\b(?:aria-label|title|placeholder|alt|label)="([^"]*\p{L}[^"]*)"/gu;

describe('renderer UI text', () => {
  it('finds sources to scan', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(5);
  });

  it('has no literal text in JSX: every string comes from shared/i18n/messages.ts', () => {
    const findings: string[] = [];
    for (const [file, source] of Object.entries(sources)) {
      for (const match of source.matchAll(TEXT_BETWEEN_TAGS)) findings.push(`${file}: text "${match[1]}"`);
      for (const match of source.matchAll(LITERAL_ATTRIBUTE)) findings.push(`${file}: attribute "${match[1]}"`);
    }
    expect(findings).toEqual([]);
  });
});
