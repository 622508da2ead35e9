/**
 * A pause that ends early when something happens: a new command wakes the sender, coming back
 * online wakes the sender's back-off, the end of the link ends both.
 */
export class Wakeup {
  private waiters = new Set<() => void>();
  private pending = false;

  /** Ends the current pause, or the next one at once if none is running (nothing is missed between two pauses). */
  wake(): void {
    if (this.waiters.size === 0) this.pending = true;
    for (const resolve of this.waiters) resolve();
    this.waiters.clear();
  }

  /** Up to `ms` (Infinity: until woken) or until `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (this.pending || signal.aborted) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
