import { describe, expect, it } from 'vitest';
import { sanitizeAttachmentName } from './attachment-name.js';

const PDF = new TextEncoder().encode('%PDF-1.7');
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);

describe('sanitizeAttachmentName', () => {
  it('keeps an ordinary Vietnamese name', () => {
    expect(sanitizeAttachmentName('Quyết định 05-QĐ-UBND.pdf', 1)).toBe('Quyết định 05-QĐ-UBND.pdf');
  });

  it('drops any folder, with either separator', () => {
    expect(sanitizeAttachmentName('../../etc/passwd', 1)).toBe('passwd');
    expect(sanitizeAttachmentName('C:\\Windows\\System32\\evil.dll', 1)).toBe('evil.dll');
    expect(sanitizeAttachmentName('..\\..\\x/y\\report.pdf', 1)).toBe('report.pdf');
  });

  it('removes control and Windows-reserved characters, trailing dots and spaces', () => {
    expect(sanitizeAttachmentName('a<b>c:d"e|f?g*h\u0000\u001f\u007f\u0085\u009f.pdf', 1)).toBe('abcdefgh.pdf');
    expect(sanitizeAttachmentName('  báo cáo.docx. . ', 1)).toBe('báo cáo.docx');
  });

  it('removes bidi and other invisible format controls, so a name shows and saves as what it is', () => {
    // "hợp đồng\u202Efdp.exe" displays as "hợp đồngexe.pdf" in a right-to-left override.
    expect(sanitizeAttachmentName('hợp đồng\u202Efdp.exe', 1)).toBe('hợp đồngfdp.exe');
    for (const control of ['\u200B', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u061C', '\uFEFF', '\u00AD', '\u2060']) {
      expect(sanitizeAttachmentName(`report${control}.pdf`, 1), JSON.stringify(control)).toBe('report.pdf');
    }
  });

  it('prefixes the other device names Windows reserves', () => {
    for (const name of ['CONIN$', 'conout$.txt', 'CLOCK$', 'COM\u00B9.pdf', 'lpt\u00B3']) expect(sanitizeAttachmentName(name, 1)).toBe(`_${name}`);
  });

  it('prefixes device names, with or without extension, in any case', () => {
    for (const name of ['CON', 'prn.txt', 'Aux.pdf', 'nul', 'COM1.docx', 'lpt9', 'con.tar.gz']) expect(sanitizeAttachmentName(name, 1)).toBe(`_${name}`);
    expect(sanitizeAttachmentName('CONSOLE.txt', 1)).toBe('CONSOLE.txt');
    expect(sanitizeAttachmentName('COM10.txt', 1)).toBe('COM10.txt');
  });

  it('names an empty name after its place, the extension from the magic bytes or as given', () => {
    expect(sanitizeAttachmentName('', 2, PDF)).toBe('attachment-2.pdf');
    expect(sanitizeAttachmentName('null/', 1, PDF)).toBe('attachment-1.pdf');
    expect(sanitizeAttachmentName('<>.xlsx', 3, ZIP)).toBe('attachment-3.xlsx');
    expect(sanitizeAttachmentName('...', 4, ZIP)).toBe('attachment-4');
    expect(sanitizeAttachmentName('', 5)).toBe('attachment-5');
  });

  it('cuts long names to 255 characters, keeping the extension and whole characters', () => {
    const name = sanitizeAttachmentName(`${'😀'.repeat(300)}.pdf`, 1);
    expect([...name].length).toBe(255);
    expect(name.endsWith('😀.pdf')).toBe(true);
  });
});
