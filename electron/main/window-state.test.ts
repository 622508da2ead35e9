/**
 * Where the window reopens, on display layouts a clerk's laptop goes through: docked to a second
 * monitor, undocked, a smaller screen, a monitor to the left (negative coordinates).
 */
import { describe, expect, it, vi } from 'vitest';
import { debounce, DEFAULT_SIZE, MIN_HEIGHT, MIN_WIDTH, parseWindowState, restoreWindowState, type Rect, type WindowState } from './window-state.js';

/** A 1920 × 1080 laptop screen with a 40 px taskbar at the bottom. */
const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
/** A second monitor to the right of it. */
const right: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
/** A monitor to the left: negative x. */
const left: Rect = { x: -1680, y: 0, width: 1680, height: 1010 };
const saved = (bounds: Rect, maximized = false): WindowState => ({ bounds, maximized });
const inside = (rect: Rect, area: Rect) =>
  rect.x >= area.x && rect.y >= area.y && rect.x + rect.width <= area.x + area.width && rect.y + rect.height <= area.y + area.height;

describe('restoreWindowState', () => {
  it('opens a first window at the default size, centred on the primary display', () => {
    expect(restoreWindowState(null, [laptop], laptop)).toEqual({ bounds: { x: 320, y: 110, ...DEFAULT_SIZE }, maximized: false });
  });

  it('puts a window back exactly where it was when that display is still there', () => {
    const onRight = saved({ x: 2100, y: 80, width: 1500, height: 1000 }, true);
    expect(restoreWindowState(onRight, [laptop, right], laptop)).toEqual(onRight);
    const onLeft = saved({ x: -1500, y: 50, width: 1200, height: 800 });
    expect(restoreWindowState(onLeft, [left, laptop], laptop)).toEqual(onLeft);
  });

  it('brings a window from a monitor that is gone onto the primary display, centred, keeping its size and maximized flag', () => {
    const restored = restoreWindowState(saved({ x: 2100, y: 80, width: 1500, height: 1000 }, true), [laptop], laptop);
    expect(restored).toEqual({ bounds: { x: 210, y: 20, width: 1500, height: 1000 }, maximized: true });
    expect(inside(restored.bounds, laptop)).toBe(true);
  });

  it('shrinks a window larger than the display it lands on to that display’s work area (not under the taskbar)', () => {
    const small: Rect = { x: 0, y: 0, width: 1366, height: 728 };
    const restored = restoreWindowState(saved({ x: 100, y: 100, width: 2400, height: 1300 }), [small], small);
    expect(restored.bounds).toEqual(small);
  });

  it('pulls a window half off the edge back inside the display its title bar is on', () => {
    const restored = restoreWindowState(saved({ x: 1500, y: 900, width: 1000, height: 700 }), [laptop], laptop);
    expect(restored.bounds).toEqual({ x: 920, y: 340, width: 1000, height: 700 });
  });

  it('counts a window whose title bar shows only a sliver (under 100 px) as lost, and one above the screen top too', () => {
    const sliver = restoreWindowState(saved({ x: 1860, y: 100, width: 1000, height: 700 }), [laptop], laptop);
    expect(sliver.bounds).toEqual({ x: 460, y: 170, width: 1000, height: 700 });
    const above = restoreWindowState(saved({ x: 200, y: -900, width: 1000, height: 700 }), [laptop], laptop);
    expect(inside(above.bounds, laptop)).toBe(true);
  });

  it('picks the display showing most of the title bar when the window straddles two', () => {
    const straddling = saved({ x: 1500, y: 100, width: 1200, height: 800 });
    const restored = restoreWindowState(straddling, [laptop, right], laptop);
    // 780 px of it on the right monitor against 420 on the laptop: it moves fully onto the right one.
    expect(restored.bounds).toEqual({ x: 1920, y: 100, width: 1200, height: 800 });
  });

  it('never opens below the minimum size of 900 × 600', () => {
    const restored = restoreWindowState(saved({ x: 10, y: 10, width: 300, height: 200 }), [laptop], laptop);
    expect(restored.bounds).toEqual({ x: 10, y: 10, width: MIN_WIDTH, height: MIN_HEIGHT });
  });

  it('keeps the result inside some display for any saved bounds (fuzz over layouts)', () => {
    const layouts = [[laptop], [laptop, right], [left, laptop], [left, laptop, right]];
    for (let seed = 1; seed < 500; seed++) {
      const r = (n: number) => ((seed * 7919 * n) % 6000) - 3000;
      const state = saved({ x: r(1), y: r(2), width: 200 + Math.abs(r(3)), height: 150 + Math.abs(r(4)) });
      for (const areas of layouts) {
        const { bounds } = restoreWindowState(state, areas, laptop);
        expect(areas.some((area) => inside(bounds, area)), JSON.stringify({ state, areas })).toBe(true);
      }
    }
  });
});

describe('parseWindowState', () => {
  it('reads what was saved and refuses anything else', () => {
    const state = saved({ x: -10, y: 0, width: 1000, height: 700 }, true);
    expect(parseWindowState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    for (const bad of [
      undefined,
      null,
      'x',
      {},
      { bounds: { x: 0, y: 0, width: 1000, height: 700 } },
      { bounds: { x: 0, y: 0, width: 1000 }, maximized: false },
      { bounds: { x: 0.5, y: 0, width: 1000, height: 700 }, maximized: false },
      { bounds: { x: 0, y: 0, width: 0, height: 700 }, maximized: false },
      { bounds: { x: '0', y: 0, width: 1000, height: 700 }, maximized: false },
      { bounds: { x: 0, y: 0, width: 1000, height: 700 }, maximized: 'yes' },
    ]) {
      expect(parseWindowState(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe('debounce', () => {
  it('runs once after the last of a burst, and flush runs a pending call at once', () => {
    vi.useFakeTimers();
    try {
      const run = vi.fn();
      const save = debounce(run, 500);
      save();
      vi.advanceTimersByTime(300);
      save();
      vi.advanceTimersByTime(300);
      expect(run).not.toHaveBeenCalled();
      vi.advanceTimersByTime(200);
      expect(run).toHaveBeenCalledTimes(1);
      save();
      save.flush();
      expect(run).toHaveBeenCalledTimes(2);
      save.flush();
      vi.advanceTimersByTime(1000);
      expect(run).toHaveBeenCalledTimes(2);
      save();
      save.cancel();
      vi.advanceTimersByTime(1000);
      expect(run).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
