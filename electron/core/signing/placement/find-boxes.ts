/**
 * Where a document's own text says the number, the date and the leader's signature go
 * (docs/formats.md#signature-layout): the "Số:" label of the header (box 3 of Decree 30's layout),
 * the place-and-date line (box 4), and the signer's block — title lines above, full name below —
 * on whichever page holds it (box 7). Pure functions of the text layer, in view space.
 */
import { foldText } from '../../../../shared/text/fold.js';
import type { ViewBox } from '../pdf/page-geometry.js';
import type { PageText, TextRun, TextSegment } from './text-layout.js';

/** Width of `text` at 1 pt, in the face the fields are drawn in (the header's Times-like metrics). */
export type Measure = (text: string) => number;

export interface FoundNumber {
  box: ViewBox;
  /** The font size of the "Số:" line. */
  size: number;
  /** The notation printed after the blank ("/QĐ-UBND"): the field then gets the number alone. */
  notationAfter: boolean;
}

export interface FoundDate {
  box: ViewBox;
  size: number;
  /** The place printed before "ngày", if any. */
  place: string;
}

export interface SignerText {
  /** The signer's full name, as the draft has it. */
  name: string;
  /** The title lines: competence ("KT.", "TM. …") and position ("PHÓ CHỦ TỊCH"). */
  titles: string[];
}

export interface FoundSigner {
  page: number;
  box: ViewBox;
}

/** The header is in the top part of page 1; a "Số:" further down is body text. */
const HEADER_PART = 0.45;
const LABEL = /^số\s*:/u;
const DATE_LINE = /(^|[\s,])ngay\b.*\bthang\b.*\bnam\b/u;
const DAY_WORD = /(^|[\s,])ngay\b/u;

/** The blank after "Số:" (up to the notation's "/", else room for number and notation). */
export function findNumber(page: PageText, measure: Measure): FoundNumber | null {
  const limit = page.geometry.height * HEADER_PART;
  for (const segment of page.segments.filter((candidate) => candidate.baseline < limit)) {
    const first = segment.runs[0]!;
    const match = LABEL.exec(first.text.trimStart().toLocaleLowerCase('vi')) ?? LABEL.exec(foldText(first.text.trimStart()).replace(/^so/, 'số'));
    if (!match) continue;
    const leading = first.text.length - first.text.trimStart().length;
    const labelEnd = xAtChar(first, leading + match[0].length, measure);
    const size = first.size;
    const row = rowAfter(page.runs, first, labelEnd);
    const slash = firstCharX(row, '/', labelEnd, measure);
    const top = segment.baseline - 0.95 * size;
    const height = 1.3 * size;
    const start = labelEnd + 0.2 * size;
    if (slash !== null && slash - start >= 1.6 * size) {
      return { box: { x: start, y: top, width: slash - 0.05 * size - start, height }, size, notationAfter: true };
    }
    // No room before the notation (or none printed): the field takes the rest of the line and gets both.
    const rowEnd = row.length > 0 ? Math.max(...row.map((run) => run.x + run.width)) : labelEnd;
    const width = Math.min(Math.max(rowEnd - start + 0.2 * size, 8 * size), page.geometry.width - start - 0.03 * page.geometry.width);
    return { box: { x: start, y: top, width, height }, size, notationAfter: false };
  }
  return null;
}

/** The place-and-date line ("Hà Nội, ngày … tháng … năm …"), widened if the filled date needs more room. */
export function findDate(page: PageText, measure: Measure): FoundDate | null {
  const line = dateLine(page);
  if (!line) return null;
  const { size } = line;
  const at = foldText(line.text).search(DAY_WORD);
  const place = line.text.slice(0, Math.max(at, 0)).replace(/[\s,]+$/u, '').trim();
  // Room for the widest date the field will hold, after the place the line prints.
  const needed = measure(`${place ? `${place}, ` : ''}ngày 28 tháng 12 năm 2099`) * size;
  const centre = line.x + line.width / 2;
  const margin = 0.03 * page.geometry.width;
  const width = Math.min(Math.max(line.width + 0.4 * size, needed), page.geometry.width - 2 * margin);
  const x = Math.min(Math.max(centre - width / 2, margin), page.geometry.width - margin - width);
  return { box: { x, y: line.baseline - 0.95 * size, width, height: 1.35 * size }, size, place };
}

/**
 * The header's "…, ngày … tháng … năm …" line. Its blanks are often wide enough for the text
 * layer to split it, so the pieces on the baseline that follow "ngày" within a few ems are joined.
 */
export function dateLine(page: PageText): TextSegment | null {
  const limit = page.geometry.height * HEADER_PART;
  for (const start of page.segments.filter((segment) => segment.baseline < limit && DAY_WORD.test(foldText(segment.text)))) {
    const row = page.segments
      .filter((segment) => Math.abs(segment.baseline - start.baseline) < 0.3 * start.size && segment.x >= start.x)
      .sort((p, q) => p.x - q.x);
    const joined: TextSegment[] = [];
    for (const segment of row) {
      const previous = joined.at(-1);
      if (previous && segment.x - (previous.x + previous.width) > 4 * start.size) break;
      joined.push(segment);
      const text = joined.map((piece) => piece.text).join(' ');
      if (DATE_LINE.test(foldText(text))) {
        const right = segment.x + segment.width;
        return { ...start, text, runs: joined.flatMap((piece) => piece.runs), width: right - start.x, top: Math.min(...joined.map((piece) => piece.top)), bottom: Math.max(...joined.map((piece) => piece.bottom)) };
      }
    }
  }
  return null;
}

/**
 * The box between the signer's title lines and full name, searched from the last page back. A
 * name that also occurs in the body is told apart by the title above it.
 */
export function findSigner(pages: PageText[], signer: SignerText): FoundSigner | null {
  const name = comparable(signer.name);
  const titles = signer.titles.map(comparable).filter((title) => title.length > 0);
  if (!name && titles.length === 0) return null;
  for (const page of [...pages].sort((p, q) => q.page - p.page)) {
    const names = name ? page.segments.filter((segment) => comparable(segment.text) === name) : [];
    const titled = names.map((segment) => ({ segment, title: titleAbove(page.segments, segment, titles) }));
    const best = titled.filter((entry) => entry.title !== null).at(-1) ?? (titles.length === 0 ? titled.at(-1) : undefined);
    if (best) {
      const box = boxAbove(page, best.segment, best.title ? [best.title, best.segment] : [best.segment]);
      if (box) return { page: page.page, box };
    }
    if (!name) {
      const title = page.segments.filter((segment) => titles.some((wanted) => comparable(segment.text).includes(wanted))).at(-1);
      if (title) return { page: page.page, box: boxBelow(page, title) };
    }
  }
  return null;
}

/** Letters and digits only, folded: "NGUYỄN VĂN AN" and "Nguyễn Văn An." compare equal. */
function comparable(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The title line nearest above `name`, in its column and within a few lines. */
function titleAbove(segments: TextSegment[], name: TextSegment, titles: string[]): TextSegment | null {
  if (titles.length === 0) return null;
  const centre = name.x + name.width / 2;
  const candidates = segments.filter(
    (segment) => segment.bottom <= name.top + 1 && name.top - segment.bottom < 14 * name.size && segment.x <= centre + name.size && segment.x + segment.width >= centre - name.size,
  );
  return candidates.filter((segment) => titles.some((title) => comparable(segment.text).includes(title))).at(-1) ?? null;
}

/** The room between the nearest text above the name (in its column) and the name. */
function boxAbove(page: PageText, name: TextSegment, block: TextSegment[]): ViewBox | null {
  const left = Math.min(...block.map((segment) => segment.x));
  const right = Math.max(...block.map((segment) => segment.x + segment.width));
  const centre = name.x + name.width / 2;
  const above = page.segments.filter((segment) => segment.bottom <= name.top + 1 && segment.x < right && segment.x + segment.width > left);
  const ceiling = above.length > 0 ? Math.max(...above.map((segment) => segment.bottom)) : Math.max(name.top - 110, 0);
  const gapTop = ceiling + 2;
  const gapBottom = name.top - 2;
  if (gapBottom - gapTop < 24) return null;
  const height = Math.min(gapBottom - gapTop, 110);
  const width = Math.min(Math.max(right - left, 150), 230, page.geometry.width);
  const x = Math.min(Math.max(centre - width / 2, 0), page.geometry.width - width);
  return { x, y: gapBottom - height, width, height };
}

/** Without a name to find: the room under the last title line. */
function boxBelow(page: PageText, title: TextSegment): ViewBox {
  const centre = title.x + title.width / 2;
  const width = Math.min(Math.max(title.width, 150), 230);
  const below = page.segments.filter((segment) => segment.top >= title.bottom - 1 && segment.x < centre + width / 2 && segment.x + segment.width > centre - width / 2);
  const floor = below.length > 0 ? Math.min(...below.map((segment) => segment.top)) : page.geometry.height;
  const height = Math.max(Math.min(floor - title.bottom - 4, 90), 24);
  return { x: Math.min(Math.max(centre - width / 2, 0), page.geometry.width - width), y: title.bottom + 2, width, height };
}

/** The x of the character at `index` of a run, by the face's widths scaled to the run's width. */
export function xAtChar(run: TextRun, index: number, measure: Measure): number {
  const whole = measure(run.text);
  if (whole <= 0) return run.x + (run.width * index) / Math.max(run.text.length, 1);
  return run.x + (run.width * measure(run.text.slice(0, index))) / whole;
}

/** The runs on the label's baseline right of it, up to the date (box 4) or the middle of the page. */
function rowAfter(runs: TextRun[], label: TextRun, labelEnd: number): TextRun[] {
  const row = runs
    .filter((run) => run !== label && Math.abs(run.baseline - label.baseline) < 0.3 * label.size && run.x >= labelEnd - 1)
    .sort((p, q) => p.x - q.x);
  const kept: TextRun[] = [];
  let previousEnd = labelEnd;
  for (const run of row) {
    if (DAY_WORD.test(foldText(run.text)) || run.x - previousEnd > 6 * label.size) break;
    kept.push(run);
    previousEnd = run.x + run.width;
  }
  // The label's own run may go on after the label ("Số:   /QĐ-UBND" as one piece of text).
  return label.x + label.width > labelEnd + 0.5 ? [{ ...label }, ...kept] : kept;
}

/** The x where `char` first occurs right of `from` in `row`. */
function firstCharX(row: TextRun[], char: string, from: number, measure: Measure): number | null {
  for (const run of row) {
    for (let index = run.text.indexOf(char); index >= 0; index = run.text.indexOf(char, index + 1)) {
      const x = xAtChar(run, index, measure);
      if (x >= from - 0.5) return x;
    }
  }
  return null;
}
