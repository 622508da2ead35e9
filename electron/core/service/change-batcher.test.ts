import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../../shared/api/contract.js';
import { ChangeBatcher } from './change-batcher.js';

describe('ChangeBatcher', () => {
  let events: ApiEvent[];
  let batcher: ChangeBatcher;
  beforeEach(() => {
    vi.useFakeTimers();
    events = [];
    batcher = new ChangeBatcher((event) => events.push(event), 400);
  });
  afterEach(() => vi.useRealTimers());

  it('tells a backlog of changes within one window as one event holding every id', () => {
    for (let id = 1; id <= 300; id++) {
      batcher.changed(id);
      vi.advanceTimersByTime(1);
    }
    expect(events).toHaveLength(0);
    vi.advanceTimersByTime(400);
    expect(events).toEqual([{ type: 'documents.changed', ids: Array.from({ length: 300 }, (_, i) => i + 1) }]);
  });

  it('opens a new window for changes after a flush, and tells each id once per window', () => {
    batcher.changed(7);
    batcher.changed(7);
    vi.advanceTimersByTime(400);
    batcher.changed(8);
    vi.advanceTimersByTime(400);
    expect(events).toEqual([
      { type: 'documents.changed', ids: [7] },
      { type: 'documents.changed', ids: [8] },
    ]);
  });

  it('flushes at once on demand, and then says nothing more at the end of the window', () => {
    batcher.changed(1);
    batcher.flush();
    expect(events).toEqual([{ type: 'documents.changed', ids: [1] }]);
    vi.advanceTimersByTime(1000);
    expect(events).toHaveLength(1);
    batcher.flush();
    expect(events).toHaveLength(1);
  });
});
