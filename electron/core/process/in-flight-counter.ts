/** Counts operations still running, so something that must not interrupt them can wait for none. */
export class InFlightCounter {
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  get count(): number {
    return this.running;
  }

  async track<T>(operation: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await operation();
    } finally {
      this.running--;
      if (this.running === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Resolves at once when nothing runs, else when the last running operation ends. */
  whenIdle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
