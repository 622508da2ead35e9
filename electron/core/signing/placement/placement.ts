/**
 * The boxes of the issuing steps on a document (docs/formats.md#signature-layout): the number and
 * date fields on page 1 and the leader's signature in the signer's block. Each comes, in order of
 * precedence, from the clerk (dragged in the viewer now), from the document's text, from the
 * template (where the clerk put it on an earlier document of the same type and page layout), or is
 * missing — then a proposal at Decree 30's usual place that the clerk must move into position.
 * Once placed, the boxes are the PDF's own fields and are read back from it.
 */
import { listFormFields, pageCount, widgetPageNumber } from '../pdf/form-fields.js';
import { insidePage, readPageGeometry, rectToViewBox, viewBoxToRect, type PageGeometry, type ViewBox } from '../pdf/page-geometry.js';
import { PdfReader } from '../../pdf/pdf-reader.js';
import { addTextFields } from '../pdf/text-fields.js';
import { findDate, findNumber, findSigner, type Measure, type SignerText } from './find-boxes.js';
import { openTextLayout } from './text-layout.js';

export const NUMBER_FIELD = 'Số';
export const DATE_FIELD = 'Ngày';
export const LEADER_FIELD = 'LeaderSignature';
export const AGENCY_FIELD = 'AgencySignature';

export type BoxKind = 'number' | 'date' | 'leader';
export const BOX_KINDS: readonly BoxKind[] = ['number', 'date', 'leader'];

/** A box on a 1-based page, in view space. */
export interface PlacedBox extends ViewBox {
  page: number;
}

export type BoxSource = 'field' | 'text' | 'template' | 'clerk' | 'missing';

/**
 * What a template remembers: boxes in view space; the leader's page counted from the end
 * (-1 the last page), since the signer's block moves with the length of the text.
 */
export type TemplateBoxes = Partial<Record<BoxKind, PlacedBox>>;

export interface Placement {
  boxes: Record<BoxKind, { box: PlacedBox; source: BoxSource }>;
  pageCount: number;
  /** Pages 1 and last as shown: with the document type, the template's key. */
  first: PageGeometry;
  last: PageGeometry;
  /** The font size of the header's lines, when found (13 otherwise). */
  numberSize: number;
  dateSize: number;
  /** The found number field sits on the blank before a printed notation: the number goes against it. */
  numberBeforeNotation: boolean;
}

/** The signer's block is searched this many pages back from the end at most. */
const SIGNER_PAGES = 200;
const DEFAULT_SIZE = 13;

export async function proposePlacement(
  filePath: string,
  options: {
    signer: SignerText;
    measure: Measure;
    /** The remembered boxes of the document's template, given its first and last pages. */
    template?: (pages: Pick<Placement, 'first' | 'last'>) => TemplateBoxes | null;
    clerk?: Partial<Record<BoxKind, PlacedBox>>;
  },
): Promise<Placement> {
  const layout = await openTextLayout(filePath);
  try {
    const pageCount = layout.pageCount;
    const firstPage = await layout.page(1);
    const number = findNumber(firstPage, options.measure);
    const date = findDate(firstPage, options.measure);
    let signer: { page: number; box: ViewBox } | null = null;
    let lastGeometry = firstPage.geometry;
    for (let page = pageCount; page >= Math.max(1, pageCount - SIGNER_PAGES + 1) && !signer; page--) {
      const text = page === 1 ? firstPage : await layout.page(page);
      if (page === pageCount) lastGeometry = text.geometry;
      signer = findSigner([text], options.signer);
    }
    const found: Partial<Record<BoxKind, PlacedBox>> = {
      ...(number ? { number: { page: 1, ...number.box } } : {}),
      ...(date ? { date: { page: 1, ...date.box } } : {}),
      ...(signer ? { leader: { page: signer.page, ...signer.box } } : {}),
    };
    const remembered = fromTemplate(options.template?.({ first: firstPage.geometry, last: lastGeometry }) ?? {}, pageCount);
    const fallback = defaultBoxes(firstPage.geometry, lastGeometry, pageCount);
    const boxes = Object.fromEntries(
      BOX_KINDS.map((kind) => {
        const clerk = options.clerk?.[kind];
        if (clerk) return [kind, { box: clerk, source: 'clerk' }];
        if (found[kind]) return [kind, { box: found[kind], source: 'text' }];
        if (remembered[kind]) return [kind, { box: remembered[kind], source: 'template' }];
        return [kind, { box: fallback[kind], source: 'missing' }];
      }),
    ) as Placement['boxes'];
    return { boxes, pageCount, first: firstPage.geometry, last: lastGeometry, numberSize: number?.size ?? DEFAULT_SIZE, dateSize: date?.size ?? DEFAULT_SIZE, numberBeforeNotation: number?.notationAfter ?? false };
  } finally {
    await layout.close();
  }
}

/** The kinds of box neither found, remembered nor given. */
export function missingBoxes(placement: Placement): BoxKind[] {
  return BOX_KINDS.filter((kind) => placement.boxes[kind].source === 'missing');
}

/** The template's key: the document type and the size of its first and last pages as shown. */
export function templateKey(typeName: string | null, placement: Pick<Placement, 'first' | 'last'>): string {
  const size = (geometry: PageGeometry) => `${Math.round(geometry.width)}x${Math.round(geometry.height)}`;
  return `${(typeName ?? '').trim().toLocaleLowerCase('vi') || '-'}|${size(placement.first)}|${size(placement.last)}`;
}

/** The clerk's boxes as the template keeps them (the leader's page counted from the end). */
export function toTemplate(boxes: Partial<Record<BoxKind, PlacedBox>>, pageCount: number): TemplateBoxes {
  return Object.fromEntries(Object.entries(boxes).map(([kind, box]) => [kind, kind === 'leader' ? { ...box, page: box.page - pageCount - 1 } : box]));
}

function fromTemplate(template: TemplateBoxes, pageCount: number): TemplateBoxes {
  const boxes: TemplateBoxes = {};
  for (const kind of BOX_KINDS) {
    const box = template[kind];
    if (!box) continue;
    const page = box.page < 0 ? pageCount + 1 + box.page : box.page;
    if (page >= 1 && page <= pageCount) boxes[kind] = { ...box, page };
  }
  return boxes;
}

/** Decree 30's usual places, scaled to the page: where a missing box is offered to the clerk. */
function defaultBoxes(first: PageGeometry, last: PageGeometry, pageCount: number): Record<BoxKind, PlacedBox> {
  return {
    number: { page: 1, x: first.width * 0.12, y: first.height * 0.13, width: first.width * 0.3, height: 18 },
    date: { page: 1, x: first.width * 0.5, y: first.height * 0.13, width: first.width * 0.42, height: 18 },
    leader: { page: pageCount, x: last.width * 0.56, y: last.height * 0.72, width: last.width * 0.34, height: Math.min(last.height * 0.1, 90) },
  };
}

/**
 * Trình ký: the empty number and date fields and the leader's empty signature field, in one
 * incremental update; their boxes are where the later steps draw.
 */
export async function placeIssueFields(
  filePath: string,
  placement: Pick<Placement, 'boxes' | 'numberSize' | 'dateSize' | 'numberBeforeNotation'>,
  /** False: the leader signed already (a draft of the agency server, signed without Trình ký): only the number and date fields. */
  withLeader = true,
): Promise<void> {
  const reader = await PdfReader.open(filePath);
  let geometries: Map<number, PageGeometry>;
  try {
    geometries = new Map();
    for (const kind of BOX_KINDS) {
      const page = placement.boxes[kind].box.page;
      if (!geometries.has(page)) geometries.set(page, await readPageGeometry(reader, page));
    }
  } finally {
    await reader.close();
  }
  const at = (kind: BoxKind) => {
    const { box } = placement.boxes[kind];
    const geometry = geometries.get(box.page)!;
    return { page: box.page, rect: viewBoxToRect(geometry, box), rotate: geometry.rotate };
  };
  // A box the clerk drew sets its own size; a found one keeps the header's.
  const sizeFor = (kind: 'number' | 'date', found: number) => (placement.boxes[kind].source === 'text' ? found : Math.min(Math.max(placement.boxes[kind].box.height / 1.35, 9), 14));
  await addTextFields(
    filePath,
    [
      {
        name: NUMBER_FIELD,
        ...at('number'),
        fontSize: sizeFor('number', placement.numberSize),
        align: placement.boxes.number.source === 'text' && placement.numberBeforeNotation ? 'right' : 'left',
      },
      { name: DATE_FIELD, ...at('date'), fontSize: sizeFor('date', placement.dateSize), italic: true, align: 'center' },
    ],
    withLeader ? [{ name: LEADER_FIELD, ...at('leader') }] : [],
  );
}

/** The boxes the PDF's own fields hold, once placed (null for a field it lacks). */
export async function placedFields(filePath: string): Promise<Partial<Record<BoxKind, PlacedBox>>> {
  const reader = await PdfReader.open(filePath);
  try {
    const fields = await listFormFields(reader);
    const names: Record<BoxKind, string> = { number: NUMBER_FIELD, date: DATE_FIELD, leader: LEADER_FIELD };
    const boxes: Partial<Record<BoxKind, PlacedBox>> = {};
    for (const kind of BOX_KINDS) {
      const field = fields.find((candidate) => candidate.fullName === names[kind]);
      if (!field?.rect) continue;
      const page = (await widgetPageNumber(reader, field)) ?? 1;
      boxes[kind] = { page, ...rectToViewBox(await readPageGeometry(reader, page), field.rect) };
    }
    return boxes;
  } finally {
    await reader.close();
  }
}

/** A box that is not on its page, or names a page the document lacks. */
export class BoxOffPageError extends Error {
  constructor(
    readonly what: string,
    readonly page: number,
    /** The page's size as shown; absent when the page does not exist. */
    readonly size: { width: number; height: number } | null,
    readonly pages: number,
  ) {
    super(
      size
        ? `The ${what} box is not wholly on page ${page}, which is ${fmt(size.width)} × ${fmt(size.height)} pt as shown.`
        : `The ${what} box is on page ${page}, but the document has ${pages} page${pages === 1 ? '' : 's'}.`,
    );
    this.name = 'BoxOffPageError';
  }
}

/** Refuses any box not wholly on an existing page, saying the page's size as shown. */
export async function requireOnPages(filePath: string, boxes: Partial<Record<string, PlacedBox>>): Promise<void> {
  const reader = await PdfReader.open(filePath);
  try {
    const count = await pageCount(reader);
    for (const [what, box] of Object.entries(boxes)) {
      if (!box) continue;
      if (!Number.isInteger(box.page) || box.page < 1 || box.page > count) throw new BoxOffPageError(what, box.page, null, count);
      const { width, height } = await readPageGeometry(reader, box.page);
      if (!insidePage(box, width, height)) throw new BoxOffPageError(what, box.page, { width, height }, count);
    }
  } finally {
    await reader.close();
  }
}

const fmt = (value: number) => String(Math.round(value * 10) / 10);
