import { BLOB_SCHEME, HTTP_BLOB_PREFIX } from '../../../shared/api/transport.js';

/** A link's URL in each shell (shared/api/transport.ts): same-origin in browser mode, main's protocol under Electron. */
export function fileLinkUrl(shell: 'browser' | 'electron', token: string): string {
  return shell === 'browser' ? `${HTTP_BLOB_PREFIX}${token}` : `${BLOB_SCHEME}://file/${token}`;
}

/** The token of a link's URL, as the shells hand it to BlobLinks.resolve. */
export function fileLinkToken(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}
