import { describe, expect, it } from 'vitest';
import { buildDocumentPackage } from './builder.js';
import { EdxmlParseError, type EdxmlRejectReason } from './errors.js';
import { createEdxmlParser, EDXML_PARSE_LIMITS } from './parser.js';
import { collectText, parseInPieces, parseXml, sampleDocumentPackage, testBytes } from '../../test/edxml-fixtures.js';

const NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
const PDF = Buffer.from(testBytes(3000, 11, '%PDF-1.4\n'));
const DOCX = Buffer.from(testBytes(1200, 12, 'PK\x03\x04'));

/** Base64 as Java's DOM serialiser writes it: CRLF lines with the CR as a character reference. */
const javaBase64 = (bytes: Buffer) => bytes.toString('base64').replace(/.{76}/g, '$&&#13;\n');

/**
 * A package as VNPT's library and its integrators write them: elements out of the spec's order,
 * xlink attributes, a DigitalSignature and an XML-DSig Signature, `null` texts, an empty
 * ResponseFor, a DocumentId whose date disagrees with PromulgationDate, unknown elements, the
 * Reference ContentId with `cid:` and the Attachment's without, one body in a CDATA section.
 */
function vnptPackage(p: string, rootDeclaration: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- exported by the province's document system -->
<${p}edXML ${rootDeclaration} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <${p}edXMLEnvelope>
    <${p}edXMLHeader>
      <${p}MessageHeader>
        <${p}From>
          <${p}OrganId>000.00.00.G22</${p}OrganId>
          <${p}OrganizationInCharge>Văn phòng Chính phủ</${p}OrganizationInCharge>
          <${p}OrganName>Văn phòng Chính phủ</${p}OrganName>
          <${p}OrganAdd>null</${p}OrganAdd>
          <${p}Email>vpcp@chinhphu.vn</${p}Email>
          <${p}Telephone/>
          <${p}Fax>null</${p}Fax>
          <${p}Website>null</${p}Website>
        </${p}From>
        <${p}To>
          <${p}OrganId>000.00.00.H41</${p}OrganId>
          <${p}OrganName>UBND tỉnh Nghệ An</${p}OrganName>
        </${p}To>
        <${p}Code>
          <${p}CodeNumber>7816</${p}CodeNumber>
          <${p}CodeNotation>VPCP-TTĐT</${p}CodeNotation>
        </${p}Code>
        <${p}PromulgationInfo>
          <${p}Place>Hà Nội</${p}Place>
          <${p}PromulgationDate>2015/10/01</${p}PromulgationDate>
        </${p}PromulgationInfo>
        <${p}DocumentType>
          <${p}Type>18</${p}Type>
          <${p}TypeName>Công văn</${p}TypeName>
          <${p}TypeDetail>0</${p}TypeDetail>
        </${p}DocumentType>
        <${p}Subject>V/v triển khai &quot;Chính phủ điện tử&quot; &amp; liên thông</${p}Subject>
        <${p}Content>V/v triển khai Chính phủ điện tử</${p}Content>
        <${p}SignerInfo>
          <${p}Competence>KT. BỘ TRƯỞNG, CHỦ NHIỆM</${p}Competence>
          <${p}Position>Phó Chủ nhiệm</${p}Position>
          <${p}FullName>Nguyễn Văn B</${p}FullName>
        </${p}SignerInfo>
        <${p}DueDate>null</${p}DueDate>
        <${p}ToPlaces>
          <${p}Place>Như trên;</${p}Place>
          <${p}Place/>
        </${p}ToPlaces>
        <${p}OtherInfo>
          <${p}Priority>2</${p}Priority>
          <${p}SphereOfPromulgation>Liên thông văn bản quốc gia</${p}SphereOfPromulgation>
          <${p}TyperNotation>null</${p}TyperNotation>
          <${p}PromulgationAmount>1</${p}PromulgationAmount>
          <${p}PageAmount>2</${p}PageAmount>
          <${p}Direction>false</${p}Direction>
          <${p}Appendixes><${p}Appendix/></${p}Appendixes>
        </${p}OtherInfo>
        <${p}ResponseFor/>
        <${p}SteeringType>0</${p}SteeringType>
        <${p}DocumentId>000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</${p}DocumentId>
        <${p}SomethingNew>ignored</${p}SomethingNew>
      </${p}MessageHeader>
      <${p}TraceHeaderList id="a1b2c3d4" version="1.0" mustUnderstand="1" actor="http://schemas.xmlsoap.org/soap/actor/next">
        <${p}TraceHeader>
          <${p}OrganId>000.00.00.G22</${p}OrganId>
          <${p}Timestamp>2015/10/01 08:30:00</${p}Timestamp>
        </${p}TraceHeader>
        <${p}TraceHeader>
          <${p}OrganId>vxp.saas.03</${p}OrganId>
          <${p}Timestamp>2015/10/01 08:30:05</${p}Timestamp>
        </${p}TraceHeader>
        <${p}Bussiness>
          <${p}BussinessDocType>0</${p}BussinessDocType>
          <${p}BussinessDocReason>null</${p}BussinessDocReason>
          <${p}StaffInfo>
            <${p}Department>Cục Kiểm soát TTHC</${p}Department>
            <${p}Staff>Trần C</${p}Staff>
            <${p}Mobile/>
            <${p}Email>null</${p}Email>
          </${p}StaffInfo>
          <${p}Paper>0</${p}Paper>
        </${p}Bussiness>
      </${p}TraceHeaderList>
      <${p}DigitalSignature/>
      <${p}Signature>
        <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><Reference URI=""><DigestValue>AAAA</DigestValue></Reference></SignedInfo><SignatureValue>c2ln</SignatureValue></Signature>
      </${p}Signature>
    </${p}edXMLHeader>
    <${p}edXMLBody>
      <${p}edXMLManifest version="1.0">
        <${p}Reference xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="cid:f1" xlink:role="XLinkRole" xlink:type="simple">
          <${p}Description>Công văn</${p}Description>
          <${p}AttachmentName>7816-VPCP.pdf</${p}AttachmentName>
          <${p}ContentType>application/pdf</${p}ContentType>
          <${p}ContentId>cid:f1</${p}ContentId>
        </${p}Reference>
        <${p}Reference xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="cid:f2">
          <${p}ContentId>f2</${p}ContentId>
          <${p}ContentType>application/docx</${p}ContentType>
          <${p}Description>null</${p}Description>
          <${p}AttachmentName>Phu luc.docx</${p}AttachmentName>
        </${p}Reference>
      </${p}edXMLManifest>
    </${p}edXMLBody>
  </${p}edXMLEnvelope>
  <${p}AttachmentEncoded>
    <${p}Attachment>
      <${p}ContentType>application/pdf</${p}ContentType>
      <${p}ContentId>f1</${p}ContentId>
      <${p}Description>Công văn</${p}Description>
      <${p}ContentTransferEncoded>${javaBase64(PDF)}</${p}ContentTransferEncoded>
      <${p}AttachmentName>7816-VPCP.pdf</${p}AttachmentName>
    </${p}Attachment>
    <${p}Attachment>
      <${p}ContentId>cid:f2</${p}ContentId>
      <${p}AttachmentName>Phu luc.docx</${p}AttachmentName>
      <${p}ContentType>application/docx</${p}ContentType>
      <${p}ContentTransferEncoded><![CDATA[${DOCX.toString('base64')}]]></${p}ContentTransferEncoded>
    </${p}Attachment>
  </${p}AttachmentEncoded>
</${p}edXML>
`;
}

const VARIANTS = {
  'edXML: prefix': vnptPackage('edXML:', `xmlns:edXML="${NS}"`),
  'another prefix': vnptPackage('x:', `xmlns:x="${NS}"`),
  'default namespace': vnptPackage('', `xmlns="${NS}"`),
};

function rejection(run: () => unknown): { reason: EdxmlRejectReason; path: string | undefined; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof EdxmlParseError) return { reason: error.reason, path: error.path, message: error.message };
    throw error;
  }
  throw new Error('expected an EdxmlParseError');
}
const rejectReason = (xml: string) => rejection(() => parseXml(xml)).reason;

/** A minimal valid package around the given MessageHeader content and attachments. */
function minimal({ header = '', attachments = '', manifest = '' } = {}): string {
  return `<edXML xmlns="${NS}"><edXMLEnvelope><edXMLHeader><MessageHeader>${header}</MessageHeader></edXMLHeader><edXMLBody><edXMLManifest>${manifest}</edXMLManifest></edXMLBody></edXMLEnvelope><AttachmentEncoded>${attachments}</AttachmentEncoded></edXML>`;
}
const HEADER = '<From><OrganId>000.00.00.G22</OrganId></From><DocumentId>id-1</DocumentId>';
const attachment = (body: string, contentId = '1') => `<Attachment><ContentId>${contentId}</ContentId><AttachmentName>a.pdf</AttachmentName><ContentTransferEncoded>${body}</ContentTransferEncoded></Attachment>`;

describe('reading real-world packages', () => {
  it.each(Object.entries(VARIANTS))('reads the VNPT-style package with %s', (_name, xml) => {
    const { parsed, attachments } = parseXml(xml);
    if (parsed.kind !== 'document') throw new Error('expected a document');
    const { header, traces, business, references } = parsed.package;
    expect(header.from).toEqual({
      organId: '000.00.00.G22',
      organizationInCharge: 'Văn phòng Chính phủ',
      organName: 'Văn phòng Chính phủ',
      organAdd: '',
      email: 'vpcp@chinhphu.vn',
      telephone: '',
      fax: '',
      website: '',
    });
    expect(header.to.map((organ) => organ.organId)).toEqual(['000.00.00.H41']);
    expect(header.documentId).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    expect(header.promulgationInfo.promulgationDate).toBe('2015/10/01');
    expect(header.documentType).toEqual({ type: 18, typeDetail: 0, typeName: 'Công văn' });
    expect(header.subject).toBe('V/v triển khai "Chính phủ điện tử" & liên thông');
    expect(header.dueDate).toBe('');
    expect(header.toPlaces).toEqual(['Như trên;']);
    expect(header.otherInfo).toEqual({
      priority: 2,
      sphereOfPromulgation: 'Liên thông văn bản quốc gia',
      typerNotation: '',
      promulgationAmount: 1,
      pageAmount: 2,
      direction: false,
      appendixes: [],
    });
    expect(header.responseFor).toEqual([]);
    expect(header.steeringType).toBe(0);
    expect(traces).toEqual([
      { organId: '000.00.00.G22', timestamp: '2015/10/01 08:30:00' },
      { organId: 'vxp.saas.03', timestamp: '2015/10/01 08:30:05' },
    ]);
    expect(business).toMatchObject({ docType: 0, reason: '', paper: false, staffInfo: { department: 'Cục Kiểm soát TTHC', staff: 'Trần C', email: '', mobile: '' } });
    expect(references.map((reference) => reference.contentId)).toEqual(['cid:f1', 'f2']);
    expect(references[1]!.description).toBe('');
    expect(parsed.package.attachments).toEqual([
      { contentId: 'f1', contentType: 'application/pdf', description: 'Công văn', attachmentName: '7816-VPCP.pdf' },
      { contentId: 'cid:f2', contentType: 'application/docx', description: '', attachmentName: 'Phu luc.docx' },
    ]);
    expect(Buffer.from(attachments[0]!.bytes).equals(PDF)).toBe(true);
    expect(Buffer.from(attachments[1]!.bytes).equals(DOCX)).toBe(true);
  });

  it('reads the three prefix forms the same, and the mixed form producers emit', () => {
    const [first, ...others] = Object.values(VARIANTS).map(parseXml);
    for (const other of others) expect(other).toEqual(first);
    // Root in the default namespace, inner blocks re-declaring it under a prefix, as seen in SDK samples.
    const mixed = VARIANTS['default namespace'].replace('<edXMLEnvelope>', `<edXML:edXMLEnvelope xmlns:edXML="${NS}">`).replace('</edXMLEnvelope>', '</edXML:edXMLEnvelope>');
    expect(parseXml(mixed)).toEqual(first);
  });

  it('gives the sink the meta known when the body starts; the package holds the final meta', () => {
    const { attachments } = parseXml(VARIANTS['edXML: prefix']);
    expect(attachments[0]!.meta).toEqual({ contentId: 'f1', contentType: 'application/pdf', description: 'Công văn', attachmentName: '' });
  });

  it('ignores elements in other namespaces, even when they reuse edXML names', () => {
    const xml = minimal({ header: `${HEADER}<Subject xmlns="urn:other">not ours</Subject><Subject>ours</Subject>` });
    const { parsed } = parseXml(xml);
    expect(parsed.kind === 'document' && parsed.package.header.subject).toBe('ours');
  });

  it('accepts an Attachment without a body as an empty file', () => {
    const xml = minimal({ header: HEADER, attachments: '<Attachment><ContentId>1</ContentId></Attachment>' });
    expect(parseXml(xml).attachments).toEqual([{ meta: { contentId: '1', contentType: '', description: '', attachmentName: '' }, bytes: new Uint8Array(0) }]);
  });
});

describe('chunk boundaries', () => {
  function randomPieces(text: string, seed: number): string[] {
    const pieces: string[] = [];
    let state = seed;
    for (let at = 0; at < text.length; ) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const size = 1 + (state % 300);
      pieces.push(text.slice(at, at + size));
      at += size;
    }
    return pieces;
  }

  it.each(Object.entries(VARIANTS))('gives the same result fed one character at a time or in random pieces (%s)', (_name, xml) => {
    const whole = parseXml(xml);
    expect(parseInPieces(xml)).toEqual(whole);
    for (const seed of [1, 2, 3, 4, 5]) expect(parseInPieces(randomPieces(xml, seed))).toEqual(whole);
  });

  it('does so for a built package with a larger body', async () => {
    const xml = await collectText(buildDocumentPackage(sampleDocumentPackage(['1']), () => [testBytes(100_000, 5, '%PDF')]));
    const whole = parseXml(xml);
    expect(Buffer.from(whole.attachments[0]!.bytes).equals(Buffer.from(testBytes(100_000, 5, '%PDF')))).toBe(true);
    expect(parseInPieces(xml)).toEqual(whole);
    expect(parseInPieces(randomPieces(xml, 42))).toEqual(whole);
  });

  it('hands the body to the sink in pieces, never whole', async () => {
    const xml = await collectText(buildDocumentPackage(sampleDocumentPackage(['1']), () => [testBytes(1_000_000, 5)]));
    const sizes: number[] = [];
    const parser = createEdxmlParser({ beginAttachment() {}, attachmentBytes: (bytes) => sizes.push(bytes.length), endAttachment() {} });
    for (let at = 0; at < xml.length; at += 65_536) parser.write(xml.slice(at, at + 65_536));
    parser.close();
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(1_000_000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(65_536);
  });
});

describe('quarantine reasons', () => {
  it('not_well_formed: a truncated or broken document', () => {
    const xml = minimal({ header: HEADER });
    expect(rejectReason(xml.slice(0, -20))).toBe('not_well_formed');
    expect(rejectReason(xml.replace('</DocumentId>', '</Documentid>'))).toBe('not_well_formed');
    expect(rejectReason('')).toBe('not_well_formed');
  });

  it('doctype_or_entity: any DOCTYPE, even a harmless one', () => {
    expect(rejectReason(`<?xml version="1.0"?><!DOCTYPE edXML>${minimal({ header: HEADER })}`)).toBe('doctype_or_entity');
  });

  it('doctype_or_entity: billion laughs', () => {
    const entities = Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level};`.repeat(10)}">`).join('');
    const xml = `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY lol0 "lol">${entities}]>${minimal({ header: `${HEADER}<Subject>&lol9;</Subject>` })}`;
    expect(rejectReason(xml)).toBe('doctype_or_entity');
  });

  it('doctype_or_entity: an external entity', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${minimal({ header: `${HEADER}<Subject>&xxe;</Subject>` })}`;
    expect(rejectReason(xml)).toBe('doctype_or_entity');
  });

  it('doctype_or_entity: an undefined entity without a DOCTYPE, in a field or in a body', () => {
    expect(rejectReason(minimal({ header: `${HEADER}<Subject>&xxe;</Subject>` }))).toBe('doctype_or_entity');
    expect(rejection(() => parseXml(minimal({ header: HEADER, attachments: attachment('QUJD&xxe;') })))).toMatchObject({
      reason: 'doctype_or_entity',
      path: 'edXML/AttachmentEncoded/Attachment/ContentTransferEncoded',
    });
  });

  it('wrong_namespace: the root in another namespace or none', () => {
    expect(rejectReason(minimal({ header: HEADER }).replace(NS, 'http://www.e-doc.vn/Schema/'))).toBe('wrong_namespace');
    expect(rejectReason(minimal({ header: HEADER }).replace(` xmlns="${NS}"`, ''))).toBe('wrong_namespace');
  });

  it('not_edxml: another root, or no MessageHeader', () => {
    expect(rejectReason('<html><body/></html>')).toBe('not_edxml');
    expect(rejectReason(`<edXML xmlns="${NS}"><AttachmentEncoded/></edXML>`)).toBe('not_edxml');
  });

  it('missing_from: no From/OrganId', () => {
    expect(rejectReason(minimal({ header: '<From><OrganName>X</OrganName></From><DocumentId>id-1</DocumentId>' }))).toBe('missing_from');
    expect(rejectReason(minimal({ header: '<DocumentId>id-1</DocumentId>' }))).toBe('missing_from');
  });

  it('missing_document_id: a document without DocumentId, a status without ResponseFor/DocumentId', () => {
    expect(rejectReason(minimal({ header: '<From><OrganId>000.00.00.G22</OrganId></From><DocumentId>null</DocumentId>' }))).toBe('missing_document_id');
    expect(rejectReason(minimal({ header: '<From><OrganId>000.00.00.G22</OrganId></From><ResponseFor/><StatusCode>01</StatusCode>' }))).toBe('missing_document_id');
  });

  it('bad_base64: a character outside the alphabet, a truncated body, data after the padding', () => {
    const reject = (body: string) => rejection(() => parseXml(minimal({ header: HEADER, attachments: attachment(body) })));
    expect(reject('QUJD!')).toMatchObject({ reason: 'bad_base64', path: 'edXML/AttachmentEncoded/Attachment/ContentTransferEncoded' });
    expect(reject('QUJDRA').reason).toBe('bad_base64');
    expect(reject('QUI=QUJD').reason).toBe('bad_base64');
    expect(reject('QUJD<x/>QUJD').reason).toBe('bad_base64');
  });

  it('reference_without_attachment: the manifest names a file the package lacks', () => {
    const manifest = '<Reference><ContentId>cid:1</ContentId></Reference><Reference><ContentId>cid:2</ContentId></Reference>';
    expect(rejection(() => parseXml(minimal({ header: HEADER, manifest, attachments: attachment('QUJD') })))).toMatchObject({
      reason: 'reference_without_attachment',
      path: 'edXML/edXMLEnvelope/edXMLBody/edXMLManifest/Reference[2]',
    });
  });

  it('too_deep: a depth bomb', () => {
    const depth = 10_000;
    expect(rejectReason(`<edXML xmlns="${NS}">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</edXML>`)).toBe('too_deep');
    expect(rejectReason(`<edXML xmlns="${NS}">${'<a>'.repeat(EDXML_PARSE_LIMITS.maxDepth - 2)}</edXML>`)).toBe('not_well_formed');
  });

  it('too_large: an oversized text, attribute or comment, or too many elements', () => {
    const big = 'x'.repeat(EDXML_PARSE_LIMITS.maxTextLength + 1);
    expect(rejection(() => parseXml(minimal({ header: `${HEADER}<Subject>${big}</Subject>` })))).toMatchObject({
      reason: 'too_large',
      path: 'edXML/edXMLEnvelope/edXMLHeader/MessageHeader/Subject',
    });
    expect(rejectReason(minimal({ header: `${HEADER}<Subject a="${big.repeat(9)}"/>` }))).toBe('too_large');
    expect(rejectReason(minimal({ header: `${HEADER}<!--${big.repeat(9)}-->` }))).toBe('too_large');
    expect(rejectReason(minimal({ header: `${HEADER}${'<a/>'.repeat(EDXML_PARSE_LIMITS.maxElements)}` }))).toBe('too_large');
  });

  it('keeps refusing after the first error', () => {
    const parser = createEdxmlParser({ beginAttachment() {}, attachmentBytes() {}, endAttachment() {} });
    expect(() => parser.write('<html>')).toThrow(EdxmlParseError);
    expect(() => parser.write('</html>')).toThrow(/root element is <html>/);
    expect(() => parser.close()).toThrow(/root element is <html>/);
  });
});
