/**
 * Files reach the page by URL, never as bytes in an API reply: a reply with a 200 MB attachment
 * in base64 took gigabytes of memory in the host. The URL is a short-lived, single-file link the
 * core made for this reply (browser mode: `GET /api/blob/<token>` with Range support; Electron:
 * the `vanthu-blob:` protocol), served with `Content-Security-Policy: sandbox` and `nosniff`.
 */

export interface FileLink {
  url: string;
  /** Safe to show and to save (no folders, no bidi or other format controls, no device names). */
  fileName: string;
  /** What VanThu serves it as: sniffed from the bytes for what it shows, octet-stream for what it only saves. */
  contentType: string;
  size: number;
}

/**
 * How the page may show an attachment: PDF (pdf.js, by range) and raster images inside the app,
 * anything else only saved. Decided by the core from the file's first bytes, never from the
 * sender's name or content type.
 */
export type AttachmentView = 'pdf' | 'image' | 'download';

export interface AttachmentLink extends FileLink {
  view: AttachmentView;
  /** A program, script, shortcut or macro document (by its real, last extension): flagged, never opened. */
  executable: boolean;
}
