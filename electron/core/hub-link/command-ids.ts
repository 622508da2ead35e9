/**
 * Command ids made at the desk: UUIDv7 (RFC 9562), time-ordered so that the hub and the desk
 * order one desk's commands by id. Node's crypto makes only version 4. Within one millisecond,
 * and when the clock steps back (an NTP correction, a desk whose clock was wrong), the 12 bits
 * after the time count up from the last id (the RFC's "fixed-length dedicated counter"), and the
 * time never goes below the last id's: each id is larger than the one before, also across restarts
 * when `last` is the largest id the desk has stored.
 */
import { randomBytes } from 'node:crypto';

const COUNTER_MAX = 0xfff;

export class CommandIds {
  private lastMs: number;
  private counter: number;

  constructor(last: string | null, private readonly now: () => number = Date.now) {
    const parsed = last ? parseV7(last) : null;
    this.lastMs = parsed?.ms ?? -1;
    this.counter = parsed?.counter ?? 0;
  }

  next(): string {
    let ms = this.now();
    if (ms > this.lastMs) {
      // A fresh millisecond starts the counter low and random, leaving room to count up.
      this.counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
    } else {
      ms = this.lastMs;
      this.counter++;
      if (this.counter > COUNTER_MAX) {
        ms++;
        this.counter = 0;
      }
    }
    this.lastMs = ms;
    const bytes = randomBytes(16);
    bytes.writeUIntBE(ms, 0, 6);
    bytes[6] = 0x70 | (this.counter >> 8);
    bytes[7] = this.counter & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

function parseV7(id: string): { ms: number; counter: number } | null {
  const hex = id.replaceAll('-', '');
  if (!/^[0-9a-f]{12}7[0-9a-f]{3}/.test(hex)) return null;
  return { ms: Number.parseInt(hex.slice(0, 12), 16), counter: Number.parseInt(hex.slice(13, 16), 16) };
}
