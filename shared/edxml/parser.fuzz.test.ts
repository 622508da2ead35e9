/**
 * Property-based fuzzing of the streaming edXML parser: packages from the builder,
 * mutated the ways damaged or hostile packages differ from good ones, plus arbitrary text, fed in
 * random pieces. Whatever comes in, the parser either reads a package or throws its own
 * EdxmlParseError: never a TypeError, RangeError or anything else that would stop the sync.
 * Every input is a few hundred kilobytes at most, so each case is bounded by the parser's limits.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentPackage, buildStatusPackage } from './builder.js';
import { EdxmlParseError } from './errors.js';
import type { DocumentPackage } from './model.js';
import { collectText, parseInPieces, sampleDocumentPackage, sampleStatus, testBytes, withEdxmlPrefix } from '../../test/edxml-fixtures.js';
import { fraction, hostileText, mutation, pieces } from '../../test/edxml-mutations.js';

const MUTATED_RUNS = 4_000;
const ARBITRARY_RUNS = 1_500;
const ROUND_TRIP_RUNS = 300;

let seeds: string[] = [];

beforeAll(async () => {
  const twoFiles = await collectText(buildDocumentPackage(sampleDocumentPackage(['1', '2']), (id) => [testBytes(400, Number(id), '%PDF-1.4\n')]));
  const oneFile = await collectText(buildDocumentPackage(sampleDocumentPackage(['1']), () => [testBytes(90, 7)]));
  const status = [...buildStatusPackage(sampleStatus('03', 'Đã tiếp nhận'))].join('');
  // As VanThu writes them (default namespace) and as VNPT's library does (edXML: prefix).
  seeds = [twoFiles, oneFile, status, withEdxmlPrefix(twoFiles), withEdxmlPrefix(status)];
});

/** The property: a package, or the parser's own error; anything else fails the case. */
function parsesOrRejects(text: string, cuts: readonly number[]): void {
  try {
    parseInPieces(pieces(text, cuts));
  } catch (error) {
    if (!(error instanceof EdxmlParseError)) throw error;
  }
}

describe('edXML parser under fuzzing', () => {
  it(`reads or rejects with EdxmlParseError ${MUTATED_RUNS} mutated packages, fed in random pieces`, () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.array(fraction, { maxLength: 6 }), (seed, mutations, cuts) => {
        parsesOrRejects(mutations.reduce((xml, mutate) => mutate(xml), seeds[seed % seeds.length]!), cuts);
      }),
      { numRuns: MUTATED_RUNS },
    );
  }, 50_000);

  it(`reads or rejects with EdxmlParseError ${ARBITRARY_RUNS} arbitrary strings`, () => {
    const edxmlish = fc.array(fc.oneof(fc.constantFrom('<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">', '<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">', '<edXML:Attachment>', '<Attachment>', '<edXML:ContentTransferEncoded>', '</edXML:ContentTransferEncoded>', '<ContentTransferEncoded>', '</ContentTransferEncoded>', '</edXML:edXML>', '</edXML>', '<', '>', '/>', '&', ';', '"'), hostileText), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 }), edxmlish), fc.array(fraction, { maxLength: 4 }), parsesOrRejects),
      { numRuns: ARBITRARY_RUNS },
    );
  }, 50_000);

  it('rejects mutations that break the rules with the reason the rule names', () => {
    // A sanity check of the generators: without it, a mutation that never fires would pass above.
    const [xml] = seeds;
    const reason = (text: string) => {
      try {
        parseInPieces([text]);
        return 'parsed';
      } catch (error) {
        return (error as EdxmlParseError).reason;
      }
    };
    expect(reason(xml!)).toBe('parsed');
    expect(reason(seeds[3]!)).toBe('parsed');
    expect(reason(xml!.slice(0, xml!.length / 2))).toBe('not_well_formed');
    expect(reason(`<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${xml}`)).toBe('doctype_or_entity');
    expect(reason(xml!.replace('<ContentTransferEncoded>\n', '<ContentTransferEncoded>\n!'))).toBe('bad_base64');
  });
});

/** Text a field can carry: no character XML cannot, not blank, not the `null` producers write for nothing. */
const fieldText = (maxLength: number) =>
  fc
    .string({ unit: 'binary', maxLength })
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry
    .map((text) => text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|\p{Cs}/gu, '').trim())
    .filter((text) => text !== '' && text !== 'null');
const organId = fc.stringMatching(/^[\x21-\x7e]{1,30}$/).filter((id) => id !== 'null');

describe('edXML round trip', () => {
  it(`parse(build(x)) gives back every field of ${ROUND_TRIP_RUNS} generated packages and every attachment byte`, async () => {
    const fields = fc.record({
      from: organId,
      to: fc.array(organId, { minLength: 1, maxLength: 3 }),
      organName: fieldText(60),
      documentId: fieldText(80),
      codeNumber: fieldText(20),
      codeNotation: fieldText(20),
      subject: fieldText(200),
      content: fieldText(200),
      fullName: fieldText(20),
      priority: fc.integer({ min: 0, max: 4 }),
      files: fc.array(fc.record({ name: fieldText(40), description: fieldText(40), bytes: fc.uint8Array({ maxLength: 300 }) }), { minLength: 1, maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fields, fc.array(fraction, { maxLength: 4 }), async (x, cuts) => {
        const base = sampleDocumentPackage(x.files.map((_, index) => String(index + 1)));
        const pkg: DocumentPackage = {
          ...base,
          header: {
            ...base.header,
            from: { ...base.header.from, organId: x.from, organName: x.organName },
            to: x.to.map((id) => ({ ...base.header.to[0]!, organId: id })),
            documentId: x.documentId,
            code: { codeNumber: x.codeNumber, codeNotation: x.codeNotation },
            subject: x.subject,
            content: x.content,
            signerInfo: { ...base.header.signerInfo, fullName: x.fullName },
            otherInfo: { ...base.header.otherInfo, priority: x.priority },
          },
          references: base.references.map((reference, index) => ({ ...reference, attachmentName: x.files[index]!.name, description: x.files[index]!.description })),
          attachments: base.attachments.map((attachment, index) => ({ ...attachment, attachmentName: x.files[index]!.name, description: x.files[index]!.description })),
        };
        const xml = await collectText(buildDocumentPackage(pkg, (id) => [x.files[Number(id) - 1]!.bytes]));
        const read = parseInPieces(pieces(xml, cuts));
        expect(read.parsed).toEqual({ kind: 'document', package: pkg });
        expect(read.attachments.map((attachment) => Buffer.from(attachment.bytes).toString('hex'))).toEqual(x.files.map((file) => Buffer.from(file.bytes).toString('hex')));
      }),
      { numRuns: ROUND_TRIP_RUNS },
    );
  }, 50_000);
});
