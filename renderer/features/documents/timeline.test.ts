import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../shared/api/documents.js';
import { newestFirst } from './timeline.js';

const entry = (at: string, statusCode: string): TimelineEntry => ({ at, agencyId: 'x', agencyName: null, direction: 'in', statusCode, description: null, internalNote: null });

describe('the timeline', () => {
  it('shows the newest entry first, whatever the zone it was written in', () => {
    const sorted = newestFirst([entry('2026-03-12T02:00:00Z', '01'), entry('2026-03-12T10:30:00+07:00', '03'), entry('2026-03-12T01:00:00Z', '00')]);
    expect(sorted.map((e) => e.statusCode)).toEqual(['03', '01', '00']);
  });

  it('puts the later of two entries with the same time first, and unreadable times last', () => {
    const sorted = newestFirst([entry('bad', 'x'), entry('2026-03-12T02:00:00Z', '01'), entry('2026-03-12T02:00:00Z', '03')]);
    expect(sorted.map((e) => e.statusCode)).toEqual(['03', '01', 'x']);
  });
});
