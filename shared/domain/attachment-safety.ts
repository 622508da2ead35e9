/**
 * What VanThu may show of a file a sender chose: only PDF and raster images, recognised by their
 * first bytes (never by the sender's name or content type), are shown inside the app; anything
 * else is only saved. Executable types are flagged and never opened by VanThu, as Chromium's
 * download protection flags them (its "dangerous file types" list is the model here).
 */

/** The kinds shown inside the app: pdf.js draws a PDF on a canvas, an image is an <img>. */
export type ViewableKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp';

export const VIEWABLE_CONTENT_TYPES: Record<ViewableKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** How many leading bytes sniffViewable needs. */
export const SNIFF_BYTES = 1024;

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const at = (bytes: Uint8Array, offset: number, magic: readonly number[]) => magic.every((byte, i) => bytes[offset + i] === byte);
const PDF = ascii('%PDF-');

/**
 * The viewable kind of a file from its first SNIFF_BYTES bytes, or null. A PDF may have junk
 * before its header (readers accept it within the first KB); images must start with their magic.
 * SVG is not an image here: it is XML that can carry script.
 */
export function sniffViewable(head: Uint8Array): ViewableKind | null {
  if (at(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (at(head, 0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (at(head, 0, ascii('GIF87a')) || at(head, 0, ascii('GIF89a'))) return 'gif';
  if (at(head, 0, ascii('RIFF')) && at(head, 8, ascii('WEBP'))) return 'webp';
  const limit = Math.min(head.length, SNIFF_BYTES) - PDF.length;
  for (let offset = 0; offset <= limit; offset++) if (at(head, offset, PDF)) return 'pdf';
  return null;
}

/**
 * Types that run code when opened: programs, scripts, installers, shortcuts, disk images and
 * macro documents, on Windows (where nearly every clerk works) and on Linux desktops.
 */
const EXECUTABLE_EXTENSIONS = new Set([
  // Windows programs, libraries and installers
  'exe', 'com', 'scr', 'pif', 'cpl', 'dll', 'ocx', 'sys', 'drv', 'msi', 'msp', 'mst', 'msix', 'msixbundle', 'appx', 'appxbundle', 'appinstaller', 'application', 'appref-ms', 'gadget', 'msc', 'xll',
  // Windows scripts and shortcuts
  'bat', 'cmd', 'ps1', 'ps1xml', 'ps2', 'ps2xml', 'psc1', 'psc2', 'psd1', 'psm1', 'vb', 'vbs', 'vbe', 'js', 'jse', 'mjs', 'wsf', 'wsh', 'wsc', 'ws', 'hta', 'lnk', 'url', 'scf', 'inf', 'reg', 'chm', 'hlp', 'library-ms', 'search-ms', 'settingcontent-ms',
  // Disk images Windows mounts with a double click, and cross-platform runtimes
  'iso', 'img', 'vhd', 'vhdx', 'jar', 'jnlp', 'py', 'pyw', 'pyc', 'pl', 'rb', 'php',
  // Office files that carry macros
  'docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'potm', 'ppam', 'ppsm', 'sldm',
  // Linux and macOS
  'sh', 'bash', 'run', 'bin', 'desktop', 'appimage', 'deb', 'rpm', 'command', 'app', 'pkg', 'dmg',
]);

/** The last extension, lower-case, without its dot ('' when none). */
export function extensionOf(name: string): string {
  const match = /\.([^.\s\\/]{1,32})$/.exec(name.trim());
  return match ? match[1]!.toLowerCase() : '';
}

/** Windows runs `x.exe.` and `x.exe ` as x.exe: trailing dots and spaces are ignored. */
export function isExecutableName(name: string): boolean {
  return EXECUTABLE_EXTENSIONS.has(extensionOf(name.replace(/[. ]+$/, '')));
}

/** `hồ sơ.pdf.exe`: a harmless-looking extension before the real one, the classic disguise. */
export function hasDisguisedExtension(name: string): boolean {
  const stem = name.trim().replace(/[. ]+$/, '').replace(/\.[^.]*$/, '');
  return isExecutableName(name) && extensionOf(stem) !== '';
}
