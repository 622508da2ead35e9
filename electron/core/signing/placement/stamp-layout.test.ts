import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ViewBox } from '../pdf/page-geometry.js';
import { intersects, layoutStamp, type StampInput } from './stamp-layout.js';

const A4 = { width: 595, height: 842 };
const LINES = ['Ủy ban nhân dân tỉnh Nghệ An', 'vanthu@nghean.gov.vn', '12/03/2026 09:16:30 +07:00'];
/** Times-like: half an em a character. */
const measure = (line: string) => line.length * 0.5;
const base: StampInput = { ink: { x: 360, y: 680, width: 140, height: 45 }, sealSize: 102, page: A4, obstacles: [], lines: LINES, measure };

describe('the agency stamp layout', () => {
  it('puts the seal at its size over the left third of the ink, centred on it', () => {
    const { seal } = layoutStamp(base);
    expect(seal.width).toBe(102);
    expect(seal.x + seal.width).toBeCloseTo(360 + 140 / 3);
    expect(seal.y + seal.height / 2).toBeCloseTo(680 + 45 / 2);
  });

  it('writes the text beside the signature when the page has room there, at 9 pt', () => {
    const layout = layoutStamp({ ...base, ink: { x: 250, y: 600, width: 140, height: 45 } });
    expect(layout.text.x).toBeGreaterThanOrEqual(390);
    expect(layout.fontSize).toBe(9);
    expect(layout.widget).toEqual({ x: layout.seal.x, y: layout.seal.y, width: layout.text.x + layout.text.width - layout.seal.x, height: layout.seal.height });
  });

  it('goes below, past the signer\'s name, when there is no room beside; never over ink or the seal', () => {
    const name: ViewBox = { x: 390, y: 735, width: 85, height: 14 };
    const layout = layoutStamp({ ...base, obstacles: [name] });
    expect(layout.text.y).toBeGreaterThanOrEqual(name.y + name.height);
    for (const box of [base.ink, layout.seal, name]) expect(intersects(layout.text, box)).toBe(false);
  });

  it('whatever the ink, obstacles and page: the text is on the page, off the ink and the seal, and at least 7 pt', () => {
    const box = (maxX: number, maxY: number) =>
      fc.record({ x: fc.integer({ min: 0, max: maxX }), y: fc.integer({ min: 0, max: maxY }), width: fc.integer({ min: 20, max: 200 }), height: fc.integer({ min: 10, max: 80 }) });
    fc.assert(
      fc.property(
        fc.constantFrom(A4, { width: 842, height: 595 }, { width: 612, height: 792 }),
        box(400, 500),
        fc.array(box(500, 800), { maxLength: 30 }),
        fc.integer({ min: 57, max: 170 }),
        (page, ink, obstacles, sealSize) => {
          const layout = layoutStamp({ ...base, page, ink, obstacles, sealSize });
          expect(layout.fontSize).toBeGreaterThanOrEqual(7);
          expect(intersects(layout.text, layout.seal)).toBe(false);
          expect(intersects(layout.text, ink)).toBe(false);
          expect(layout.text.x).toBeGreaterThanOrEqual(0);
          expect(layout.text.y).toBeGreaterThanOrEqual(0);
          expect(layout.text.y + layout.text.height).toBeLessThanOrEqual(page.height);
        },
      ),
      { numRuns: 300 },
    );
  });
});
