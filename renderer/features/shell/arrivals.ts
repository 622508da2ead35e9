/**
 * New incoming documents, announced calmly: arrivals within a short window are grouped, so that
 * a burst after a night offline gives one notice ("37 văn bản mới đến") rather than 37.
 */
import type { ApiEvent } from '../../../shared/api/contract.js';

export type Arrival = Omit<Extract<ApiEvent, { type: 'document.arrived' }>, 'type'>;

export type ArrivalNotice = { kind: 'single'; arrival: Arrival; urgent: boolean } | { kind: 'many'; count: number; urgentCount: number };

/** Khẩn and above (priority ≥ 1) are handled at once (docs/formats.md#decree-30). */
export function isUrgent(priority: number): boolean {
  return priority >= 1;
}

export function summarizeArrivals(arrivals: readonly Arrival[]): ArrivalNotice | null {
  const [first] = arrivals;
  if (!first) return null;
  if (arrivals.length === 1) return { kind: 'single', arrival: first, urgent: isUrgent(first.priority) };
  return { kind: 'many', count: arrivals.length, urgentCount: arrivals.filter((arrival) => isUrgent(arrival.priority)).length };
}

export interface ArrivalBatcher {
  push(arrival: Arrival): void;
  dispose(): void;
}

/** Collects arrivals and hands them over once none came for `delayMs`, at most `maxWaitMs` after the first. */
export function createArrivalBatcher(onFlush: (arrivals: Arrival[]) => void, delayMs = 800, maxWaitMs = 3_000): ArrivalBatcher {
  let pending: Arrival[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstAt = 0;

  const flush = () => {
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length > 0) onFlush(batch);
  };

  return {
    push(arrival) {
      if (pending.length === 0) firstAt = Date.now();
      if (pending.some((seen) => seen.id === arrival.id)) return;
      pending.push(arrival);
      if (timer !== null) clearTimeout(timer);
      const wait = Math.max(0, Math.min(delayMs, firstAt + maxWaitMs - Date.now()));
      timer = setTimeout(flush, wait);
    },
    dispose() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = [];
    },
  };
}
