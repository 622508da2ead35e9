/**
 * Visible signature appearances (NĐ 30/2020, Appendix I): the Form XObject a signature widget
 * shows (/AP /N), written in the same update as the placeholder so the signature covers it.
 * - an image (the leader's blue signature), scaled to fit and centred;
 * - an image and lines of text in boxes of their own (the agency's red seal and its text, laid out
 *   by placement/stamp-layout.ts), or an image at a fixed size on the left with the text to its
 *   right (`npm run sign --agency` in a box of the user's choice);
 * - text only (the agency signature on attachment files, the filled number and date fields).
 * Drawn upright in width × height; on a turned page the /Matrix turns it with the page.
 * PNGs become image XObjects with an /SMask for their alpha; text uses an embedded TrueType subset
 * (Type0 / CIDFontType2, Identity-H, /W and /ToUnicode so the text stays extractable).
 */
import { deflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { PNG } from 'pngjs';
import { dict, name, PdfString, type PdfRef } from '../../pdf/objects.js';
import type { FormUpdate } from '../../pdf/acro-form.js';
import { uprightMatrix, type PageRotation, type ViewBox } from './page-geometry.js';

export type TextAlign = 'left' | 'center' | 'right';

export interface SignatureAppearance {
  /** A PNG (any colour type; alpha becomes a soft mask). */
  image?: Buffer;
  /** The image's drawn width in points (its height follows the aspect); absent: fit the box, centred. */
  imageWidth?: number;
  /** Where the image is drawn, fitted and centred (points from the widget's top-left, upright); wins over imageWidth. */
  imageBox?: ViewBox;
  /** Lines of text, beside the image when there is one. */
  lines?: string[];
  /** Where the text goes (points from the widget's top-left, upright); absent: beside the image, else the whole widget. */
  textBox?: ViewBox;
  /** A TrueType font covering the text (Vietnamese). */
  font?: Buffer;
  /** Largest font size; the text shrinks to fit the box. */
  fontSize?: number;
  /** RGB, 0–1. */
  textColor?: [number, number, number];
  /** Text alignment in its box; left by default. */
  align?: TextAlign;
  /** Paints the whole widget in this colour first (RGB, 0–1): a filled field covers the blank or dots it was placed on. */
  background?: [number, number, number];
}

const GAP = 3;
const MIN_FONT_SIZE = 4;

/**
 * Adds the appearance's objects to `update` and returns the Form XObject for a widget shown
 * width × height (upright); on a page turned by `rotate`, the /Matrix turns it with the page.
 */
export function addAppearance(update: FormUpdate, appearance: SignatureAppearance, width: number, height: number, rotate: PageRotation = 0): PdfRef {
  const xObjects = dict({});
  const fonts = dict({});
  const ops: string[] = [];
  let textArea: ViewBox = { x: 0, y: 0, width, height };

  if (appearance.background) {
    const [r, g, b] = appearance.background;
    ops.push(`q ${num(r)} ${num(g)} ${num(b)} rg 0 0 ${num(width)} ${num(height)} re f Q`);
  }

  if (appearance.image) {
    const image = addPngImage(update, appearance.image);
    xObjects.set('Im1', image.ref);
    const placed = placeImage(appearance, image, width, height);
    if (appearance.imageWidth !== undefined && !appearance.imageBox) textArea = { x: placed.w + GAP, y: 0, width: Math.max(width - placed.w - GAP, 1), height };
    ops.push(`q ${num(placed.w)} 0 0 ${num(placed.h)} ${num(placed.x)} ${num(placed.y)} cm /Im1 Do Q`);
  }
  if (appearance.textBox) textArea = appearance.textBox;

  const lines = (appearance.lines ?? []).map((line) => line.normalize('NFC')).filter((line) => line.length > 0);
  if (lines.length > 0) {
    if (!appearance.font) throw new Error('a signature appearance with text needs a font');
    const font = embedFont(update, appearance.font, lines.join(''));
    fonts.set('F1', font.ref);
    const size = fittingFontSize(lines, font.width, textArea, appearance.fontSize ?? 10);
    const leading = size * LEADING;
    // The block is centred vertically in its area; y runs upwards inside the form.
    const areaTop = height - textArea.y;
    const firstBaseline = areaTop - (textArea.height - lines.length * leading) / 2 - size * ASCENT;
    const [r, g, b] = appearance.textColor ?? [0, 0, 0];
    ops.push(`BT /F1 ${num(size)} Tf ${num(r)} ${num(g)} ${num(b)} rg`);
    lines.forEach((line, i) => {
      const room = Math.max(0, textArea.width - font.width(line) * size);
      const indent = appearance.align === 'center' ? room / 2 : appearance.align === 'right' ? room : 0;
      ops.push(`1 0 0 1 ${num(textArea.x + indent)} ${num(firstBaseline - i * leading)} Tm <${font.encode(line)}> Tj`);
    });
    ops.push('ET');
  }

  const resources = dict({});
  if (xObjects.entries.size > 0) resources.set('XObject', xObjects);
  if (fonts.entries.size > 0) resources.set('Font', fonts);
  const content = deflateSync(Buffer.from(ops.join('\n'), 'latin1'));
  const form = dict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, width, height], Resources: resources, Filter: name('FlateDecode') });
  const matrix = uprightMatrix(rotate, width, height);
  if (matrix) form.set('Matrix', matrix);
  return update.add(form, content);
}

/** Line height over font size, and the part of it above the baseline (Times-like metrics). */
const LEADING = 1.2;
const ASCENT = 0.9;

/** The largest size up to `preferred` at which every line fits the area's width and all lines its height. */
export function fittingFontSize(lines: string[], widthOf: (line: string) => number, area: ViewBox, preferred: number): number {
  const widest = Math.max(...lines.map(widthOf), 1e-6);
  return Math.max(MIN_FONT_SIZE, Math.min(preferred, area.width / widest, area.height / (lines.length * LEADING)));
}

/** The image's drawn rectangle in form space (y upwards). */
function placeImage(appearance: SignatureAppearance, image: { width: number; height: number }, width: number, height: number): { x: number; y: number; w: number; h: number } {
  if (appearance.imageBox) {
    const box = appearance.imageBox;
    const scale = Math.min(box.width / image.width, box.height / image.height);
    const w = image.width * scale;
    const h = image.height * scale;
    return { x: box.x + (box.width - w) / 2, y: height - box.y - box.height + (box.height - h) / 2, w, h };
  }
  if (appearance.imageWidth !== undefined) {
    const w = appearance.imageWidth;
    const h = (w * image.height) / image.width;
    return { x: 0, y: (height - h) / 2, w, h };
  }
  const scale = Math.min(width / image.width, height / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  return { x: (width - w) / 2, y: (height - h) / 2, w, h };
}

/** A PNG as an 8-bit RGB image XObject with an 8-bit gray /SMask, both Flate-compressed. */
export function addPngImage(update: FormUpdate, png: Buffer): { ref: PdfRef; width: number; height: number } {
  // pngjs expands every colour type and bit depth to 8-bit RGBA.
  const { width, height, data } = PNG.sync.read(png);
  const pixels = width * height;
  const rgb = Buffer.alloc(pixels * 3);
  const alpha = Buffer.alloc(pixels);
  for (let i = 0; i < pixels; i++) {
    rgb[i * 3] = data[i * 4]!;
    rgb[i * 3 + 1] = data[i * 4 + 1]!;
    rgb[i * 3 + 2] = data[i * 4 + 2]!;
    alpha[i] = data[i * 4 + 3]!;
  }
  const image = (colorSpace: string) =>
    dict({ Type: name('XObject'), Subtype: name('Image'), Width: width, Height: height, ColorSpace: name(colorSpace), BitsPerComponent: 8, Filter: name('FlateDecode') });
  const sMask = update.add(image('DeviceGray'), deflateSync(alpha));
  const ref = update.add(image('DeviceRGB').set('SMask', sMask), deflateSync(rgb));
  return { ref, width, height };
}

interface EmbeddedFont {
  ref: PdfRef;
  /** Advance width of a line in text space units per point of font size. */
  width(text: string): number;
  /** The line as hex CIDs (Identity-H, two bytes each). */
  encode(text: string): string;
}

/** Embeds a subset of a TrueType font with the glyphs of `text`; CIDs are the subset's glyph ids. */
export function embedFont(update: FormUpdate, fontFile: Buffer, text: string): EmbeddedFont {
  const font = fontkit.create(fontFile);
  if (!('glyphsForString' in font)) throw new Error('a font collection cannot be embedded; choose a single .ttf');
  const scale = 1000 / font.unitsPerEm;
  const subset = font.createSubset();
  // The mapping is fontkit's: glyph 0 (.notdef) first, then each glyph in order of inclusion.
  const cids = new Map<number, number>();
  const widths = new Map<number, number>();
  const unicode = new Map<number, string>();
  for (const char of text) {
    const glyph = font.glyphsForString(char)[0];
    if (!glyph || cids.has(glyph.id)) continue;
    const cid = subset.includeGlyph(glyph) as unknown as number;
    cids.set(glyph.id, cid);
    widths.set(cid, Math.round(glyph.advanceWidth * scale));
    unicode.set(cid, char);
  }
  const cidsOf = (line: string) => [...line].map((char) => cids.get(font.glyphsForString(char)[0]?.id ?? 0) ?? 0);

  const fontData = Buffer.from(subset.encode());
  const tag = subsetTag(fontData);
  const baseName = `${tag}+${font.postscriptName.replace(/[^A-Za-z0-9-]/g, '')}`;
  const fontFile2 = update.add(dict({ Length1: fontData.length, Filter: name('FlateDecode') }), deflateSync(fontData));
  const bbox = font.bbox;
  const descriptor = update.add(
    dict({
      Type: name('FontDescriptor'),
      FontName: name(baseName),
      // Symbolic: the subset's glyphs are reached through CIDs, not a standard encoding.
      Flags: 4,
      FontBBox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)),
      ItalicAngle: font.italicAngle,
      Ascent: Math.round(font.ascent * scale),
      Descent: Math.round(font.descent * scale),
      CapHeight: Math.round((font.capHeight || font.ascent) * scale),
      StemV: 80,
      FontFile2: fontFile2,
    }),
  );
  const sortedCids = [...widths.keys()].sort((a, b) => a - b);
  const cidFont = update.add(
    dict({
      Type: name('Font'),
      Subtype: name('CIDFontType2'),
      BaseFont: name(baseName),
      CIDSystemInfo: dict({ Registry: ascii('Adobe'), Ordering: ascii('Identity'), Supplement: 0 }),
      FontDescriptor: descriptor,
      W: sortedCids.flatMap((cid) => [cid, [widths.get(cid)!]]),
      CIDToGIDMap: name('Identity'),
    }),
  );
  const toUnicode = update.add(dict({ Filter: name('FlateDecode') }), deflateSync(Buffer.from(toUnicodeCMap(unicode), 'latin1')));
  const ref = update.add(
    dict({ Type: name('Font'), Subtype: name('Type0'), BaseFont: name(baseName), Encoding: name('Identity-H'), DescendantFonts: [cidFont], ToUnicode: toUnicode }),
  );
  return {
    ref,
    width: (line) => cidsOf(line).reduce((sum, cid) => sum + (widths.get(cid) ?? 0), 0) / 1000,
    encode: (line) => cidsOf(line).map((cid) => cid.toString(16).padStart(4, '0')).join(''),
  };
}

function toUnicodeCMap(unicode: Map<number, string>): string {
  const entries = [...unicode].map(([cid, char]) => `<${cid.toString(16).padStart(4, '0')}> <${Buffer.from(char, 'utf16le').swap16().toString('hex')}>`);
  const chunks: string[] = [];
  // At most 100 entries per beginbfchar block (PDF CMap syntax).
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    chunks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** Six capital letters derived from the subset's bytes (ISO 32000-1 §9.6.4). */
function subsetTag(data: Buffer): string {
  let hash = 0;
  for (const byte of data) hash = (hash * 31 + byte) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (hash % 26));
    hash = Math.floor(hash / 26) + (i + 1) * 7919;
  }
  return tag;
}

const ascii = (text: string) => new PdfString(Buffer.from(text, 'latin1'));

const num = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/0+$/, '').replace(/\.$/, ''));
