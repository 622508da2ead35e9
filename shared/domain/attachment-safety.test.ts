import { describe, expect, it } from 'vitest';
import { hasDisguisedExtension, isExecutableName, sniffViewable } from './attachment-safety.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('sniffViewable', () => {
  it('recognises PDF (junk before the header included) and raster images by their bytes', () => {
    expect(sniffViewable(bytes('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffViewable(bytes(`${' '.repeat(500)}%PDF-1.4`))).toBe('pdf');
    expect(sniffViewable(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffViewable(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffViewable(bytes('GIF89a...'))).toBe('gif');
    expect(sniffViewable(bytes('RIFF\x10\x00\x00\x00WEBPVP8 '))).toBe('webp');
  });

  it('shows nothing else, whatever it claims to be: HTML, SVG, script, office files, a PDF header past the first KB', () => {
    for (const text of ['<!doctype html><script>alert(1)</script>', '<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', 'MZ\x90\x00', 'PK\x03\x04', '', `${' '.repeat(1024)}%PDF-1.4`]) {
      expect(sniffViewable(bytes(text)), text.slice(0, 20)).toBeNull();
    }
  });
});

describe('isExecutableName', () => {
  it('flags programs, scripts, shortcuts, installers and macro documents by the real (last) extension', () => {
    for (const name of ['setup.exe', 'a.JS', 'x.vbs', 'run.bat', 'run.cmd', 'screen.scr', 'pkg.msi', 'p.ps1', 'link.lnk', 'app.hta', 'lib.jar', 'Báo cáo.pdf.exe', 'x.exe.', 'x.exe  ', 'm.docm', 'install.sh', 'img.iso']) {
      expect(isExecutableName(name), name).toBe(true);
    }
    for (const name of ['Quyết định.pdf', 'scan.png', 'báo cáo.docx', 'bảng.xlsx', 'exe', 'nén.zip', 'noextension']) expect(isExecutableName(name), name).toBe(false);
  });

  it('says when a harmless-looking extension hides the real one', () => {
    expect(hasDisguisedExtension('Báo cáo.pdf.exe')).toBe(true);
    expect(hasDisguisedExtension('hop-dong.docx    .scr')).toBe(true);
    expect(hasDisguisedExtension('setup.exe')).toBe(false);
    expect(hasDisguisedExtension('báo.cáo.pdf')).toBe(false);
  });
});
