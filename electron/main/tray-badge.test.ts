/**
 * The badge drawn on the real tray icon of assets/, decoded again with pngjs: the pixels say
 * where the count is and that the rest of the icon is untouched.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { assetPath } from '../core/signing/assets.js';
import { badgeLabel, ICON_SIZE, overlayBadge, TRAY_ICON, trayIconWithBadge } from './tray-badge.js';

const icon = readFileSync(assetPath(TRAY_ICON));
const decode = (png: Buffer) => PNG.sync.read(png);
const pixel = (png: PNG, x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];
const RED = [200, 30, 30, 255];
const WHITE = [255, 255, 255, 255];

/** Pixels that differ between two images of the same size, as [x, y]. */
function changed(a: PNG, b: PNG): [number, number][] {
  const out: [number, number][] = [];
  for (let y = 0; y < a.height; y++) for (let x = 0; x < a.width; x++) if (pixel(a, x, y).join() !== pixel(b, x, y).join()) out.push([x, y]);
  return out;
}

describe('badgeLabel', () => {
  it('is empty without documents, the number up to 99, then 99+', () => {
    expect([0, -3, Number.NaN, 1, 9, 42, 99, 100, 12_345].map(badgeLabel)).toEqual(['', '', '', '1', '9', '42', '99', '99+', '99+']);
  });
});

describe('trayIconWithBadge', () => {
  const plain = decode(icon);

  it('leaves the icon as it is when nothing waits', () => {
    expect(changed(decode(trayIconWithBadge(icon, 0)), plain)).toEqual([]);
  });

  it('draws the count in white on red in the lower half only, where the pill sits at the right edge', () => {
    for (const count of [7, 42, 150]) {
      const badged = decode(trayIconWithBadge(icon, count));
      expect(badged.width).toBe(ICON_SIZE);
      const diff = changed(badged, plain);
      expect(diff.length, String(count)).toBeGreaterThan(0);
      expect(diff.every(([, y]) => y >= ICON_SIZE / 2), String(count)).toBe(true);
      const colours = new Set(diff.map(([x, y]) => pixel(badged, x, y).join()));
      expect([...colours].sort()).toEqual([RED.join(), WHITE.join()].sort());
      // The pill's right end, mid-height, is red: the badge hugs the corner.
      expect(pixel(badged, ICON_SIZE - 2, ICON_SIZE * 0.75)).toEqual(RED);
    }
  });

  it('widens the pill for more digits, and draws the same picture for every count past the cap', () => {
    const width = (count: number) => {
      const badged = decode(trayIconWithBadge(icon, count));
      const xs = changed(badged, plain).map(([x]) => x);
      return ICON_SIZE - Math.min(...xs);
    };
    expect(width(5)).toBeLessThan(width(55));
    expect(width(55)).toBeLessThan(width(555));
    expect(width(555)).toBeLessThanOrEqual(ICON_SIZE);
    expect(trayIconWithBadge(icon, 100).equals(trayIconWithBadge(icon, 9999))).toBe(true);
    expect(trayIconWithBadge(icon, 41).equals(trayIconWithBadge(icon, 42))).toBe(false);
  });

  it('refuses an icon of another size, which would show blurred', () => {
    const other = PNG.sync.write(new PNG({ width: 16, height: 16 }));
    expect(() => trayIconWithBadge(other, 3)).toThrow(/32 × 32/);
  });
});

describe('overlayBadge', () => {
  it('clears the overlay (null) when nothing waits', () => {
    expect(overlayBadge(0)).toBeNull();
  });

  it('is a red disc with white digits on a transparent square', () => {
    const overlay = decode(overlayBadge(3)!);
    expect([overlay.width, overlay.height]).toEqual([ICON_SIZE, ICON_SIZE]);
    expect(pixel(overlay, 0, 0)[3]).toBe(0);
    expect(pixel(overlay, 3, ICON_SIZE / 2)).toEqual(RED);
    const colours = new Set<string>();
    for (let y = 0; y < ICON_SIZE; y++) for (let x = 0; x < ICON_SIZE; x++) if (pixel(overlay, x, y)[3] !== 0) colours.add(pixel(overlay, x, y).join());
    expect([...colours].sort()).toEqual([RED.join(), WHITE.join()].sort());
    expect(overlayBadge(100)!.equals(overlayBadge(101)!)).toBe(true);
  });
});
