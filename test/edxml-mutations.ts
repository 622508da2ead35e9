/**
 * The ways damaged or hostile edXML differs from a good package, as fast-check arbitraries: used
 * by the parser's fuzz test (shared/edxml/parser.fuzz.test.ts) and by the hostile packages run
 * through the real package reader (electron/core/exchange/edxml/package-reader.fuzz.test.ts).
 */
import fc from 'fast-check';
import { EDXML_PARSE_LIMITS } from '../shared/edxml/parser.js';

/** Cuts `text` at the given fractions of its length, so chunk boundaries fall anywhere. */
export function pieces(text: string, cuts: readonly number[]): string[] {
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

const ELEMENT = /<edXML:(\w+)[^>]*>(?:(?!<edXML:\1[\s>])[\s\S])*?<\/edXML:\1>\n?/g;
const TAG = /<[^>]*>/g;

interface Span {
  start: number;
  end: number;
}
const spans = (text: string, pattern: RegExp): Span[] => [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length }));

export type Mutation = (xml: string) => string;
/** Picks the `pick`-th span (modulo) of `pattern` in the text and hands it to `change`. */
const onSpan = (pattern: RegExp, pick: number, change: (xml: string, span: Span) => string): Mutation => (xml) => {
  const found = spans(xml, pattern);
  return found.length === 0 ? xml : change(xml, found[pick % found.length]!);
};
const at = (xml: string, fraction: number) => Math.floor(fraction * xml.length);

export const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
export const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('&xxe;', '&#0;', '&#x110000;', '&amp', ']]>', '<![CDATA[', '<!--', '<?pi x?>', '<!DOCTYPE edXML>', '<!ENTITY a "b">', '\uFFFE', '\uD800', '=', '====', 'QUJD!', 'xmlns=""'),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
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
    ([n, attribute]): Mutation => onSpan(/<edXML:\w+/g, n, (xml, s) => xml.slice(0, s.end) + attribute + xml.slice(s.end)),
  ),
  fc.constantFrom<Mutation>(
    (xml) => xml.replace('http://www.mic.gov.vn/TBT/QCVN_102_2016', 'http://www.e-doc.vn/Schema/'),
    (xml) => xml.replace(/ xmlns:edXML="[^"]*"/, ''),
    (xml) => xml.replaceAll('edXML:', 'x:'),
    (xml) => xml.replaceAll('edXML:', ''),
    (xml) => `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>${xml.replace('<edXML:Subject>', '<edXML:Subject>&lol2;')}`,
    (xml) => `<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${xml.replace('<edXML:Subject>', '<edXML:Subject>&xxe;')}`,
  ),
  fc.tuple(fc.nat(), fc.constantFrom('!', '=', '==QU', '-_', '%', '&amp;', '&#65;', '<b/>', ' \r\n', '\u00e9', '*'.repeat(3))).map(
    ([n, junk]): Mutation => onSpan(/<edXML:ContentTransferEncoded>\n?/g, n, (xml, s) => xml.slice(0, s.end + (n % 40)) + junk + xml.slice(s.end + (n % 40))),
  ),
  fc.tuple(fraction, fc.integer({ min: 1, max: EDXML_PARSE_LIMITS.maxTextLength + 100 }), fc.constantFrom('x', 'ệ', '&amp;', ' ')).map(
    ([f, length, unit]): Mutation => onSpan(/<edXML:(?:Subject|Content|OrganName)>/g, Math.floor(f * 8), (xml, s) => xml.slice(0, s.end) + unit.repeat(length) + xml.slice(s.end)),
  ),
  fc.tuple(fraction, fc.integer({ min: 1, max: EDXML_PARSE_LIMITS.maxDepth * 3 }), fc.boolean()).map(
    ([f, depth, closed]): Mutation => onSpan(/<edXML:\w+>/g, Math.floor(f * 50), (xml, s) => xml.slice(0, s.end) + '<a>'.repeat(depth) + (closed ? '</a>'.repeat(depth) : '') + xml.slice(s.end)),
  ),
);
