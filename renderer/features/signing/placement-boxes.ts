/**
 * The clerk's boxes in the viewer (docs/formats.md#signature-layout): boxes are in PDF points
 * from the top-left corner of the page as shown, the viewer draws them at its zoom, and a move
 * keeps them wholly on their page (the core refuses one that is not).
 */
import type { PageBox, PlacementBoxKind, SigningPlacement } from '../../../shared/api/signing.js';

export const BOX_KINDS: readonly PlacementBoxKind[] = ['number', 'date', 'leader'];

/** Points a key press moves a box: fine with the arrows, coarse with Shift. */
export const KEY_STEP = 2;
export const KEY_STEP_LARGE = 12;

/** `box` moved by dx, dy points and kept on a page of width × height points. */
export function moveWithin(box: PageBox, dx: number, dy: number, width: number, height: number): PageBox {
  const w = Math.min(box.width, width);
  const h = Math.min(box.height, height);
  return { ...box, width: w, height: h, x: round(clamp(box.x + dx, 0, width - w)), y: round(clamp(box.y + dy, 0, height - h)) };
}

/** The move an arrow key asks for, or null for any other key. */
export function keyMove(key: string, large: boolean): [number, number] | null {
  const step = large ? KEY_STEP_LARGE : KEY_STEP;
  switch (key) {
    case 'ArrowLeft':
      return [-step, 0];
    case 'ArrowRight':
      return [step, 0];
    case 'ArrowUp':
      return [0, -step];
    case 'ArrowDown':
      return [0, step];
    default:
      return null;
  }
}

/**
 * The boxes shown: the core's proposal with the clerk's moves over it. `ready` once no box is
 * still only a proposal (the document's text did not place it and the clerk has not yet).
 */
export function effectiveBoxes(placement: SigningPlacement, moved: Partial<Record<PlacementBoxKind, PageBox>>) {
  const boxes = BOX_KINDS.map((kind) => {
    const proposed = placement.boxes[kind];
    const own = moved[kind];
    return { kind, box: own ?? proposed.box, source: own ? ('clerk' as const) : proposed.source };
  });
  return { boxes, ready: boxes.every((box) => box.source !== 'missing') };
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), Math.max(min, max));
const round = (value: number) => Math.round(value * 10) / 10;
