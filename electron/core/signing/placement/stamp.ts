/**
 * The agency's stamp on a document: laid out (stamp-layout.ts) against the leader's signature
 * the PDF holds — or, for the preview before the leader signs, against the image the leader
 * would sign with in the box placed for it — and the page's own text; then turned into the
 * signature widget's box and appearance.
 */
import type { SignatureAppearance } from '../pdf/appearance.js';
import { readPageGeometry, viewBoxToRect, type PageGeometry, type Rect, type ViewBox } from '../pdf/page-geometry.js';
import { PdfReader } from '../../pdf/pdf-reader.js';
import type { Measure } from './find-boxes.js';
import { inkOfSignature } from './ink-box.js';
import { LEADER_FIELD } from './placement.js';
import { layoutStamp, type StampLayout } from './stamp-layout.js';
import { openTextLayout } from './text-layout.js';

export interface PlannedStamp {
  page: number;
  geometry: PageGeometry;
  layout: StampLayout;
}

export class LeaderSignatureMissingError extends Error {
  constructor() {
    super(`The PDF has no signed "${LEADER_FIELD}" field: the agency's seal goes over the leader's signature, so the leader signs first.`);
    this.name = 'LeaderSignatureMissingError';
  }
}

/** The stamp's layout: against `ink` when given (a preview), else against the signed leader's signature. */
export async function planStamp(filePath: string, options: { sealSize: number; lines: string[]; measure: Measure; ink?: { page: number; ink: ViewBox } }): Promise<PlannedStamp> {
  const reader = await PdfReader.open(filePath);
  let target: { page: number; ink: ViewBox } | null;
  let geometry: PageGeometry;
  try {
    target = options.ink ?? (await inkOfSignature(reader, LEADER_FIELD));
    if (!target) throw new LeaderSignatureMissingError();
    geometry = await readPageGeometry(reader, target.page);
  } finally {
    await reader.close();
  }
  const layout = await openTextLayout(filePath);
  let obstacles: ViewBox[];
  try {
    obstacles = (await layout.page(target.page)).segments.map((segment) => ({ x: segment.x, y: segment.top, width: segment.width, height: segment.bottom - segment.top }));
  } finally {
    await layout.close();
  }
  return {
    page: target.page,
    geometry,
    layout: layoutStamp({ ink: target.ink, sealSize: options.sealSize, page: geometry, obstacles, lines: options.lines, measure: options.measure }),
  };
}

/** The signature widget of a planned stamp: its user-space box and what it shows (seal and text where the layout put them). */
export function stampWidget(planned: PlannedStamp, seal: Buffer, lines: string[], font: Buffer): { page: number; rect: Rect; appearance: SignatureAppearance } {
  const { widget, seal: sealBox, text, fontSize } = planned.layout;
  const inWidget = (box: ViewBox): ViewBox => ({ x: box.x - widget.x, y: box.y - widget.y, width: box.width, height: box.height });
  return {
    page: planned.page,
    rect: viewBoxToRect(planned.geometry, widget),
    appearance: { image: seal, imageBox: inWidget(sealBox), lines, textBox: inWidget(text), font, fontSize },
  };
}
