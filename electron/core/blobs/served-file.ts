/**
 * A file the app hands to the page by URL (never as bytes in an API reply), and the headers it
 * is served with, the same in both shells: the browser-mode host's GET and Electron's custom
 * protocol. Every response is inert in the page's origin: `Content-Security-Policy: sandbox`
 * (an opaque origin, no script) and `nosniff`, with the content type VanThu decided, never the
 * sender's; a file that is not shown inside the app is an attachment (saved, never rendered).
 */
export interface ServedFile {
  /** Absolute path on this computer. */
  path: string;
  size: number;
  /** Already safe for display and saving (shared/edxml/attachment-name.ts). */
  fileName: string;
  contentType: string;
  disposition: 'inline' | 'attachment';
}

export type ByteRange = { start: number; end: number };

/**
 * The one range a `Range` header asks for, as RFC 9110 reads it: null when there is no usable
 * header (serve it all), 'unsatisfiable' when it starts past the end. Several ranges in one
 * header are served whole: pdf.js asks for one at a time.
 */
export function parseRange(header: string | null | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    // A suffix: the last N bytes.
    const length = Number(match[2]);
    if (length === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end };
}

/** RFC 6266: an ASCII fallback for old clients and the UTF-8 name (RFC 8187) for the rest. */
export function contentDisposition(disposition: ServedFile['disposition'], fileName: string): string {
  // Vietnamese: đ has no decomposition, the other letters lose their marks under NFKD.
  const ascii = fileName.replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
  const fallback = ascii.replace(/["\\%;]/g, '_').trim() || 'file';
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export interface BlobReply {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** The bytes to send (inclusive), or null for none (416). */
  range: ByteRange | null;
}

/**
 * Status, headers and byte range of the answer to a GET or HEAD of `file`. `extraHeaders` are
 * the shell's own (Electron adds CORS for its file:// page).
 */
export function blobReply(file: ServedFile, rangeHeader: string | null | undefined, extraHeaders: Record<string, string> = {}): BlobReply {
  const common: Record<string, string> = {
    // An opaque origin without script, and nothing a file may load: inert even when opened as a page.
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': contentDisposition(file.disposition, file.fileName),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...extraHeaders,
  };
  const range = parseRange(rangeHeader, file.size);
  if (range === 'unsatisfiable') return { status: 416, headers: { ...common, 'Content-Range': `bytes */${file.size}`, 'Content-Length': '0' }, range: null };
  if (range === null) {
    return { status: 200, headers: { ...common, 'Content-Type': file.contentType, 'Content-Length': String(file.size) }, range: file.size === 0 ? null : { start: 0, end: file.size - 1 } };
  }
  return {
    status: 206,
    headers: { ...common, 'Content-Type': file.contentType, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${file.size}` },
    range,
  };
}
