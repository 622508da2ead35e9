import { describe, expect, it } from 'vitest';
import { buildDocumentPackage, buildStatusPackage } from './builder.js';
import { BUSINESS_DOC_TYPE, RECEIVER_TYPE, STATUS_CODE } from './codes.js';
import { EdxmlValidationError } from './errors.js';
import type { DocumentPackage } from './model.js';
import { collectText, parseXml, sampleDocumentPackage, sampleStatus, testBytes, withEdxmlPrefix } from '../../test/edxml-fixtures.js';

const pdf = (id: string) => testBytes(5000 + Number(id) * 37, Number(id), '%PDF-1.7\n');
const bodies = (id: string) => [pdf(id)];
const build = (pkg: DocumentPackage) => collectText(buildDocumentPackage(pkg, bodies));

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof EdxmlValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected an EdxmlValidationError');
}

describe('building and reading back a document package', () => {
  it('gives back every field and the exact attachment bytes', async () => {
    const pkg = sampleDocumentPackage();
    const { parsed, attachments } = parseXml(await build(pkg));
    expect(parsed.kind).toBe('document');
    if (parsed.kind !== 'document') return;
    const read = parsed.package;
    expect(read.header.from).toEqual(pkg.header.from);
    expect(read.header.to).toEqual(pkg.header.to);
    expect(read.header.documentId).toBe('000.00.00.H41,2026/03/12,05/QĐ-UBND');
    expect(read.header.code).toEqual({ codeNumber: '05', codeNotation: 'QĐ-UBND' });
    expect(read.header.promulgationInfo).toEqual({ place: 'Nghệ An', promulgationDate: '2026/03/12' });
    expect(read.header.documentType).toEqual({ type: 1, typeDetail: 0, typeName: 'Quyết định' });
    expect(read.header.subject).toBe(pkg.header.subject);
    expect(read.header.content).toBe('Phê duyệt kế hoạch cải cách hành chính năm 2026.\r\nGiao Sở Nội vụ theo dõi.');
    expect(read.header.signerInfo).toEqual(pkg.header.signerInfo);
    expect(read.header.dueDate).toBe('2026/04/30');
    expect(read.header.toPlaces).toEqual(pkg.header.toPlaces);
    expect(read.header.otherInfo).toEqual(pkg.header.otherInfo);
    expect(read.header.responseFor).toEqual(pkg.header.responseFor);
    expect(read.header.steeringType).toBe(1);
    expect(read.traces).toEqual(pkg.traces);
    expect(read.business).toEqual(pkg.business);
    expect(read.references).toEqual(pkg.references);
    expect(read.attachments).toEqual(pkg.attachments);
    expect(read).toEqual(pkg);
    expect(attachments.map((attachment) => attachment.meta)).toEqual(pkg.attachments);
    expect(attachments.map((attachment) => Buffer.from(attachment.bytes).equals(Buffer.from(pdf(attachment.meta.contentId))))).toEqual([true, true]);
  });

  it('is byte-stable: build → parse → build gives the same bytes', async () => {
    const first = await build(sampleDocumentPackage());
    const { parsed } = parseXml(first);
    if (parsed.kind !== 'document') throw new Error('expected a document');
    expect(await build(parsed.package)).toBe(first);
  });

  it('writes the layout of docs/formats.md: the edXML namespace as the default one, base64 in 76-character lines, no Signature, no empty elements', async () => {
    const pkg = sampleDocumentPackage(['1']);
    pkg.header.dueDate = '';
    for (const organ of [pkg.header.from, ...pkg.header.to]) organ.fax = '';
    const xml = await collectText(buildDocumentPackage(pkg, () => [testBytes(1000, 3)]));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">')).toBe(true);
    expect(xml).not.toMatch(/edXML:|xmlns:/);
    expect(xml).not.toMatch(/Signature|DueDate|<Fax>|BussinessDocReason/);
    expect(xml.indexOf('</edXMLEnvelope>')).toBeLessThan(xml.indexOf('<AttachmentEncoded>'));
    const body = /<ContentTransferEncoded>\n([\s\S]*?)\s*<\/ContentTransferEncoded>/.exec(xml)![1]!.split('\n');
    expect(body.slice(0, -1).every((line) => line.length === 76)).toBe(true);
    expect(body.at(-1)!.length).toBeLessThanOrEqual(76);
    expect(Buffer.from(body.join(''), 'base64').equals(Buffer.from(testBytes(1000, 3)))).toBe(true);
  });

  it('writes the message header in the documented order, ToPlaces and the type codes included, every boolean as 0/1', async () => {
    const pkg = sampleDocumentPackage(['1']);
    pkg.business = { ...pkg.business, docType: BUSINESS_DOC_TYPE.update, reason: 'Bổ sung nơi nhận', documentId: 'x', documentInfo: true, documentReceiver: false };
    const xml = await collectText(buildDocumentPackage(pkg, () => [testBytes(10, 3)]));
    const childrenOf = (name: string) => {
      const block = new RegExp(`\\n(\\s*)<${name}>\\n([\\s\\S]*?)\\n\\1</${name}>`).exec(xml)!;
      const indent = `${block[1]!}  `;
      return [...block[2]!.matchAll(new RegExp(`^${indent}<(\\w+)`, 'gm'))].map((match) => match[1]);
    };
    // docs/formats.md#edxml-header, in this order.
    expect(childrenOf('MessageHeader')).toEqual([
      'From', 'To', 'To', 'DocumentId', 'Code', 'PromulgationInfo', 'DocumentType', 'Subject', 'Content', 'SignerInfo', 'DueDate', 'ToPlaces', 'OtherInfo', 'ResponseFor', 'SteeringType',
    ]);
    expect(childrenOf('DocumentType')).toEqual(['Type', 'TypeDetail', 'TypeName']);
    expect(childrenOf('ToPlaces')).toEqual(['Place', 'Place', 'Place']);
    expect(childrenOf('OtherInfo')).toEqual(['Priority', 'SphereOfPromulgation', 'TyperNotation', 'PromulgationAmount', 'PageAmount', 'Direction', 'Appendixes']);
    expect(xml).toContain('<Place>Văn phòng Chính phủ (để b/c);</Place>');
    expect(xml).toContain('<Type>1</Type>');
    expect(xml).toContain('<TypeDetail>0</TypeDetail>');
    expect(xml).toContain('<Direction>1</Direction>');
    expect(xml).toContain('<Paper>0</Paper>');
    expect(xml).toContain('<DocumentInfo>1</DocumentInfo>');
    expect(xml).toContain('<DocumentReceiver>0</DocumentReceiver>');
    expect(xml).not.toMatch(/>(true|false)</);
    expect(parseXml(xml).parsed).toEqual({ kind: 'document', package: pkg });
  });

  it('reads what VNPT’s library writes the same way: the edXML: prefix and booleans as true/false', async () => {
    const pkg = sampleDocumentPackage(['1']);
    const xml = await collectText(buildDocumentPackage(pkg, () => [testBytes(10, 3)]));
    const vnpt = withEdxmlPrefix(xml).replace('<edXML:Direction>1<', '<edXML:Direction>true<').replace('<edXML:Paper>0<', '<edXML:Paper>false<');
    expect(vnpt).toContain('<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">');
    expect(parseXml(vnpt).parsed).toEqual({ kind: 'document', package: pkg });
  });

  it('streams bodies given in any chunking, sync or async', async () => {
    const bytes = testBytes(200_000, 9);
    async function* pieces() {
      for (let at = 0; at < bytes.length; at += 7_777) yield bytes.subarray(at, at + 7_777);
    }
    const chunks: string[] = [];
    for await (const chunk of buildDocumentPackage(sampleDocumentPackage(['1']), () => pieces())) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(3);
    const { attachments } = parseXml(chunks.join(''));
    expect(Buffer.from(attachments[0]!.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('round-trips revoke, update and replace business blocks', async () => {
    const revoke = sampleDocumentPackage();
    revoke.business = { ...revoke.business, docType: BUSINESS_DOC_TYPE.revoke, reason: 'Ban hành nhầm đối tượng', documentId: '000.00.00.H41,2026/03/01,02/QĐ-UBND', paper: true };
    const update = sampleDocumentPackage();
    update.business = {
      ...update.business,
      docType: BUSINESS_DOC_TYPE.update,
      reason: 'Bổ sung nơi nhận',
      documentId: '000.00.00.H41,2026/03/01,02/QĐ-UBND',
      documentInfo: false,
      documentReceiver: true,
      receivers: [
        { organId: '000.00.13.H41', receiverType: RECEIVER_TYPE.added },
        { organId: '000.00.12.H41', receiverType: RECEIVER_TYPE.removed },
      ],
    };
    const replace = sampleDocumentPackage();
    replace.business = {
      ...replace.business,
      docType: BUSINESS_DOC_TYPE.replace,
      reason: 'Thay thế do sai sót',
      documentId: '000.00.00.H41,2026/03/01,02/QĐ-UBND',
      replacements: [{ documentId: '000.00.00.H41,2026/03/01,02/QĐ-UBND', organIds: ['000.00.00.G22', '000.00.12.H41'] }],
    };
    for (const pkg of [revoke, update, replace]) {
      const xml = await build(pkg);
      const { parsed } = parseXml(xml);
      expect(parsed).toEqual({ kind: 'document', package: pkg });
      expect(await build((parsed as { package: DocumentPackage }).package)).toBe(xml);
    }
  });
});

describe('status packages', () => {
  const reasons: Record<string, string> = { '02': 'Văn bản thiếu chữ ký số của cơ quan', '13': 'Đề nghị thu hồi do sai sót', '16': 'Không đồng ý cập nhật' };
  it.each(Object.values(STATUS_CODE))('status %s round-trips', async (code) => {
    const status = sampleStatus(code, reasons[code] ?? '');
    const xml = await collectText(buildStatusPackage(status));
    expect(xml).not.toMatch(/<To>|TraceHeaderList|edXMLBody|edXML:/);
    const { parsed } = parseXml(xml);
    expect(parsed).toEqual({ kind: 'status', package: status });
    expect(await collectText(buildStatusPackage(status))).toBe(xml);
  });

  it('keeps an unknown code verbatim', () => {
    const { parsed } = parseXml([...buildStatusPackage(sampleStatus('42'))].join(''));
    expect(parsed.kind === 'status' && parsed.package.statusCode).toBe('42');
  });

  it('requires a reason for 02, 13 and 16, two digits, and a timestamp', () => {
    for (const code of ['02', '13', '16']) expect(issuesOf(() => buildStatusPackage(sampleStatus(code)))).toEqual([{ path: 'description', message: 'is required' }]);
    const bad = { ...sampleStatus('3'), timestamp: '2026-03-12' };
    expect(issuesOf(() => buildStatusPackage(bad)).map((issue) => issue.path)).toEqual(['statusCode', 'timestamp']);
  });
});

describe('validation before writing', () => {
  it('reports every missing field of the minimal header, with its path', () => {
    const pkg = sampleDocumentPackage();
    pkg.header.from.organId = '';
    pkg.header.to = [];
    pkg.header.documentId = ' ';
    pkg.header.code = { codeNumber: '', codeNotation: '' };
    pkg.header.promulgationInfo.promulgationDate = '';
    pkg.header.documentType.typeName = '';
    pkg.header.subject = '';
    pkg.header.content = '';
    pkg.header.signerInfo.fullName = '';
    pkg.header.toPlaces = [' '];
    pkg.traces = [];
    pkg.attachments = [];
    pkg.references = [];
    expect(issuesOf(() => buildDocumentPackage(pkg, bodies)).map((issue) => issue.path)).toEqual([
      'header.from.organId',
      'header.to',
      'header.documentId',
      'header.code.codeNumber',
      'header.code.codeNotation',
      'header.promulgationInfo.promulgationDate',
      'header.documentType.typeName',
      'header.subject',
      'header.content',
      'header.signerInfo.fullName',
      'header.toPlaces',
      'traces',
      'attachments',
    ]);
  });

  it('applies the length limits, the OrganId shape, the ranges and the date forms', () => {
    const pkg = sampleDocumentPackage();
    pkg.header.documentId = 'x'.repeat(201);
    pkg.header.code.codeNotation = 'Đ'.repeat(51);
    pkg.header.subject = 'ệ'.repeat(501);
    pkg.header.to[0]!.organName = 'a'.repeat(201);
    pkg.header.to[1]!.organId = '000.00 .H41';
    pkg.header.signerInfo.fullName = 'n'.repeat(51);
    pkg.header.otherInfo.priority = 5;
    pkg.header.dueDate = '30/04/2026';
    pkg.traces[0]!.timestamp = '2026/02/30 10:00:00';
    pkg.header.content = 'bell \u0007';
    expect(issuesOf(() => buildDocumentPackage(pkg, bodies))).toEqual([
      { path: 'header.to[0].organName', message: 'is longer than 200 characters' },
      { path: 'header.to[1].organId', message: 'must be printable ASCII without spaces' },
      { path: 'header.documentId', message: 'is longer than 200 characters' },
      { path: 'header.code.codeNotation', message: 'is longer than 50 characters' },
      { path: 'header.subject', message: 'is longer than 500 characters' },
      { path: 'header.signerInfo.fullName', message: 'is longer than 50 characters' },
      { path: 'header.dueDate', message: 'must be a date yyyy/MM/dd' },
      { path: 'header.otherInfo.priority', message: 'must be a whole number from 0 to 4' },
      { path: 'traces[0].timestamp', message: 'must be a timestamp yyyy/MM/dd HH:mm:ss' },
      { path: 'header.content', message: 'contains a character XML cannot carry' },
    ]);
  });

  it('requires a reason and the earlier document for revoke, update and replace', () => {
    for (const docType of [BUSINESS_DOC_TYPE.revoke, BUSINESS_DOC_TYPE.update, BUSINESS_DOC_TYPE.replace]) {
      const pkg = sampleDocumentPackage();
      pkg.business.docType = docType;
      expect(issuesOf(() => buildDocumentPackage(pkg, bodies)).map((issue) => issue.path)).toEqual(['business.reason', 'business.documentId']);
    }
  });

  it('refuses update or replace details on another kind of package, and references to nothing', () => {
    const pkg = sampleDocumentPackage();
    pkg.business.receivers = [{ organId: '000.00.13.H41', receiverType: RECEIVER_TYPE.added }];
    pkg.business.replacements = [{ documentId: 'x', organIds: ['000.00.00.G22'] }];
    pkg.references[1]!.contentId = 'cid:3';
    pkg.attachments.push({ ...pkg.attachments[0]! });
    expect(issuesOf(() => buildDocumentPackage(pkg, bodies)).map((issue) => issue.path)).toEqual([
      'business.receivers',
      'business.replacements',
      'attachments[2].contentId',
      'references[1].contentId',
    ]);
  });
});
