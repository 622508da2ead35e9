/**
 * Background work that touches many documents one by one (the verification backlog after a week
 * offline, or at the first start on a seeded folder) would send one `documents.changed` per
 * document, and each makes every open window refetch its lists and the core recount the waiting
 * documents: thousands of list calls that starve the clerk's own. Such changes are gathered and
 * told at most once per window; what the clerk asked for is told at once (`flush`).
 */
import type { ApiEvent } from '../../../shared/api/contract.js';

export const CHANGE_BATCH_WINDOW_MS = 400;

export class ChangeBatcher {
  private readonly ids = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly emit: (event: ApiEvent) => void,
    private readonly windowMs = CHANGE_BATCH_WINDOW_MS,
  ) {}

  /** Told with the others at the end of the window that is open, or of a new one. */
  changed(id: number): void {
    this.ids.add(id);
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Tells what is gathered now, as one event. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.ids.size === 0) return;
    const ids = [...this.ids];
    this.ids.clear();
    this.emit({ type: 'documents.changed', ids });
  }
}
