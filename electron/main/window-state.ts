/**
 * Where the window comes back: the bounds and maximized flag saved when it last moved, was
 * resized or closed, brought onto a display that exists now (a laptop undocked from the monitor
 * the window was on must not open it off screen), never below the minimum size. Pure functions
 * of plain rectangles; window.ts reads the displays and the file.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** The normal (restored) bounds, also while maximized, so that un-maximizing goes back there. */
  bounds: Rect;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
/** Saved at most this often while the clerk drags or resizes. */
export const SAVE_DELAY_MS = 500;
/** A window counts as on a display when at least this much of its title bar area shows there. */
const VISIBLE_MIN = 100;

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/** The saved state, or null when the file held something else (a hand edit, a newer format). */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as Record<string, unknown>;
  if (typeof bounds !== 'object' || bounds === null || typeof maximized !== 'boolean') return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (![x, y, width, height].every(isInteger) || (width as number) <= 0 || (height as number) <= 0) return null;
  return { bounds: { x: x as number, y: y as number, width: width as number, height: height as number }, maximized };
}

function overlap(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.min(a.x + a.width, b.x + b.width) - x, height: Math.min(a.y + a.height, b.y + b.height) - y };
}

/** Fits `size` in `area` and moves `rect` inside it, keeping as much of the position as possible. */
function clampInto(rect: Rect, area: Rect): Rect {
  const width = Math.min(Math.max(rect.width, MIN_WIDTH), area.width);
  const height = Math.min(Math.max(rect.height, MIN_HEIGHT), area.height);
  return {
    x: Math.min(Math.max(rect.x, area.x), area.x + area.width - width),
    y: Math.min(Math.max(rect.y, area.y), area.y + area.height - height),
    width,
    height,
  };
}

/** Centred on the primary display's work area at the default size. */
function defaultBounds(primary: Rect): Rect {
  return clampInto(
    {
      x: primary.x + Math.round((primary.width - DEFAULT_SIZE.width) / 2),
      y: primary.y + Math.round((primary.height - DEFAULT_SIZE.height) / 2),
      ...DEFAULT_SIZE,
    },
    primary,
  );
}

/**
 * The bounds to open the window with. The saved window goes back on the display that shows the
 * most of its top strip (where the title bar is, what the clerk grabs to move it); when no display
 * shows enough of it (the monitor is gone), it opens on the primary display. Either way it is
 * made to fit that display's work area (no part under the taskbar).
 */
export function restoreWindowState(saved: WindowState | null, workAreas: readonly Rect[], primary: Rect): WindowState {
  if (!saved) return { bounds: defaultBounds(primary), maximized: false };
  const titleStrip: Rect = { ...saved.bounds, height: Math.min(saved.bounds.height, 40) };
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const shown = overlap(titleStrip, area);
    const visible = shown.width > 0 && shown.height > 0 ? shown.width * shown.height : 0;
    if (shown.width >= VISIBLE_MIN && visible > bestArea) {
      best = area;
      bestArea = visible;
    }
  }
  const area = best ?? primary;
  const bounds = best ? saved.bounds : { ...saved.bounds, x: area.x + Math.round((area.width - saved.bounds.width) / 2), y: area.y + Math.round((area.height - saved.bounds.height) / 2) };
  return { bounds: clampInto(bounds, area), maximized: saved.maximized };
}

/** Coalesces calls: `run` happens once, `delayMs` after the last call; flush() runs a pending one now. */
export function debounce(run: () => void, delayMs: number): { (): void; flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const call = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      run();
    }, delayMs);
  };
  call.flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    timer = null;
    run();
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return call;
}
