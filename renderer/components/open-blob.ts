/**
 * Saves a file the core offered by link (shared/api/file-links.ts): the link is served as an
 * attachment (or with a sandboxing CSP), so the browser stores it and shows nothing of it in the
 * app's origin. Nothing is ever opened in a new window from here.
 */
import type { FileLink } from '../../shared/api/file-links.js';

export function saveLink(link: Pick<FileLink, 'url' | 'fileName'>): void {
  const anchor = document.createElement('a');
  anchor.href = link.url;
  anchor.download = link.fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}
