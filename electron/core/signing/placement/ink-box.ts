/**
 * Where a signature image has ink — its pixels that are not transparent — on the page: the seal
 * goes over the left third of that, and the stamp's text keeps off it. Read from the PNG before
 * the leader signs (the preview), and from the signed PDF's own appearance afterwards, so the
 * agency step and `npm run sign` need nothing but the document.
 */
import { PNG } from 'pngjs';
import { listFormFields, widgetPageNumber } from '../pdf/form-fields.js';
import type { PdfDict} from '../../pdf/objects.js';
import { PdfStream } from '../../pdf/objects.js';
import { readPageGeometry, rectToViewBox, type ViewBox } from '../pdf/page-geometry.js';
import type { PdfReader } from '../../pdf/pdf-reader.js';

/** Alpha at or below this is paper, not ink. */
const CLEAR = 32;

/** The ink of `png` drawn fitted and centred in `box`, as a signature appearance draws it. */
export function inkOfPng(png: Buffer, box: ViewBox): ViewBox {
  const { width, height, data } = PNG.sync.read(png);
  const alpha = new Uint8Array(width * height);
  for (let i = 0; i < alpha.length; i++) alpha[i] = data[i * 4 + 3]!;
  const scale = Math.min(box.width / width, box.height / height);
  const drawn = { x: box.x + (box.width - width * scale) / 2, y: box.y + (box.height - height * scale) / 2, width: width * scale, height: height * scale };
  return inkWithin(drawn, alpha, width, height);
}

/** The signed signature field `fieldName`: its page and the ink of the image its appearance draws (else its whole box). */
export async function inkOfSignature(reader: PdfReader, fieldName: string): Promise<{ page: number; ink: ViewBox } | null> {
  const field = (await listFormFields(reader)).find((candidate) => candidate.fullName === fieldName && candidate.type === 'Sig');
  if (!field?.rect) return null;
  const page = (await widgetPageNumber(reader, field)) ?? 1;
  const box = rectToViewBox(await readPageGeometry(reader, page), field.rect);
  return { page, ink: (await imageInk(reader, field.dict, box).catch(() => null)) ?? box };
}

/** The drawn image of the appearance (`x 0 0 y cm /Im1 Do`, as ours are written) and its soft mask's ink. */
async function imageInk(reader: PdfReader, widget: PdfDict, box: ViewBox): Promise<ViewBox | null> {
  const normal = await reader.resolve((await reader.resolveDict(widget.get('AP'), '/AP')).get('N'));
  if (!(normal instanceof PdfStream)) return null;
  const content = (await reader.readStreamData(normal)).toString('latin1');
  const placed = /([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm \/(\w+) Do/.exec(content);
  if (!placed) return null;
  const [w, h, x, y] = placed.slice(1, 5).map(Number) as [number, number, number, number];
  const xObjects = await reader.resolveDict((await reader.resolveDict(normal.dict.get('Resources'), '/Resources')).get('XObject'), '/XObject');
  const image = await reader.resolve(xObjects.get(placed[5]!));
  if (!(image instanceof PdfStream)) return null;
  // Form space has y upwards from the widget's bottom; the appearance is upright, so it maps onto `box`.
  const drawn = { x: box.x + x, y: box.y + box.height - y - h, width: w, height: h };
  const mask = await reader.resolve(image.dict.get('SMask'));
  const width = image.dict.get('Width');
  const height = image.dict.get('Height');
  if (!(mask instanceof PdfStream) || typeof width !== 'number' || typeof height !== 'number' || (mask.dict as PdfDict).get('BitsPerComponent') !== 8) return drawn;
  const alpha = await reader.readStreamData(mask);
  return alpha.length === width * height ? inkWithin(drawn, alpha, width, height) : drawn;
}

/** The bounding box of the opaque pixels of a width × height alpha plane drawn at `drawn`. */
function inkWithin(drawn: ViewBox, alpha: Uint8Array, width: number, height: number): ViewBox {
  let [minX, minY, maxX, maxY] = [width, height, -1, -1];
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      if (alpha[row * width + column]! <= CLEAR) continue;
      if (column < minX) minX = column;
      if (column > maxX) maxX = column;
      if (row < minY) minY = row;
      if (row > maxY) maxY = row;
    }
  }
  if (maxX < 0) return drawn;
  const sx = drawn.width / width;
  const sy = drawn.height / height;
  return { x: drawn.x + minX * sx, y: drawn.y + minY * sy, width: (maxX + 1 - minX) * sx, height: (maxY + 1 - minY) * sy };
}
