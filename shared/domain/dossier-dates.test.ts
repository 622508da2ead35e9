import { describe, expect, it } from 'vitest';
import { handoverDue, handoverDueSoon, handoverRequired, retentionEnds } from './dossier-dates.js';

describe('dossier dates', () => {
  it('hands over dossiers kept five years or more, and permanent ones', () => {
    expect(handoverRequired(null)).toBe(true);
    expect(handoverRequired(5)).toBe(true);
    expect(handoverRequired(4)).toBe(false);
  });

  it('is due one year after the work ended, 29 February giving 28 February', () => {
    expect(handoverDue('2026-12-05')).toBe('2027-12-05');
    expect(handoverDue('2028-02-29')).toBe('2029-02-28');
  });

  it('warns from 30 days before the deadline on', () => {
    expect(handoverDueSoon('2027-12-05', '2027-11-04')).toBe(false);
    expect(handoverDueSoon('2027-12-05', '2027-11-05')).toBe(true);
    expect(handoverDueSoon('2027-12-05', '2028-01-01')).toBe(true);
  });

  it('keeps a dossier until the end of the year the period ends in; permanent ones for ever', () => {
    expect(retentionEnds('2026-12-05', 10)).toBe('2036-12-31');
    expect(retentionEnds('2026-12-05', null)).toBeNull();
  });
});
