/**
 * What the number and date fields say once the document is numbered, read against the text
 * around them: a field placed on the blank before a printed notation ("Số:  …/QĐ-UBND") gets the
 * number alone, otherwise number and notation; the date keeps the place printed on its line
 * when the draft names none (docs/formats.md#signature-layout).
 */
import { foldText } from '../../../../shared/text/fold.js';
import type { ViewBox } from '../pdf/page-geometry.js';
import { dateLine, xAtChar, type Measure } from './find-boxes.js';
import { DATE_FIELD, NUMBER_FIELD, placedFields, type PlacedBox } from './placement.js';
import { openTextLayout, type PageText } from './text-layout.js';

export interface IssueValues {
  /** "05", as the register gives it. */
  number: string;
  /** "QĐ-UBND"; empty when the draft has none. */
  notation: string;
  /** YYYY-MM-DD. */
  date: string;
  /** "Hà Nội"; empty: the place printed on the date line, if any. */
  place: string;
}

export class IssueFieldsMissingError extends Error {
  constructor() {
    super(`The PDF has no "${NUMBER_FIELD}" and "${DATE_FIELD}" fields to fill: place them first (trình ký).`);
    this.name = 'IssueFieldsMissingError';
  }
}

export async function issueFieldValues(filePath: string, values: IssueValues, measure: Measure): Promise<Record<string, string>> {
  const boxes = await placedFields(filePath);
  if (!boxes.number || !boxes.date) throw new IssueFieldsMissingError();
  const layout = await openTextLayout(filePath);
  try {
    const numberPage = await layout.page(boxes.number.page);
    const datePage = boxes.date.page === boxes.number.page ? numberPage : await layout.page(boxes.date.page);
    const notationPrinted = printedAfter(numberPage, boxes.number, measure) === '/';
    const numberText = notationPrinted || !values.notation ? values.number : `${values.number}/${values.notation}`;
    const place = values.place || printedPlace(datePage, boxes.date);
    const [year, month, day] = values.date.split('-');
    return { [NUMBER_FIELD]: numberText, [DATE_FIELD]: `${place ? `${place}, ` : ''}ngày ${day} tháng ${month} năm ${year}` };
  } finally {
    await layout.close();
  }
}

/** The first character printed right after `box` on its line (within two ems), or ''. */
function printedAfter(page: PageText, box: PlacedBox, measure: Measure): string {
  const baseline = box.y + box.height * 0.73;
  const end = box.x + box.width;
  let best: { x: number; char: string } | null = null;
  for (const run of page.runs) {
    if (Math.abs(run.baseline - baseline) > 0.4 * run.size || run.x + run.width < end - 0.5) continue;
    for (let index = 0; index < run.text.length; index++) {
      const char = run.text[index]!;
      if (char.trim() === '') continue;
      const x = xAtChar(run, index, measure);
      if (x < end - 0.5 || x > end + 2 * run.size) continue;
      if (!best || x < best.x) best = { x, char };
      break;
    }
  }
  return best?.char ?? '';
}

/** The place before "ngày" on the line the date field covers. */
function printedPlace(page: PageText, box: ViewBox): string {
  const line = dateLine(page);
  if (!line || line.bottom < box.y || line.top > box.y + box.height || line.x > box.x + box.width || line.x + line.width < box.x) return '';
  const at = foldText(line.text).search(/(^|[\s,])ngay\b/u);
  return at > 0 ? line.text.slice(0, at).replace(/[\s,]+$/u, '').trim() : '';
}
