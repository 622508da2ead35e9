/**
 * Visible signature appearances (NĐ 30/2020, Appendix I): the Form XObject a signature widget
 * shows (/AP /N), written in the same update as the placeholder so the signature covers it.
 * - an image (the leader's blue signature), scaled to fit and centred;
 * - an image at a fixed size on the left (the agency's red seal) with lines of text to its right;
 * - text only (the agency signature on attachment files).
 * PNGs become image XObjects with an /SMask for their alpha; text uses an embedded TrueType subset
 * (Type0 / CIDFontType2, Identity-H, /W and /ToUnicode so the text stays extractable).
 */
import { deflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { PNG } from 'pngjs';
import { dict, name, PdfString, type PdfRef } from './objects.js';
import type { FormUpdate } from './acro-form.js';

export interface SignatureAppearance {
  /** A PNG (any colour type; alpha becomes a soft mask). */
  image?: Buffer;
  /** The image's drawn width in points (its height follows the aspect); absent: fit the box, centred. */
  imageWidth?: number;
  /** Lines of text, beside the image when there is one. */
  lines?: string[];
  /** A TrueType font covering the text (Vietnamese). */
  font?: Buffer;
  /** Largest font size; the text shrinks to fit the box. */
  fontSize?: number;
  /** RGB, 0–1. */
  textColor?: [number, number, number];
}

const GAP = 3;
const MIN_FONT_SIZE = 4;

/** Adds the appearance's objects to `update` and returns the Form XObject for a width × height widget. */
export function addAppearance(update: FormUpdate, appearance: SignatureAppearance, width: number, height: number): PdfRef {
  const xObjects = dict({});
  const fonts = dict({});
  const ops: string[] = [];
  let textLeft = 0;

  if (appearance.image) {
    const image = addPngImage(update, appearance.image);
    xObjects.set('Im1', image.ref);
    let w: number;
    let h: number;
    let x: number;
    if (appearance.imageWidth !== undefined) {
      w = appearance.imageWidth;
      h = (w * image.height) / image.width;
      x = 0;
      textLeft = w + GAP;
    } else {
      const scale = Math.min(width / image.width, height / image.height);
      w = image.width * scale;
      h = image.height * scale;
      x = (width - w) / 2;
    }
    const y = (height - h) / 2;
    ops.push(`q ${num(w)} 0 0 ${num(h)} ${num(x)} ${num(y)} cm /Im1 Do Q`);
  }

  const lines = (appearance.lines ?? []).map((line) => line.normalize('NFC')).filter((line) => line.length > 0);
  if (lines.length > 0) {
    if (!appearance.font) throw new Error('a signature appearance with text needs a font');
    const font = embedFont(update, appearance.font, lines.join(''));
    fonts.set('F1', font.ref);
    const room = Math.max(width - textLeft, 1);
    const widest = Math.max(...lines.map((line) => font.width(line)));
    const size = Math.max(MIN_FONT_SIZE, Math.min(appearance.fontSize ?? 10, room / widest, height / (lines.length * 1.2)));
    const leading = size * 1.2;
    const top = (height + lines.length * leading) / 2 - size;
    const [r, g, b] = appearance.textColor ?? [0, 0, 0];
    ops.push(`BT /F1 ${num(size)} Tf ${num(r)} ${num(g)} ${num(b)} rg ${num(leading)} TL ${num(textLeft)} ${num(top)} Td`);
    lines.forEach((line, i) => ops.push(`${i === 0 ? '' : 'T* '}<${font.encode(line)}> Tj`));
    ops.push('ET');
  }

  const resources = dict({});
  if (xObjects.entries.size > 0) resources.set('XObject', xObjects);
  if (fonts.entries.size > 0) resources.set('Font', fonts);
  const content = deflateSync(Buffer.from(ops.join('\n'), 'latin1'));
  return update.add(dict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, width, height], Resources: resources, Filter: name('FlateDecode') }), content);
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
