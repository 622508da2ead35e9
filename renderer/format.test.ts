import { describe, expect, it } from 'vitest';
import { documentLabel, formatBytes, formatCode, formatDateTime, formatInstant, nameInDn, shortHash, vietnamToday } from './format.js';

describe('formatting', () => {
  it('shows times in Vietnam time, in the language’s order', () => {
    expect(formatDateTime('2025-11-23T03:04:05Z', 'vi')).toBe('10:04 23/11/2025');
    expect(formatDateTime('2025-11-23T03:04:05Z', 'en')).toBe('23/11/2025, 10:04');
    expect(formatDateTime('not a date', 'vi')).toBe('not a date');
  });

  it('shows a signing time to the second, in Vietnam time and in UTC', () => {
    expect(formatInstant('2025-11-23T20:04:05Z', 'vi', 'local')).toBe('03:04:05 24/11/2025');
    expect(formatInstant('2025-11-23T20:04:05Z', 'vi', 'utc')).toBe('20:04:05 23/11/2025');
    expect(formatInstant('2025-11-23T20:04:05Z', 'en', 'utc')).toBe('23/11/2025, 20:04:05');
  });

  it('shows sizes in binary multiples with the language’s decimal mark', () => {
    expect(formatBytes(512, 'vi')).toBe('512 byte');
    expect(formatBytes(1536, 'vi')).toBe('1,5 kB');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(100 * 1024 * 1024, 'en')).toBe('100 MB');
  });

  it('shortens a hash to 12 characters', () => {
    expect(shortHash('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe('e3b0c44298fc');
  });
});

describe('document numbers and dates', () => {
  it('prints number/notation the way a document says “Số:”', () => {
    expect(formatCode('05', 'QĐ-UBND')).toBe('05/QĐ-UBND');
    expect(formatCode('12', '')).toBe('12');
    expect(formatCode('', 'UBND-VX')).toBe('UBND-VX');
    expect(formatCode(' ', ' ')).toBe('');
    expect(documentLabel({ codeNumber: '05', codeNotation: 'QĐ-UBND', subject: 'V/v họp' })).toBe('05/QĐ-UBND — V/v họp');
    expect(documentLabel({ codeNumber: '', codeNotation: '', subject: 'V/v họp' })).toBe('V/v họp');
  });
});

describe('nameInDn', () => {
  it('reads the common name, else the organisation, out of a distinguished name', () => {
    expect(nameInDn('CN=Ban Cơ yếu Chính phủ, O=Ban Cơ yếu Chính phủ, C=VN')).toBe('Ban Cơ yếu Chính phủ');
    expect(nameInDn('C=VN, O=VNPT Group, CN=VNPT Certification Authority')).toBe('VNPT Certification Authority');
    expect(nameInDn('O=Sở Nội vụ tỉnh Nghệ An, C=VN')).toBe('Sở Nội vụ tỉnh Nghệ An');
    expect(nameInDn('no name here')).toBe('no name here');
  });
});

describe('vietnamToday', () => {
  it('is the date in Vietnam (+07:00), not on the machine', () => {
    expect(vietnamToday(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(vietnamToday(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});
