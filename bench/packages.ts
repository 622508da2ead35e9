/**
 * Test packages for the ingest bench: document packages from A with one or more PDF-like
 * attachments each, written with the core's package writer and uploaded through the real VXP client.
 */
import { randomBytes } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AgencyCredential } from '../axis/directory.js';
import { BUSINESS_DOC_TYPE } from '../shared/edxml/codes.js';
import { formatEdxmlTimestamp } from '../shared/edxml/dates.js';
import type { DocumentPackage, Organization } from '../shared/edxml/model.js';
import type { AxisClient } from '../electron/core/exchange/axis-client/types.js';
import { writePackageFile } from '../electron/core/exchange/edxml/package-writer.js';

const UPLOADS_IN_FLIGHT = 4;

const organ = (agency: AgencyCredential): Organization => ({
  organId: agency.code,
  organizationInCharge: '',
  organName: agency.name,
  organAdd: '',
  email: '',
  telephone: '',
  fax: '',
  website: '',
});

const contentId = (position: number) => `cid:${position + 1}`;

export function benchDocument(index: number, from: AgencyCredential, to: readonly AgencyCredential[], now: Date, attachmentCount = 1): DocumentPackage {
  const number = String(index + 1);
  const notation = 'UBND-VP';
  const attachments = Array.from({ length: attachmentCount }, (_, position) => ({
    contentId: contentId(position),
    contentType: 'application/pdf',
    description: position === 0 ? `Công văn ${number}` : `Phụ lục ${position}`,
    attachmentName: position === 0 ? `${number}-${notation}.pdf` : `${number}-${notation}-PL${position}.pdf`,
  }));
  return {
    header: {
      from: organ(from),
      to: to.map(organ),
      documentId: `${from.code},2026/03/12,${number}/${notation}`,
      code: { codeNumber: number, codeNotation: notation },
      promulgationInfo: { place: 'Nghệ An', promulgationDate: '2026/03/12' },
      documentType: { type: null, typeDetail: null, typeName: 'Công văn' },
      subject: `Về việc triển khai kế hoạch chuyển đổi số năm 2026 (đợt ${number})`,
      content: 'Đề nghị các cơ quan, đơn vị triển khai thực hiện và báo cáo kết quả trước ngày 30/4/2026.',
      signerInfo: { competence: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', fullName: 'Nguyễn Văn An' },
      dueDate: '2026/04/30',
      toPlaces: ['Như trên;', 'Lưu: VT.'],
      otherInfo: { priority: index % 5, sphereOfPromulgation: '', typerNotation: '', promulgationAmount: null, pageAmount: null, direction: false, appendixes: [] },
      responseFor: [],
      steeringType: 1,
    },
    traces: [{ organId: from.code, timestamp: formatEdxmlTimestamp(now) }],
    business: {
      docType: BUSINESS_DOC_TYPE.new,
      reason: '',
      documentId: '',
      paper: false,
      staffInfo: { department: '', staff: '', email: '', mobile: '' },
      documentInfo: false,
      documentReceiver: false,
      receivers: [],
      replacements: [],
    },
    references: attachments,
    attachments,
  };
}

/** A PDF-looking file of `size` bytes; `label` makes every one distinct (the blob store deduplicates). */
function pdfBytes(base: Buffer, label: string): Buffer {
  const bytes = Buffer.from(base);
  const head = Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n% bench document ${label}\n`, 'latin1');
  head.copy(bytes, 0);
  Buffer.from('\n%%EOF\n', 'latin1').copy(bytes, bytes.length - 7);
  return bytes;
}

export interface Uploaded {
  docIds: string[];
  packageBytes: number;
}

export interface PackageShape {
  count: number;
  attachmentsPerPackage: number;
  attachmentBytes: number;
}

/**
 * Builds `count` packages from `from` to `to` and sends each once (to every recipient at once);
 * `workDir` holds the files only while each upload runs.
 */
export async function uploadPackages(
  client: AxisClient,
  workDir: string,
  shape: PackageShape,
  from: AgencyCredential,
  to: readonly AgencyCredential[],
  onProgress: (done: number) => void,
): Promise<Uploaded> {
  const { count, attachmentsPerPackage } = shape;
  const base = randomBytes(shape.attachmentBytes);
  const docIds: string[] = new Array<string>(count);
  let packageBytes = 0;
  let next = 0;
  let done = 0;
  const now = new Date();
  async function worker(): Promise<void> {
    while (next < count) {
      const index = next++;
      const pdfs = Array.from({ length: attachmentsPerPackage }, (_, position) => path.join(workDir, `${index}-${position}.pdf`));
      const xml = path.join(workDir, `${index}.xml`);
      try {
        for (const [position, pdf] of pdfs.entries()) await writeFile(pdf, pdfBytes(base, `${index}-${position}`));
        const files = new Map(pdfs.map((pdf, position) => [contentId(position), pdf]));
        await writePackageFile(xml, benchDocument(index, from, to, now, attachmentsPerPackage), files, { zipAttachments: false });
        docIds[index] = await client.send(xml, 'edoc', to.map((agency) => agency.code));
        if (index === 0) packageBytes = (await stat(xml)).size;
      } finally {
        for (const pdf of pdfs) await rm(pdf, { force: true });
        await rm(xml, { force: true });
      }
      onProgress(++done);
    }
  }
  await Promise.all(Array.from({ length: UPLOADS_IN_FLIGHT }, worker));
  return { docIds, packageBytes };
}
