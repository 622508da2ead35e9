import { afterEach, describe, expect, it, vi } from 'vitest';
import { createArrivalBatcher, summarizeArrivals, type Arrival } from './arrivals.js';

const arrival = (id: number, priority = 0): Arrival => ({ id, subject: `V/v số ${id}`, senderName: 'UBND tỉnh Nghệ An', priority });

describe('arrival notices', () => {
  it('names a single document, urgent from Khẩn up', () => {
    expect(summarizeArrivals([arrival(1)])).toEqual({ kind: 'single', arrival: arrival(1), urgent: false });
    expect(summarizeArrivals([arrival(2, 1)])).toMatchObject({ kind: 'single', urgent: true });
    expect(summarizeArrivals([arrival(3, 4)])).toMatchObject({ kind: 'single', urgent: true });
  });

  it('counts a burst, and the urgent ones in it', () => {
    expect(summarizeArrivals([arrival(1), arrival(2, 3), arrival(3, 2)])).toEqual({ kind: 'many', count: 3, urgentCount: 2 });
    expect(summarizeArrivals([])).toBeNull();
  });
});

describe('arrival batching', () => {
  afterEach(() => vi.useRealTimers());

  it('groups arrivals that come close together, and drops repeats', () => {
    vi.useFakeTimers();
    const batches: Arrival[][] = [];
    const batcher = createArrivalBatcher((batch) => batches.push(batch), 800, 3000);
    batcher.push(arrival(1));
    vi.advanceTimersByTime(500);
    batcher.push(arrival(2));
    batcher.push(arrival(2));
    vi.advanceTimersByTime(799);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[arrival(1), arrival(2)]]);
    batcher.push(arrival(3));
    vi.advanceTimersByTime(800);
    expect(batches).toHaveLength(2);
  });

  it('does not wait forever during a steady stream', () => {
    vi.useFakeTimers();
    const batches: Arrival[][] = [];
    const batcher = createArrivalBatcher((batch) => batches.push(batch), 800, 3000);
    for (let i = 1; i <= 10; i++) {
      batcher.push(arrival(i));
      vi.advanceTimersByTime(500);
    }
    expect(batches.length).toBeGreaterThanOrEqual(1);
    expect(batches[0]!.length).toBeLessThan(10);
    batcher.dispose();
  });
});
