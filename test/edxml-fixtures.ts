/**
 * Sample packages and small helpers for the edXML tests (here and in the Node adapter's):
 * realistic values, Vietnamese text, every optional block filled.
 */
import { BUSINESS_DOC_TYPE, PRIORITY } from '../shared/edxml/codes.js';
import type { DocumentPackage, Organization, ParsedPackage, StatusPackage } from '../shared/edxml/model.js';
import { buildDocumentPackage, buildStatusPackage } from '../shared/edxml/builder.js';
import { createEdxmlParser, type EdxmlSink } from '../shared/edxml/parser.js';

function organization(organId: string, organName: string): Organization {
  return {
    organId,
    organizationInCharge: organName,
    organName,
    organAdd: 'Số 1 Hoàng Hoa Thám, Ba Đình, Hà Nội',
    email: 'vanthu@example.gov.vn',
    telephone: '024 3823 1234',
    fax: '024 3823 5678',
    website: 'https://example.gov.vn',
  };
}

export function sampleDocumentPackage(contentIds: readonly string[] = ['1', '2']): DocumentPackage {
  return {
    header: {
      from: organization('000.00.00.H41', 'UBND tỉnh Nghệ An'),
      to: [organization('000.00.00.G22', 'Văn phòng Chính phủ'), organization('000.00.12.H41', 'Sở Tài chính tỉnh Nghệ An')],
      documentId: '000.00.00.H41,2026/03/12,05/QĐ-UBND',
      code: { codeNumber: '05', codeNotation: 'QĐ-UBND' },
      promulgationInfo: { place: 'Nghệ An', promulgationDate: '2026/03/12' },
      documentType: { type: 1, typeDetail: 0, typeName: 'Quyết định' },
      subject: 'Về việc phê duyệt kế hoạch cải cách hành chính năm 2026 & các nhiệm vụ <trọng tâm>',
      content: 'Phê duyệt kế hoạch cải cách hành chính năm 2026.\r\nGiao Sở Nội vụ theo dõi.',
      signerInfo: { competence: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', fullName: 'Nguyễn Văn An' },
      dueDate: '2026/04/30',
      toPlaces: ['Như Điều 3;', 'Văn phòng Chính phủ (để b/c);', 'Lưu: VT, NC.'],
      otherInfo: {
        priority: PRIORITY.urgent,
        sphereOfPromulgation: 'Liên thông văn bản quốc gia',
        typerNotation: 'TVC',
        promulgationAmount: 12,
        pageAmount: 3,
        direction: true,
        appendixes: ['Phụ lục I: Danh mục nhiệm vụ', 'Phụ lục II: Tiến độ'],
      },
      responseFor: [{ organId: '000.00.00.G22', code: '7816/VPCP-TTĐT', promulgationDate: '2025/09/30', documentId: '000.00.00.G22,2025/09/30,7816/VPCP-TTĐT' }],
      steeringType: 1,
    },
    traces: [{ organId: '000.00.00.H41', timestamp: '2026/03/12 09:15:30' }],
    business: {
      docType: BUSINESS_DOC_TYPE.new,
      reason: '',
      documentId: '',
      paper: false,
      staffInfo: { department: 'Văn phòng UBND tỉnh', staff: 'Trần Thị Bình', email: 'binh@example.gov.vn', mobile: '0912345678' },
      documentInfo: false,
      documentReceiver: false,
      receivers: [],
      replacements: [],
    },
    references: contentIds.map((id, index) => ({
      contentId: `cid:${id}`,
      contentType: 'application/pdf',
      description: `Tệp ${index + 1}`,
      attachmentName: `05-QD-UBND-${index + 1}.pdf`,
    })),
    attachments: contentIds.map((id, index) => ({
      contentId: id,
      contentType: 'application/pdf',
      description: `Tệp ${index + 1}`,
      attachmentName: `05-QD-UBND-${index + 1}.pdf`,
    })),
  };
}

export function sampleStatus(statusCode: string, description = ''): StatusPackage {
  return {
    from: organization('000.00.00.G22', 'Văn phòng Chính phủ'),
    responseFor: { organId: '000.00.00.H41', code: '05/QĐ-UBND', promulgationDate: '2026/03/12', documentId: '000.00.00.H41,2026/03/12,05/QĐ-UBND' },
    staffInfo: { department: 'Phòng Hành chính', staff: 'Lê Văn Cường', email: 'cuong@example.gov.vn', mobile: '0987654321' },
    statusCode,
    description,
    timestamp: '2026/03/12 10:00:00',
  };
}

/** Pseudo-random bytes from a seed after an ASCII `prefix` (magic bytes): test files without a random source. */
export function testBytes(length: number, seed: number, prefix = ''): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < Math.min(prefix.length, length); i++) bytes[i] = prefix.charCodeAt(i);
  let state = seed >>> 0 || 1;
  for (let i = prefix.length; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 255;
  }
  return bytes;
}

export async function collectText(chunks: AsyncIterable<string> | Iterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join('');
}

export interface CollectedAttachment {
  meta: Parameters<EdxmlSink['beginAttachment']>[0];
  bytes: Uint8Array;
}

/** Parses `xml` fed in the given pieces, keeping every attachment's bytes. */
export function parseInPieces(pieces: Iterable<string>): { parsed: ParsedPackage; attachments: CollectedAttachment[] } {
  const attachments: CollectedAttachment[] = [];
  let parts: Uint8Array[] = [];
  let meta: CollectedAttachment['meta'] | undefined;
  const parser = createEdxmlParser({
    beginAttachment(begun) {
      meta = begun;
      parts = [];
    },
    attachmentBytes(bytes) {
      parts.push(bytes.slice());
    },
    endAttachment() {
      const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
      let offset = 0;
      for (const part of parts) {
        bytes.set(part, offset);
        offset += part.length;
      }
      attachments.push({ meta: meta!, bytes });
    },
  });
  for (const piece of pieces) parser.write(piece);
  return { parsed: parser.close(), attachments };
}

/**
 * The same package with every element bound to the `edXML:` prefix (the form VNPT's library
 * writes) instead of the default namespace VanThu writes: both must read the same.
 */
export function withEdxmlPrefix(xml: string): string {
  return xml.replace(/<(\/?)([A-Za-z]\w*)/g, '<$1edXML:$2').replace(' xmlns="', ' xmlns:edXML="');
}

export function parseXml(xml: string): { parsed: ParsedPackage; attachments: CollectedAttachment[] } {
  return parseInPieces([xml]);
}

/**
 * The bytes of a real document package from `from` to `to` (one small PDF attachment), for tests
 * of the transport: the axis reads From and To of what it is given. `label` makes packages differ;
 * `codeNumber` makes them different documents (else they are versions of one DocumentId);
 * `file`, the attachment's bytes (a real PDF) instead of the small stand-in.
 */
export async function documentPackageBytes(from: string, to: readonly string[], label: string, codeNumber?: string, file?: Uint8Array): Promise<Uint8Array> {
  const pkg = sampleDocumentPackage(['1']);
  pkg.header.from = { ...pkg.header.from, organId: from };
  if (codeNumber !== undefined) {
    pkg.header.code = { ...pkg.header.code, codeNumber };
    pkg.header.documentId = `${from},2026/03/12,${codeNumber}/${pkg.header.code.codeNotation}`;
  }
  pkg.header.to = to.map((organId) => ({ ...pkg.header.to[0]!, organId }));
  pkg.header.subject = label;
  pkg.traces = [{ organId: from, timestamp: '2026/03/12 09:15:30' }];
  const xml = await collectText(buildDocumentPackage(pkg, () => [file ?? new TextEncoder().encode(`%PDF-1.4 ${label}`)]));
  return new TextEncoder().encode(xml);
}

/** The bytes of a status package from `from` about a document of `addressee`. */
export async function statusPackageBytes(from: string, addressee: string, statusCode = '01'): Promise<Uint8Array> {
  const status = sampleStatus(statusCode);
  status.from = { ...status.from, organId: from };
  status.responseFor = { ...status.responseFor, organId: addressee };
  return new TextEncoder().encode(await collectText(buildStatusPackage(status)));
}
