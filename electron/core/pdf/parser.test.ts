import { describe, expect, it } from 'vitest';
import { PdfName, PdfRef, PdfStream, type PdfDict, type PdfString } from './objects.js';
import { NeedMoreData, PdfParser } from './parser.js';
import { serialize } from './serialize.js';

const parse = (text: string): unknown => new PdfParser(Buffer.from(text, 'latin1')).parseValue();

describe('PdfParser', () => {
  it('reads references, numbers, names, and both kinds of string', () => {
    const value = parse('<< /Kids [3 0 R 4 0 R] /Count 2 /Rect [0 -1.5 .5 +7] /A#20B /x /S (a\\(b\\)\\n\\101(c)) /H <48 65 6c 6C 6>  % note\n /N null /T true >>') as PdfDict;
    expect(value.get('Kids')).toEqual([new PdfRef(3, 0), new PdfRef(4, 0)]);
    expect(value.get('Rect')).toEqual([0, -1.5, 0.5, 7]);
    expect(value.get('A B')).toEqual(new PdfName('x'));
    expect(Buffer.from((value.get('S') as PdfString).bytes).toString('latin1')).toBe('a(b)\nA(c)');
    expect(Buffer.from((value.get('H') as PdfString).bytes).toString('latin1')).toBe('Hell`');
    expect(value.get('N')).toBeNull();
    expect(value.get('T')).toBe(true);
  });

  it('finds where stream data starts, as a file offset', () => {
    const text = '7 0 obj\n<< /Length 3 >>\r\nstream\r\nabc\nendstream endobj';
    const stream = new PdfParser(Buffer.from(text, 'latin1'), 1000).parseIndirectObject(7) as PdfStream;
    expect(stream).toBeInstanceOf(PdfStream);
    expect(stream.dataOffset).toBe(1000 + text.indexOf('abc'));
  });

  it('asks for more bytes when an object runs past its window', () => {
    expect(() => new PdfParser(Buffer.from('1 0 obj << /A [1 2'), 0, false).parseIndirectObject()).toThrow(NeedMoreData);
  });

  it('writes back what it read', () => {
    const text = '<</Type /Annot /Rect [0 0 12.25 30] /P 3 0 R /T <486f> /N#28 true>>';
    expect(serialize(parse(text) as PdfDict)).toBe(text);
  });
});
