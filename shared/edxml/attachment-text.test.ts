import { describe, expect, it } from 'vitest';
import { AttachmentTextScanner } from './attachment-text.js';
import { EdxmlParseError } from './errors.js';

/** The texts the scanner gives and the markup it hands back, chunk by chunk. */
function scanAll(chunks: string[]): { texts: string[]; markup: string | undefined } {
  const texts: string[] = [];
  const scanner = new AttachmentTextScanner('edXML/AttachmentEncoded/Attachment/ContentTransferEncoded', (text) => texts.push(text));
  let markup: string | undefined;
  for (const chunk of chunks) {
    markup = scanner.scan(chunk);
    if (markup !== undefined) break;
  }
  return { texts, markup };
}

describe('AttachmentTextScanner', () => {
  it("gives one text per chunk for a body with Java's &#13; on every line, references resolved", () => {
    const lines = Array.from({ length: 50 }, (_, i) => `${String(i).padStart(2, '0')}${'A'.repeat(74)}`);
    const { texts, markup } = scanAll([`${lines.join('&#13;\n')}</ContentTransferEncoded>`]);
    expect(texts).toEqual([lines.join('\r\n')]);
    expect(markup).toBe('</ContentTransferEncoded>');
  });

  it('finds the markup whichever of < and & comes first, and returns all that follows', () => {
    expect(scanAll(['QUJD&amp;QU<x/>&lt;']).markup).toBe('<x/>&lt;');
    expect(scanAll(['QUJD&amp;QU<x/>&lt;']).texts).toEqual(['QUJD&QU']);
    expect(scanAll(['QU<a>&amp;<b>']).markup).toBe('<a>&amp;<b>');
  });

  it('reads CDATA sections and references cut between chunks', () => {
    const { texts, markup } = scanAll(['QU&#', '13;JD<![CDA', 'TA[Q<&U]', ']>JD</C>']);
    expect(texts.join('')).toBe('QU\rJDQ<&UJD');
    expect(markup).toBe('</C>');
  });

  it('refuses an unterminated reference', () => {
    expect(() => scanAll(['QUJD&#1234567890QUJD'])).toThrow(EdxmlParseError);
  });
});
