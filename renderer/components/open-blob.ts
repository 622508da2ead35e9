/**
 * Saves bytes as a file through a blob: URL (the CSP allows blob:, nothing leaves the machine):
 * an attachment's copy, an exported register or report.
 */
const REVOKE_AFTER_MS = 60_000;

export function saveBytes(bytes: Uint8Array, contentType: string, fileName: string): void {
  // Both transports hand over ArrayBuffer-backed arrays (structured clone, base64 decoding).
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob by then; revoking frees the memory of a large file.
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
