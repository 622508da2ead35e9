/**
 * The agency's stamp as Decree 30 lays it out (docs/formats.md#signature-layout): the seal at its
 * real size over the left third of the leader's signature image, and the agency's name, email and
 * signing time where they can be read — beside the signature, else below it, else left of the
 * seal, else above — never over the leader's ink or the seal, and off the page's text where there
 * is room (the least text covered where there is none).
 */
import type { ViewBox } from '../pdf/page-geometry.js';

export interface StampInput {
  /** Where the leader's signature has ink, on the page (view space). */
  ink: ViewBox;
  /** The seal's real diameter, in points. */
  sealSize: number;
  page: { width: number; height: number };
  /** Text already on the page (its segments): the stamp's text keeps off it where it can. */
  obstacles: ViewBox[];
  lines: string[];
  /** Width of a line at 1 pt in the stamp's font. */
  measure: (line: string) => number;
}

export interface StampLayout {
  seal: ViewBox;
  text: ViewBox;
  fontSize: number;
  /** The widget: the smallest box holding the seal and the text. */
  widget: ViewBox;
}

/** The text's sizes, largest first: 9 pt reads well beside a seal, 7 pt is still legible on paper. */
const SIZES = [9, 8.5, 8, 7.5, 7];
const LEADING = 1.2;
const GAP = 4;
/** Keep clear of the paper's edge (about 5 mm): printers do not reach it. */
const EDGE = 14;

export function layoutStamp(input: StampInput): StampLayout {
  const { ink, sealSize, page } = input;
  // The seal's right edge on the first third of the signature, centred on it vertically.
  const seal = clampToPage(
    { x: ink.x + ink.width / 3 - sealSize, y: ink.y + ink.height / 2 - sealSize / 2, width: sealSize, height: sealSize },
    page,
  );
  const neverCovered = [ink, seal];
  const lines = input.lines.filter((line) => line.length > 0);
  const widest = Math.max(...lines.map(input.measure), 1e-6);

  let fallback: { text: ViewBox; size: number; overlap: number } | null = null;
  for (const size of SIZES) {
    const width = widest * size + 1;
    const height = lines.length * LEADING * size;
    for (const text of candidates(ink, seal, width, height, page, input.obstacles)) {
      if (!onPage(text, page) || neverCovered.some((box) => intersects(box, text))) continue;
      const overlap = input.obstacles.reduce((sum, box) => sum + overlapArea(box, text), 0);
      if (overlap === 0) return finish(seal, text, size);
      if (!fallback || overlap < fallback.overlap) fallback = { text, size, overlap };
    }
  }
  if (fallback) return finish(seal, fallback.text, fallback.size);
  // A page with no free room at all: below the seal, shrunk to the page's bottom edge.
  const size = SIZES.at(-1)!;
  const text = { x: seal.x, y: Math.min(seal.y + seal.height + GAP, page.height - EDGE - lines.length * LEADING * size), width: widest * size + 1, height: lines.length * LEADING * size };
  return finish(seal, text, size);
}

/** Places to try, in order: beside the signature, below the cluster (stepping past text), left of the seal, above. */
function* candidates(ink: ViewBox, seal: ViewBox, width: number, height: number, page: { width: number; height: number }, obstacles: ViewBox[]): Generator<ViewBox> {
  const right = Math.max(ink.x + ink.width, seal.x + seal.width) + GAP;
  const middle = ink.y + ink.height / 2 - height / 2;
  yield { x: right, y: middle, width, height };
  const clusterBottom = Math.max(ink.y + ink.height, seal.y + seal.height) + GAP;
  const left = Math.max(Math.min(seal.x, ink.x), EDGE);
  const centred = Math.min(Math.max(ink.x + ink.width / 2 - width / 2, EDGE), page.width - EDGE - width);
  // Below: the first free band under the cluster, moving down past each line of text in the way.
  const stops = [clusterBottom, ...obstacles.map((box) => box.y + box.height + GAP).filter((y) => y > clusterBottom)].sort((a, b) => a - b);
  for (const y of stops) {
    yield { x: left, y, width, height };
    yield { x: centred, y, width, height };
  }
  yield { x: seal.x - GAP - width, y: middle, width, height };
  yield { x: left, y: Math.min(ink.y, seal.y) - GAP - height, width, height };
}

function finish(seal: ViewBox, text: ViewBox, fontSize: number): StampLayout {
  const x = Math.min(seal.x, text.x);
  const y = Math.min(seal.y, text.y);
  const widget = { x, y, width: Math.max(seal.x + seal.width, text.x + text.width) - x, height: Math.max(seal.y + seal.height, text.y + text.height) - y };
  return { seal, text, fontSize, widget };
}

function clampToPage(box: ViewBox, page: { width: number; height: number }): ViewBox {
  return { ...box, x: Math.min(Math.max(box.x, 0), Math.max(page.width - box.width, 0)), y: Math.min(Math.max(box.y, 0), Math.max(page.height - box.height, 0)) };
}

function onPage(box: ViewBox, page: { width: number; height: number }): boolean {
  return box.x >= EDGE && box.y >= EDGE && box.x + box.width <= page.width - EDGE && box.y + box.height <= page.height - EDGE;
}

export function intersects(a: ViewBox, b: ViewBox): boolean {
  return overlapArea(a, b) > 0;
}

function overlapArea(a: ViewBox, b: ViewBox): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
