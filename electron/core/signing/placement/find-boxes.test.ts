import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDecree30Pdf, SIGNER_NAME, SIGNER_TITLES, type Decree30Options } from '../../../../test/decree30-pdf.js';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { assetPath, SIGNATURE_FONT } from '../assets.js';
import type { ViewBox } from '../pdf/page-geometry.js';
import { findDate, findNumber, findSigner } from './find-boxes.js';
import { measureWith } from './measure.js';
import { openTextLayout, segmentsOf, type PageText, type TextRun } from './text-layout.js';

const tempDir = useTempDirs();
const measure = measureWith(readFileSync(assetPath(SIGNATURE_FONT)));
const signer = { name: SIGNER_NAME, titles: SIGNER_TITLES };
const contains = (outer: ViewBox, inner: ViewBox, slack = 1) =>
  inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;
const overlaps = (a: ViewBox, b: ViewBox) => Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) && Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);

/** Builds a draft and reads back its first and last pages' text as the core does. */
async function pages(options: Decree30Options) {
  const file = `${await tempDir()}/draft.pdf`;
  const parts = await buildDecree30Pdf(file, options);
  const layout = await openTextLayout(file);
  try {
    return { parts, first: await layout.page(1), last: await layout.page(layout.pageCount), count: layout.pageCount };
  } finally {
    await layout.close();
  }
}

/** A page of synthetic runs, for the cases a built PDF cannot easily show. */
function page(runs: TextRun[], width = 595, height = 842): PageText {
  return { page: 1, geometry: { box: [0, 0, width, height], rotate: 0, width, height }, runs, segments: segmentsOf(runs) };
}
const run = (text: string, x: number, baseline: number, size = 13): TextRun => ({ text, x, baseline, width: measure(text) * size, size });

describe('the boxes a Decree 30 draft gives', () => {
  it.each<[string, Decree30Options]>([
    ['A4 portrait', {}],
    ['landscape', { size: [841.89, 595.28] }],
    ['turned by /Rotate 90', { rotate: 90 }],
    ['turned by /Rotate 180', { rotate: 180 }],
    ['a letterhead header', { header: 'letterhead' }],
    ['a stacked header', { header: 'stacked' }],
  ])('%s: the blank after "Số:", the date line, the room between title and name', async (_, options) => {
    const { parts, first, last } = await pages(options);
    const number = findNumber(first, measure)!;
    expect(number.notationAfter).toBe(true);
    // Between the label and the notation, on its line.
    expect(number.box.x).toBeGreaterThan(parts.numberLine.x + measure('Số:') * 13 - 1);
    expect(number.box.x + number.box.width).toBeLessThan(parts.numberLine.x + parts.numberLine.width - measure('/QĐ-UBND') * 13 + 1);
    expect(Math.abs(number.box.y + number.box.height * 0.73 - (parts.numberLine.y + 0.8 * 13))).toBeLessThan(1);
    const date = findDate(first, measure)!;
    expect(contains(date.box, parts.dateLine, 2)).toBe(true);
    expect(date).toMatchObject({ size: 13, place: 'Thử Nghiệm' });
    for (const box of [number.box, date.box]) expect(overlaps(box, parts.body)).toBe(false);
    const found = findSigner([last], signer)!;
    expect(found.page).toBe(parts.signerPage);
    expect(contains({ x: 0, y: parts.signerGap.y, width: parts.size[0], height: parts.signerGap.height }, found.box)).toBe(true);
    expect(found.box.x + found.box.width / 2).toBeCloseTo(parts.nameLine.x + parts.nameLine.width / 2, 0);
  }, 30_000);

  it('finds the signer on the last of four pages, and nothing on a page without the block', async () => {
    const { parts, first, last, count } = await pages({ pages: 4 });
    expect(count).toBe(4);
    expect(findSigner([first], signer)).toBeNull();
    expect(findSigner([first, last], signer)).toMatchObject({ page: 4 });
    expect(parts.signerPage).toBe(4);
  }, 30_000);

  it('"Số:" alone: the field takes the rest of the line and will hold number and notation', async () => {
    const { first } = await pages({ notation: false });
    expect(findNumber(first, measure)).toMatchObject({ notationAfter: false, box: { width: 8 * 13 } });
  }, 30_000);

  it('is not fooled by body text: "Số lượng:", a "Số:" below the header, the signer\'s name in a sentence', () => {
    const body = page([
      run('Số lượng: 12 bản', 60, 120),
      run('Số: 15 người tham dự', 60, 500),
      run('Giao ông Nguyễn Văn An chủ trì.', 60, 520),
      run('Nguyễn Văn An', 380, 760),
    ]);
    expect(findNumber(body, measure)).toBeNull();
    expect(findDate(body, measure)).toBeNull();
    // With titles known, a name without them above is not the signer's block.
    expect(findSigner([body], signer)).toBeNull();
    const titled = page([...body.runs, run('KT. CHỦ TỊCH', 370, 650), run('PHÓ CHỦ TỊCH', 372, 665)]);
    expect(findSigner([titled], signer)).toMatchObject({ page: 1, box: { y: expect.closeTo(670, 0) } });
  });

  it('reads a date line split by its blanks, and leaves the place out when none is printed', () => {
    const split = page([run('ngày', 330, 100), run('tháng', 400, 100), run('năm 2026', 470, 100)]);
    expect(findDate(split, measure)).toMatchObject({ place: '', box: { y: expect.closeTo(100 - 0.95 * 13, 5) } });
    // A date far off in another column is another line.
    expect(findDate(page([run('ngày', 60, 100), run('tháng năm', 400, 100)]), measure)).toBeNull();
  });
});
