/**
 * How the tests judge where the issuing steps drew on a Decree 30 draft (test/decree30-pdf.ts),
 * from a rendering (pdftoppm at 72 dpi) and the words poppler reads back (pdftotext -bbox).
 */
import type { PNG } from 'pngjs';
import { expect } from 'vitest';
import { NOTATION, type Decree30Parts } from './decree30-pdf.js';
import { boundsOf, countIn, isBlue, isRed, type PixelBox, type Word } from './page-pixels.js';

type Rgb = Parameters<typeof countIn>[2];
const AGENCY_EMAIL = 'vanthu@nghean.gov.vn';

export const overlaps = (a: PixelBox, b: PixelBox) => Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) && Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);
export const inside = (inner: PixelBox, outer: PixelBox, slack = 2) =>
  inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;
export const word = (words: Word[], text: string) => {
  const found = words.find((candidate) => candidate.text === text);
  if (!found) throw new Error(`no word "${text}" among ${words.map((candidate) => candidate.text).join(' ')}`);
  return found;
};

/** The number right before the printed "/QĐ-UBND" (else with it), on the "Số:" line, inside the header and off the body. */
export function expectNumberInHeader(words: Word[], parts: Decree30Parts, notationPrinted = true, expected = '05'): void {
  const label = word(words, 'Số:');
  // The first such word right of the label on its line: the date on the same row may hold the same digits ("ngày 06").
  const number = words
    .filter((candidate) => (candidate.text === expected || candidate.text === `${expected}/${NOTATION}`) && Math.abs(candidate.y + candidate.height - (label.y + label.height)) < 2 && candidate.x > label.x)
    .sort((a, b) => a.x - b.x)[0];
  expect(number, `the number ${expected} is on the "Số:" line of page 1`).toBeDefined();
  expect(inside(number!, parts.header, 3), `number ${JSON.stringify(number)} inside the header ${JSON.stringify(parts.header)}`).toBe(true);
  expect(overlaps(number!, parts.body)).toBe(false);
  expect(number!.x).toBeGreaterThan(label.x + label.width);
  if (notationPrinted) {
    const notation = word(words, `/${NOTATION}`);
    // Set against the notation: "05/QĐ-UBND" reads as one.
    expect(notation.x - (number!.x + number!.width)).toBeLessThan(3);
    expect(notation.x - (number!.x + number!.width)).toBeGreaterThan(-1);
  } else {
    expect(number!.text).toBe(`${expected}/${NOTATION}`);
  }
  // The date line in the header too (poppler drops words drawn twice in one place, so the filled
  // line and the draft's under it may read as one).
  const day = words.filter((candidate) => candidate.text === 'tháng' || candidate.text === 'năm');
  expect(new Set(day.map((piece) => piece.text))).toEqual(new Set(['tháng', 'năm']));
  for (const piece of day) expect(inside(piece, parts.header, 3)).toBe(true);
}

/** The leader's ink between title and name, the seal over its left third, the stamp's text upright and clear of ink and body text. */
export function expectSignerBlock(png: PNG, words: Word[], parts: Decree30Parts, ink: Rgb = isBlue): void {
  const blue = boundsOf(png, ink);
  const red = boundsOf(png, isRed);
  expect(blue, 'the leader\'s signature is drawn on the signer\'s page').not.toBeNull();
  expect(red, 'the seal is drawn on the signer\'s page').not.toBeNull();
  const gap = { x: parts.nameLine.x - 80, y: parts.signerGap.y - 2, width: parts.nameLine.width + 160, height: parts.signerGap.height + 4 };
  expect(inside(blue!, gap), `ink ${JSON.stringify(blue)} between the title and the name ${JSON.stringify(gap)}`).toBe(true);
  // Decree 30: the seal covers about the left third of the signature.
  const sealRight = red!.x + red!.width;
  expect(sealRight).toBeGreaterThan(blue!.x + blue!.width * 0.2);
  expect(sealRight).toBeLessThan(blue!.x + blue!.width * 0.5);
  expect(Math.abs(red!.y + red!.height / 2 - (blue!.y + blue!.height / 2))).toBeLessThan(8);

  const email = word(words, AGENCY_EMAIL);
  expect(email.width, 'the stamp\'s text reads upright').toBeGreaterThan(4 * email.height);
  const stampText = words.filter((candidate) => candidate.text === AGENCY_EMAIL || /^\d{2}\/\d{2}\/\d{4}$/.test(candidate.text) || candidate.text === '+07:00');
  expect(stampText.length).toBeGreaterThanOrEqual(3);
  for (const piece of stampText) {
    expect(countIn(png, piece, ink), `no leader ink under "${piece.text}"`).toBe(0);
    expect(countIn(png, piece, isRed), `no seal under "${piece.text}"`).toBe(0);
    for (const text of [parts.nameLine, parts.recipients, parts.body]) expect(overlaps(piece, text), `"${piece.text}" off the page's text`).toBe(false);
  }
}

