import { describe, expect, test } from 'vitest';
import { ReplayGuard } from './replay-guard.js';

const SKEW = 10 * 60_000;

describe('the replay guard', () => {
  test('accepts a signature once, and again only as another signature', () => {
    const guard = new ReplayGuard(SKEW);
    const now = 1_700_000_000_000;
    expect(guard.accept('a', now, now)).toBe(true);
    expect(guard.accept('a', now, now + 1000)).toBe(false);
    expect(guard.accept('b', now, now + 1000)).toBe(true);
  });

  test('forgets signatures whose timestamps left the window (the clock check refuses them anyway)', () => {
    const guard = new ReplayGuard(SKEW);
    const now = 1_700_000_000_000;
    for (let i = 0; i < 1000; i++) guard.accept(`old-${i}`, now + i, now + i);
    expect(guard.size).toBe(1000);
    guard.accept('new', now + SKEW + 2000, now + SKEW + 2000);
    expect(guard.size).toBe(1);
  });

  test('keeps its memory bounded under a flood, and never lets a forgotten signature through', () => {
    const guard = new ReplayGuard(SKEW, 1000);
    const now = 1_700_000_000_000;
    for (let i = 0; i < 50_000; i++) expect(guard.accept(`flood-${i}`, now + Math.floor(i / 100), now)).toBe(true);
    expect(guard.size).toBeLessThanOrEqual(1000);
    // flood-0 was forgotten to make room: sent again, its timestamp is at or below what was forgotten.
    expect(guard.accept('flood-0', now, now + 1)).toBe(false);
    expect(guard.accept('flood-49999', now + 499, now + 1)).toBe(false);
    // A request signed now, after the flood, still passes.
    expect(guard.accept('fresh', now + 600, now + 600)).toBe(true);
  });
});
