import { describe, expect, it } from 'vitest';
import { formatEdxmlDate, formatEdxmlTimestamp, isEdxmlDate, isEdxmlTimestamp, parseEdxmlDate, parseEdxmlTimestamp } from './dates.js';
import { buildDocumentId, formatCode } from './document-id.js';

describe('edXML dates', () => {
  it('formats in Vietnam time whatever the machine’s zone', () => {
    const instant = new Date('2026-03-11T17:30:05Z'); // 00:30:05 on 12 March in Hà Nội
    expect(formatEdxmlDate(instant)).toBe('2026/03/12');
    expect(formatEdxmlTimestamp(instant)).toBe('2026/03/12 00:30:05');
  });

  it('parses back to the same instant', () => {
    expect(parseEdxmlTimestamp('2026/03/12 00:30:05')?.toISOString()).toBe('2026-03-11T17:30:05.000Z');
    expect(parseEdxmlDate('2026/03/12')?.toISOString()).toBe('2026-03-11T17:00:00.000Z');
  });

  it('reads tolerantly but refuses impossible dates', () => {
    expect(parseEdxmlDate(' 2026-03-12 ')?.toISOString()).toBe('2026-03-11T17:00:00.000Z');
    expect(parseEdxmlTimestamp('2026-03-12T08:15')?.toISOString()).toBe('2026-03-12T01:15:00.000Z');
    expect(parseEdxmlDate('2026/02/30')).toBeNull();
    expect(parseEdxmlDate('12/03/2026')).toBeNull();
    expect(parseEdxmlTimestamp('2026/03/12 24:00:00')).toBeNull();
  });

  it('checks the exact written form', () => {
    expect(isEdxmlDate('2026/03/12')).toBe(true);
    expect(isEdxmlDate('2026-03-12')).toBe(false);
    expect(isEdxmlTimestamp('2026/03/12 09:15:30')).toBe(true);
    expect(isEdxmlTimestamp('2026/03/12 09:15')).toBe(false);
  });
});

describe('DocumentId', () => {
  it('is issuer, date and number/notation', () => {
    const code = { codeNumber: '7816', codeNotation: 'VPCP-TTĐT' };
    expect(formatCode(code)).toBe('7816/VPCP-TTĐT');
    expect(buildDocumentId('000.00.00.G22', formatEdxmlDate(new Date('2015-09-30T03:00:00Z')), code)).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
  });
});
