/**
 * Each signed request is accepted once. The binding's HMAC covers the signed headers only (no
 * body, no nonce), so a captured request can be sent again, word for word, while its timestamp is
 * within the clock window: this remembers every signature seen until its timestamp leaves the
 * window, when the clock check refuses it anyway. Memory is bounded: past `maxEntries` the oldest
 * are forgotten and every timestamp up to theirs is refused from then on, so a forgotten
 * signature can never pass. The limits: docs/reliability.md#replay.
 */
export class ReplayGuard {
  /** Signature → its timestamp, in the order they arrived. */
  private readonly seen = new Map<string, number>();
  /** Timestamps at or below this belong to forgotten signatures: refused. */
  private floor = -Infinity;

  constructor(
    /** How far a timestamp may be from the axis clock (the clock check's skew). */
    private readonly skewMs: number,
    readonly maxEntries = 100_000,
  ) {}

  /** False when `signature` was seen already (a replay), or is too old to be told apart from one. */
  accept(signature: string, timestamp: number, now: number): boolean {
    this.forgetExpired(now);
    if (timestamp <= this.floor || this.seen.has(signature)) return false;
    while (this.seen.size >= this.maxEntries) this.forgetOldest();
    this.seen.set(signature, timestamp);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** From the oldest arrival on, while their timestamps are out of the window (arrival order is nearly timestamp order). */
  private forgetExpired(now: number): void {
    for (const [signature, timestamp] of this.seen) {
      if (timestamp >= now - this.skewMs) return;
      this.seen.delete(signature);
    }
  }

  private forgetOldest(): void {
    const [signature, timestamp] = this.seen.entries().next().value!;
    this.seen.delete(signature);
    this.floor = Math.max(this.floor, timestamp);
  }
}
