/**
 * Property-based fuzzing of the streaming edXML parser (issue 7): packages from the builder,
 * mutated the ways damaged or hostile packages differ from good ones, plus arbitrary text, fed in
 * random pieces. Whatever comes in, the parser either reads a package or throws its own
 * EdxmlParseError: never a TypeError, RangeError or anything else that would stop the sync.
 * Every input is a few hundred kilobytes at most, so each case is bounded by the parser's limits.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentPackage, buildStatusPackage } from './builder.js';
import { EdxmlParseError } from './errors.js';
import { EDXML_PARSE_LIMITS } from './parser.js';
import type { DocumentPackage } from './model.js';
import { collectText, parseInPieces, sampleDocumentPackage, sampleStatus, testBytes, withEdxmlPrefix } from '../../test/edxml-fixtures.js';

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

/** Cuts `text` at the given fractions of its length, so chunk boundaries fall anywhere. */
function pieces(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => Math.floor(cut * text.length)))].sort((a, b) => a - b);
  const result: string[] = [];
  let from = 0;
  for (const point of points) {
    result.push(text.slice(from, point));
    from = point;
  }
  result.push(text.slice(from));
  return result;
}

/** The property: a package, or the parser's own error; anything else fails the case. */
function parsesOrRejects(text: string, cuts: readonly number[]): void {
  try {
    parseInPieces(pieces(text, cuts));
  } catch (error) {
    if (!(error instanceof EdxmlParseError)) throw error;
  }
}

/** An element, prefixed or not (the seeds have both forms). */
const ELEMENT = /<((?:edXML:)?\w+)[^>]*>(?:(?!<\1[\s>])[\s\S])*?<\/\1>\n?/g;
const TAG = /<[^>]*>/g;

interface Span {
  start: number;
  end: number;
}
const spans = (text: string, pattern: RegExp): Span[] => [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length }));

type Mutation = (xml: string) => string;
/** Picks the `pick`-th span (modulo) of `pattern` in the text and hands it to `change`. */
const onSpan = (pattern: RegExp, pick: number, change: (xml: string, span: Span) => string): Mutation => (xml) => {
  const found = spans(xml, pattern);
  return found.length === 0 ? xml : change(xml, found[pick % found.length]!);
};
const at = (xml: string, fraction: number) => Math.floor(fraction * xml.length);

const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('&xxe;', '&#0;', '&#x110000;', '&amp', ']]>', '<![CDATA[', '<!--', '<?pi x?>', '<!DOCTYPE edXML>', '<!ENTITY a "b">', '\uFFFE', '\uD800', '=', '====', 'QUJD!', 'xmlns=""'),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fraction.map((f): Mutation => (xml) => xml.slice(0, at(xml, f))),
  fc.tuple(fraction, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })).map(([f, char]): Mutation => (xml) => xml.slice(0, at(xml, f)) + char + xml.slice(at(xml, f) + 1)),
  fc.tuple(fraction, hostileText).map(([f, text]): Mutation => (xml) => xml.slice(0, at(xml, f)) + text + xml.slice(at(xml, f))),
  fc.nat().map((n): Mutation => onSpan(ELEMENT, n, (xml, s) => xml.slice(0, s.start) + xml.slice(s.end))),
  fc.nat().map((n): Mutation => onSpan(ELEMENT, n, (xml, s) => xml.slice(0, s.end) + xml.slice(s.start, s.end) + xml.slice(s.end))),
  fc.tuple(fc.nat(), fc.nat()).map(([n, m]): Mutation => (xml) => {
    // Moves one element to before another: elements reordered, or put where they do not belong.
    const found = spans(xml, ELEMENT);
    if (found.length < 2) return xml;
    const moved = found[n % found.length]!;
    const without = xml.slice(0, moved.start) + xml.slice(moved.end);
    const target = spans(without, ELEMENT)[m % (found.length - 1)] ?? { start: 0 };
    return without.slice(0, target.start) + xml.slice(moved.start, moved.end) + without.slice(target.start);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([n, m]): Mutation => (xml) => {
    const found = spans(xml, TAG);
    if (found.length < 2) return xml;
    const [a, b] = [found[n % found.length]!, found[m % found.length]!].sort((x, y) => x.start - y.start) as [Span, Span];
    if (a.start === b.start) return xml;
    return xml.slice(0, a.start) + xml.slice(b.start, b.end) + xml.slice(a.end, b.start) + xml.slice(a.start, a.end) + xml.slice(b.end);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(' a="1"', ' xmlns="urn:other"', ' xmlns:edXML="urn:other"', ' xmlns:edXML=""', ' edXML:x="&lt;"', ' a="1" a="2"', ' b=\'"\'', ' c')).map(
    ([n, attribute]): Mutation => onSpan(/<(?:edXML:)?\w+/g, n, (xml, s) => xml.slice(0, s.end) + attribute + xml.slice(s.end)),
  ),
  fc.constantFrom<Mutation>(
    (xml) => xml.replace('http://www.mic.gov.vn/TBT/QCVN_102_2016', 'http://www.e-doc.vn/Schema/'),
    (xml) => xml.replace(/ xmlns(?::edXML)?="[^"]*"/, ''),
    (xml) => xml.replaceAll('edXML:', 'x:'),
    (xml) => xml.replaceAll('edXML:', ''),
    (xml) => withEdxmlPrefix(xml).replaceAll('edXML:', 'x:'),
    (xml) => `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>${xml.replace(/<((?:edXML:)?Subject)>/, '<$1>&lol2;')}`,
    (xml) => `<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${xml.replace(/<((?:edXML:)?Subject)>/, '<$1>&xxe;')}`,
  ),
  fc.tuple(fc.nat(), fc.constantFrom('!', '=', '==QU', '-_', '%', '&amp;', '&#65;', '<b/>', ' \r\n', '\u00e9', '*'.repeat(3))).map(
    ([n, junk]): Mutation => onSpan(/<(?:edXML:)?ContentTransferEncoded>\n?/g, n, (xml, s) => xml.slice(0, s.end + (n % 40)) + junk + xml.slice(s.end + (n % 40))),
  ),
  fc.tuple(fraction, fc.integer({ min: 1, max: EDXML_PARSE_LIMITS.maxTextLength + 100 }), fc.constantFrom('x', 'ệ', '&amp;', ' ')).map(
    ([f, length, unit]): Mutation => onSpan(/<(?:edXML:)?(?:Subject|Content|OrganName)>/g, Math.floor(f * 8), (xml, s) => xml.slice(0, s.end) + unit.repeat(length) + xml.slice(s.end)),
  ),
  fc.tuple(fraction, fc.integer({ min: 1, max: EDXML_PARSE_LIMITS.maxDepth * 3 }), fc.boolean()).map(
    ([f, depth, closed]): Mutation => onSpan(/<(?:edXML:)?\w+>/g, Math.floor(f * 50), (xml, s) => xml.slice(0, s.end) + '<a>'.repeat(depth) + (closed ? '</a>'.repeat(depth) : '') + xml.slice(s.end)),
  ),
);

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
