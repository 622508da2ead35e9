/**
 * Shows attachment bytes in a new window through a blob: URL (the CSP allows blob: frames and
 * images, nothing leaves the machine). When no window may open (a popup blocker, or a shell
 * that refuses new windows), the bytes are offered as a download instead. Exports are always
 * downloads.
 */
const REVOKE_AFTER_MS = 60_000;

export function openBytes(bytes: Uint8Array, contentType: string, fileName: string): void {
  // Both transports hand over ArrayBuffer-backed arrays (structured clone, base64 decoding).
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: contentType || 'application/pdf' });
  const url = URL.createObjectURL(blob);
  const opened = window.open(url, '_blank');
  if (opened) {
    opened.opener = null;
  } else {
    downloadUrl(url, fileName);
  }
  // The new window has loaded the blob by then; revoking frees the memory of a large PDF.
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

function downloadUrl(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Offers the bytes as a file to save (an exported register or report). */
export function saveBytes(bytes: Uint8Array, contentType: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: contentType }));
  downloadUrl(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
