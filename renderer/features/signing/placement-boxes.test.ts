import { describe, expect, it } from 'vitest';
import type { SigningPlacement } from '../../../shared/api/signing.js';
import { effectiveBoxes, keyMove, moveWithin } from './placement-boxes.js';

const box = { page: 1, x: 100, y: 100, width: 200, height: 80 };

describe('placement boxes in the viewer', () => {
  it('keeps a moved box wholly on its page', () => {
    expect(moveWithin(box, 10, -20, 595, 842)).toEqual({ ...box, x: 110, y: 80 });
    expect(moveWithin(box, -500, -500, 595, 842)).toMatchObject({ x: 0, y: 0 });
    expect(moveWithin(box, 1000, 1000, 595, 842)).toMatchObject({ x: 395, y: 762 });
    // A box larger than its page (a landscape box moved to a portrait page) shrinks to fit.
    expect(moveWithin({ ...box, width: 700 }, 0, 0, 595, 842)).toMatchObject({ x: 0, width: 595 });
  });

  it('moves by arrow keys, further with Shift', () => {
    expect(keyMove('ArrowLeft', false)).toEqual([-2, 0]);
    expect(keyMove('ArrowDown', true)).toEqual([0, 12]);
    expect(keyMove('Enter', false)).toBeNull();
  });

  it('is ready once every box the text did not give has been placed by the clerk', () => {
    const placement: SigningPlacement = {
      pageCount: 1,
      stamp: null,
      boxes: { number: { box, source: 'text' }, date: { box, source: 'missing' }, leader: { box, source: 'template' } },
    };
    expect(effectiveBoxes(placement, {}).ready).toBe(false);
    const moved = effectiveBoxes(placement, { date: { ...box, x: 300 } });
    expect(moved.ready).toBe(true);
    expect(moved.boxes.find((entry) => entry.kind === 'date')).toEqual({ kind: 'date', box: { ...box, x: 300 }, source: 'clerk' });
  });
});
