import { describe, expect, it } from 'vitest';
import { limited } from './exchange-round.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('limited', () => {
  it('never runs more than its limit, even when work asks in the moment a turn ends', async () => {
    // The moment between a turn ending and the next waiting work taking it is a few microtasks
    // long: the new work asks after each number of them in turn.
    for (let delay = 0; delay < 10; delay++) {
      const inTurn = limited(1);
      let running = 0;
      let most = 0;
      const releases: (() => void)[] = [];
      const work = () =>
        inTurn(async () => {
          most = Math.max(most, ++running);
          await new Promise<void>((resolve) => releases.push(resolve));
          running--;
        });
      const all = [work(), work()];
      await tick();
      releases.shift()!();
      for (let step = 0; step < delay; step++) await Promise.resolve();
      all.push(work());
      // The second and the third end in turn, as each gets to run.
      for (let ending = 0; ending < 2; ending++) {
        while (releases.length === 0) await tick();
        releases.shift()!();
      }
      await Promise.all(all);
      expect({ delay, most }).toEqual({ delay, most: 1 });
    }
  });

  it('takes the waiting work in the order it asked', async () => {
    const inTurn = limited(1);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => inTurn(async () => void order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });
});
