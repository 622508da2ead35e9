/**
 * A page as the reader sees it: its visible box (CropBox, else MediaBox, both inherited through
 * the page tree) turned by /Rotate. Placement works in that upright "view space" — points from the
 * top-left corner of the page as shown, y downwards, as pdf.js and the in-app viewer draw it — and
 * this module turns view boxes into the PDF's user-space rectangles and back. Appearances are drawn
 * upright in their own space and given the /Matrix that turns them with the page
 * (docs/formats.md#signature-layout).
 */
import { findPage } from '../../pdf/acro-form.js';
import type { PdfDict} from '../../pdf/objects.js';
import { PdfFormatError } from '../../pdf/objects.js';
import { PdfReader } from '../../pdf/pdf-reader.js';

/** [llx lly urx ury] in user space. */
export type Rect = [number, number, number, number];

export type PageRotation = 0 | 90 | 180 | 270;

/** Points in view space: from the top-left corner of the page as shown, upright. */
export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageGeometry {
  /** The visible box in user space, normalised (llx < urx, lly < ury). */
  box: Rect;
  rotate: PageRotation;
  /** The page's size as shown (width and height swap at 90 and 270). */
  width: number;
  height: number;
}

const A4: Rect = [0, 0, 595.276, 841.89];

export async function readPageGeometry(reader: PdfReader, pageNumber: number): Promise<PageGeometry> {
  const inherited = async (key: string): Promise<unknown> => {
    let node: PdfDict | undefined = (await findPage(reader, pageNumber)).dict;
    for (let depth = 0; node && depth < 64; depth++) {
      const value = await reader.resolve(node.get(key));
      if (value !== undefined && value !== null) return value;
      const parent = node.get('Parent');
      node = parent === undefined ? undefined : await reader.resolveDict(parent, 'page tree node');
    }
    return undefined;
  };
  const media = asRect(await inherited('MediaBox')) ?? A4;
  const crop = asRect(await inherited('CropBox'));
  return geometryOf(crop ? intersect(crop, media) : media, await inherited('Rotate'));
}

/** One page's geometry, read from a file. */
export async function pageGeometry(filePath: string, pageNumber: number): Promise<PageGeometry> {
  const reader = await PdfReader.open(filePath);
  try {
    return await readPageGeometry(reader, pageNumber);
  } finally {
    await reader.close();
  }
}

export function geometryOf(box: Rect, rotateValue: unknown): PageGeometry {
  const rotate = normaliseRotation(rotateValue);
  const [llx, lly, urx, ury] = box;
  const turned = rotate === 90 || rotate === 270;
  return { box, rotate, width: turned ? ury - lly : urx - llx, height: turned ? urx - llx : ury - lly };
}

/** /Rotate is a multiple of 90, possibly negative or above 360; anything else counts as 0 (as viewers do). */
export function normaliseRotation(value: unknown): PageRotation {
  if (typeof value !== 'number' || !Number.isInteger(value) || value % 90 !== 0) return 0;
  return (((value % 360) + 360) % 360) as PageRotation;
}

/** A user-space point as shown: view coordinates from the top-left corner. */
export function toView(geometry: PageGeometry, x: number, y: number): [number, number] {
  const [llx, lly, urx, ury] = geometry.box;
  switch (geometry.rotate) {
    case 0:
      return [x - llx, ury - y];
    case 90:
      return [y - lly, x - llx];
    case 180:
      return [urx - x, y - lly];
    case 270:
      return [ury - y, urx - x];
  }
}

/** A view point back in user space. */
export function toUser(geometry: PageGeometry, u: number, v: number): [number, number] {
  const [llx, lly, urx, ury] = geometry.box;
  switch (geometry.rotate) {
    case 0:
      return [u + llx, ury - v];
    case 90:
      return [v + llx, u + lly];
    case 180:
      return [urx - u, v + lly];
    case 270:
      return [urx - v, ury - u];
  }
}

export function viewBoxToRect(geometry: PageGeometry, box: ViewBox): Rect {
  const [x1, y1] = toUser(geometry, box.x, box.y);
  const [x2, y2] = toUser(geometry, box.x + box.width, box.y + box.height);
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

export function rectToViewBox(geometry: PageGeometry, [x1, y1, x2, y2]: Rect): ViewBox {
  const [u1, v1] = toView(geometry, x1, y1);
  const [u2, v2] = toView(geometry, x2, y2);
  return { x: Math.min(u1, u2), y: Math.min(v1, v2), width: Math.abs(u2 - u1), height: Math.abs(v2 - v1) };
}

/** The size an appearance of a widget at `rect` has when drawn upright: width and height swap at 90 and 270. */
export function uprightSize(rotate: PageRotation, [x1, y1, x2, y2]: Rect): { width: number; height: number } {
  const w = Math.abs(x2 - x1);
  const h = Math.abs(y2 - y1);
  return rotate === 90 || rotate === 270 ? { width: h, height: w } : { width: w, height: h };
}

/**
 * The /Matrix of an appearance drawn upright in a width × height box, for a page turned by
 * `rotate`: it turns the appearance against the page's rotation, so the reader sees it upright
 * (ISO 32000-1 §12.5.5 then fits the turned box into the widget's /Rect). Absent at 0.
 */
export function uprightMatrix(rotate: PageRotation, width: number, height: number): number[] | undefined {
  switch (rotate) {
    case 0:
      return undefined;
    case 90:
      return [0, 1, -1, 0, height, 0];
    case 180:
      return [-1, 0, 0, -1, width, height];
    case 270:
      return [0, -1, 1, 0, 0, width];
  }
}

/** Whether `box` lies on a page of `width` × `height` (view space), with `tolerance` points of slack. */
export function insidePage(box: ViewBox, width: number, height: number, tolerance = 0.5): boolean {
  return box.x >= -tolerance && box.y >= -tolerance && box.x + box.width <= width + tolerance && box.y + box.height <= height + tolerance && box.width > 0 && box.height > 0;
}

function asRect(value: unknown): Rect | undefined {
  if (!Array.isArray(value) || value.length !== 4 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const [a, b, c, d] = value as number[];
  const rect: Rect = [Math.min(a!, c!), Math.min(b!, d!), Math.max(a!, c!), Math.max(b!, d!)];
  return rect[2] - rect[0] > 0 && rect[3] - rect[1] > 0 ? rect : undefined;
}

function intersect(a: Rect, b: Rect): Rect {
  const rect: Rect = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  if (rect[2] <= rect[0] || rect[3] <= rect[1]) throw new PdfFormatError('the page has a CropBox outside its MediaBox');
  return rect;
}
