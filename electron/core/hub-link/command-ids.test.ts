import { describe, expect, it } from 'vitest';
import { commandId } from '../../../shared/hub/commands.js';
import { CommandIds } from './command-ids.js';

describe('command ids (UUIDv7)', () => {
  it('are version 7 UUIDs the hub accepts, each larger than the one before within one millisecond', () => {
    const ids = new CommandIds(null, () => 1_765_000_000_000);
    const made = Array.from({ length: 5000 }, () => ids.next());
    for (const id of made.slice(0, 50)) expect(commandId.safeParse(id).success).toBe(true);
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
    // 5000 ids in one millisecond spill into the next ones rather than wrap the counter.
    expect(Number.parseInt(made.at(-1)!.replaceAll('-', '').slice(0, 12), 16)).toBeGreaterThan(1_765_000_000_000);
  });

  it('keep growing after a restart whose clock stepped back', () => {
    const before = new CommandIds(null, () => 1_765_000_100_000);
    const last = before.next();
    const after = new CommandIds(last, () => 1_765_000_000_000);
    const next = after.next();
    expect(next > last).toBe(true);
    expect(commandId.safeParse(next).success).toBe(true);
  });

  it('start in order from a time after the last id', () => {
    const last = new CommandIds(null, () => 1_765_000_000_000).next();
    const next = new CommandIds(last, () => 1_765_000_000_001).next();
    expect(next > last).toBe(true);
  });
});
