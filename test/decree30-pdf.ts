/**
 * Decision drafts laid out as Decree 30 does (docs/formats.md#signature-layout), built by the
 * tests with pdf-lib in Liberation Serif: the issuer and "Số:" on the left of the header, the
 * national motto and the place-and-date line on the right, the body, and the signer's block on
 * the last page. Variants: the page's size and /Rotate (the text is drawn turned, so it reads
 * upright as shown), the header's layout, the number of pages. Each build returns where it put
 * the parts, in view space (points from the top-left corner as shown), for the tests to compare.
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';
import { degrees, PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { geometryOf, toUser, type PageRotation, type ViewBox } from '../electron/core/signing/pdf/page-geometry.js';

export type HeaderLayout =
  /** Box 3 under the issuer on the left, box 4 under the motto on the right, on one row. */
  | 'standard'
  /** A letterhead band first (address, phone), the header further down. */
  | 'letterhead'
  /** The issuer and motto centred one above the other; "Số:" and the date on rows of their own. */
  | 'stacked';

export interface Decree30Options {
  /** Width and height as shown. */
  size?: [number, number];
  rotate?: PageRotation;
  pages?: number;
  header?: HeaderLayout;
  /** Print the notation after the blank ("Số:      /QĐ-UBND"); false: "Số:" alone. */
  notation?: boolean;
  signerName?: string;
  titles?: string[];
}

export interface Decree30Parts {
  /** The whole header (issuer, motto, number and date rows). */
  header: ViewBox;
  numberLine: ViewBox;
  dateLine: ViewBox;
  /** Page 1's body text, from the document's title down. */
  body: ViewBox;
  /** The signer's block: the room between the last title line and the name, and its page. */
  signerPage: number;
  signerGap: ViewBox;
  nameLine: ViewBox;
  /** The recipients' column ("Nơi nhận") beside the signer's block. */
  recipients: ViewBox;
  size: [number, number];
}

export const SIGNER_NAME = 'Nguyễn Văn An';
export const SIGNER_TITLES = ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'];
export const NOTATION = 'QĐ-UBND';
export const PLACE = 'Thử Nghiệm';

const BODY =
  'Căn cứ Luật Tổ chức chính quyền địa phương; căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư; theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh, quyết định ban hành kèm theo Quyết định này Quy chế làm việc và tổ chức thực hiện các nhiệm vụ được giao trong năm.';

/** Writes the draft to `file` and returns where its parts are. */
export async function buildDecree30Pdf(file: string, options: Decree30Options = {}): Promise<Decree30Parts> {
  const [width, height] = options.size ?? [595.28, 841.89];
  const rotate = options.rotate ?? 0;
  const pages = options.pages ?? 1;
  const header = options.header ?? 'standard';
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit as unknown as Parameters<typeof doc.registerFontkit>[0]);
  const fontFile = (name: string) => readFile(new URL(`../assets/fonts/${name}`, import.meta.url));
  // Whole fonts: pdf-lib's subsetter does not work with fontkit 2, and the tests need no small files.
  const regular = await doc.embedFont(await fontFile('LiberationSerif-Regular.ttf'), { subset: false });
  const italic = await doc.embedFont(await fontFile('LiberationSerif-Italic.ttf'), { subset: false });
  const turned = rotate === 90 || rotate === 270;
  const geometry = geometryOf(turned ? [0, 0, height, width] : [0, 0, width, height], rotate);

  const left = width * 0.1;
  const right = width - width * 0.05;
  const drawn: ViewBox[] = [];
  /** Draws `text` with its baseline at view y `baseline`, starting at view x `x`; returns its box. */
  const write = (page: PDFPage, text: string, x: number, baseline: number, size: number, font: PDFFont = regular): ViewBox => {
    const [ux, uy] = toUser(geometry, x, baseline);
    page.drawText(text, { x: ux, y: uy, size, font, rotate: degrees(rotate) });
    const box = { x, y: baseline - 0.8 * size, width: font.widthOfTextAtSize(text, size), height: 1.05 * size };
    drawn.push(box);
    return box;
  };
  const centred = (page: PDFPage, text: string, centre: number, baseline: number, size: number, font: PDFFont = regular) =>
    write(page, text, centre - font.widthOfTextAtSize(text, size) / 2, baseline, size, font);
  const newPage = () => {
    const page = doc.addPage(turned ? [height, width] : [width, height]);
    page.setRotation(degrees(rotate));
    return page;
  };

  const first = newPage();
  const leftCentre = left + (width / 2 - left) / 2;
  const rightCentre = width / 2 + (right - width / 2) / 2;
  const numberText = options.notation === false ? 'Số:' : `Số:            /${NOTATION}`;
  const dateText = `${PLACE}, ngày        tháng        năm 2026`;
  let top: number;
  let numberLine: ViewBox;
  let dateLine: ViewBox;
  if (header === 'stacked') {
    top = height * 0.06;
    centred(first, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', width / 2, top + 12, 12);
    centred(first, 'Độc lập - Tự do - Hạnh phúc', width / 2, top + 28, 13);
    centred(first, 'ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM', width / 2, top + 58, 12);
    numberLine = write(first, numberText, left, top + 84, 13);
    dateLine = write(first, dateText, right - italic.widthOfTextAtSize(dateText, 13), top + 110, 13, italic);
  } else {
    top = header === 'letterhead' ? height * 0.17 : height * 0.05;
    if (header === 'letterhead') {
      centred(first, 'Trụ sở: 01 Đường Trần Phú, Thành phố Thử Nghiệm', width / 2, height * 0.06, 10);
      centred(first, 'Điện thoại: 0238 3844 000 - Thư điện tử: vanthu@thunghiem.gov.vn', width / 2, height * 0.06 + 14, 10);
    }
    centred(first, 'ỦY BAN NHÂN DÂN', leftCentre, top + 12, 12);
    centred(first, 'TỈNH THỬ NGHIỆM', leftCentre, top + 27, 12);
    centred(first, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightCentre, top + 12, 12);
    centred(first, 'Độc lập - Tự do - Hạnh phúc', rightCentre, top + 27, 13);
    numberLine = centred(first, numberText, leftCentre, top + 56, 13);
    dateLine = centred(first, dateText, rightCentre, top + 56, 13, italic);
  }
  const headerBox = union(drawn.filter((box) => box.y >= top - 5));

  // The body: title, subject, then paragraphs down every page but the signer's block.
  const bodyStart = headerBox.y + headerBox.height + 36;
  const bodyBoxes: ViewBox[] = [centred(first, 'QUYẾT ĐỊNH', width / 2, bodyStart, 14), centred(first, 'Về việc ban hành Quy chế làm việc', width / 2, bodyStart + 18, 14)];
  const lineWidth = right - left;
  const words = BODY.split(' ');
  const paragraphLines: string[] = [];
  let line = '';
  for (const word of [...words, ...words]) {
    const next = line ? `${line} ${word}` : word;
    if (regular.widthOfTextAtSize(next, 13) > lineWidth) {
      paragraphLines.push(line);
      line = word;
    } else line = next;
  }
  paragraphLines.push(line);
  let page = first;
  let pageNumber = 1;
  let y = bodyStart + 48;
  const signerRoom = 170;
  const pageLines = (bottom: number) => {
    for (let i = 0; y <= bottom; i++) {
      const box = write(page, paragraphLines[i % paragraphLines.length]!, left, y, 13);
      if (pageNumber === 1) bodyBoxes.push(box);
      y += 19;
    }
  };
  pageLines(pages === 1 ? height - height * 0.06 - signerRoom : height - height * 0.08);
  for (pageNumber = 2; pageNumber <= pages; pageNumber++) {
    page = newPage();
    y = height * 0.08;
    write(page, String(pageNumber), width / 2, height * 0.04, 13);
    pageLines(pageNumber === pages ? height - height * 0.06 - signerRoom : height - height * 0.08);
  }

  // The signer's block, right column; "Nơi nhận" on the left of it.
  const blockTop = y + 20;
  const titles = options.titles ?? SIGNER_TITLES;
  const titleBoxes = titles.map((title, i) => centred(page, title, rightCentre, blockTop + 14 * i, 13));
  const lastTitle = titleBoxes.at(-1)!;
  const nameLine = centred(page, options.signerName ?? SIGNER_NAME, rightCentre, lastTitle.y + lastTitle.height + 90, 13);
  const recipients = union([
    write(page, 'Nơi nhận:', left, blockTop, 12, italic),
    write(page, '- Như Điều 3;', left, blockTop + 14, 11),
    write(page, '- Chủ tịch, các Phó Chủ tịch;', left, blockTop + 27, 11),
    write(page, '- Lưu: VT.', left, blockTop + 40, 11),
  ]);
  await writeFile(file, await doc.save());
  return {
    header: headerBox,
    numberLine,
    dateLine,
    body: union(bodyBoxes),
    signerPage: pages,
    signerGap: { x: nameLine.x, y: lastTitle.y + lastTitle.height, width: nameLine.width, height: nameLine.y - lastTitle.y - lastTitle.height },
    nameLine,
    recipients,
    size: [width, height],
  };
}

export function union(boxes: ViewBox[]): ViewBox {
  const x = Math.min(...boxes.map((box) => box.x));
  const y = Math.min(...boxes.map((box) => box.y));
  return { x, y, width: Math.max(...boxes.map((box) => box.x + box.width)) - x, height: Math.max(...boxes.map((box) => box.y + box.height)) - y };
}

/**
 * assets/sample.pdf has no Decree 30 header: the boxes a clerk would place on it (view space,
 * page 1, clear of its two lines of text), for tests that sign it through the app.
 */
export const SAMPLE_PDF_BOXES = {
  number: { page: 1, x: 72, y: 120, width: 150, height: 18 },
  date: { page: 1, x: 320, y: 120, width: 220, height: 18 },
  leader: { page: 1, x: 330, y: 672, width: 210, height: 80 },
} as const;
