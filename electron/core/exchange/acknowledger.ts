/**
 * Acknowledgements to the axis, sent behind the receiving (docs/reliability.md#acknowledging-behind).
 * A package is handed over here only once its rows have committed, so nothing is acknowledged
 * before it is on disk; but its worker does not wait for the axis's answer: it goes on to
 * download the next package while the acknowledgement is on the way. At most `inFlight` are on
 * the way at once; a worker that finds them all taken waits for one to end, so an axis that
 * answers slowly slows the receiving instead of piling calls up.
 *
 * What the axis confirmed is recorded (the inbound record's acknowledged time) in batches, one
 * transaction per batch rather than one per package. The first acknowledgement that fails stops
 * the round: the next hand-over throws it, and so does `finish`. Nothing is lost by that: the
 * package is stored, the axis lists it again, and the next round only acknowledges it
 * (incoming.ts, a package already recorded).
 */
import type { ExchangeStore } from '../store/exchange-store.js';
import type { AxisAckStatus, AxisClient } from './axis-client/types.js';

/** Acknowledgements recorded per commit: one commit per package would cost a disk sync each. */
const RECORD_BATCH = 64;

export interface Acknowledgement {
  docId: string;
  status: AxisAckStatus;
  description?: string;
}

export class Acknowledger {
  private readonly running = new Set<Promise<void>>();
  private confirmed: string[] = [];
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly deps: { client: AxisClient; store: ExchangeStore; now: () => Date },
    private readonly inFlight: number,
  ) {}

  /**
   * Starts the acknowledgement of a committed package and returns once it is on the way (after
   * waiting for room among those in flight). Throws the failure of an earlier one, if any.
   */
  async send(ack: Acknowledgement): Promise<void> {
    while (this.running.size >= this.inFlight && !this.failure) await Promise.race(this.running);
    this.throwFailure();
    const call: Promise<void> = this.deps.client.acknowledge(ack.docId, ack.status, ack.description).then(
      () => {
        this.confirmed.push(ack.docId);
      },
      (error: unknown) => {
        this.failure ??= { error };
      },
    );
    const tracked = call.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    if (this.confirmed.length >= RECORD_BATCH) await this.record();
  }

  /** Waits for every acknowledgement on the way, records what the axis confirmed, then throws the first failure. */
  async finish(): Promise<void> {
    await this.settle();
    this.throwFailure();
  }

  /** Waits for every acknowledgement on the way and records what the axis confirmed; failures stay for `finish`. */
  async settle(): Promise<void> {
    await Promise.all(this.running);
    await this.record();
  }

  private async record(): Promise<void> {
    const batch = this.confirmed.splice(0);
    if (batch.length > 0) await this.deps.store.write((tx) => tx.markAcknowledged(batch, this.deps.now().toISOString()));
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure.error;
  }
}
