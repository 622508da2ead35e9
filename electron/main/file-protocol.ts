/**
 * The `vanthu-blob:` scheme: how the window reads the files the core offers by link
 * (shared/api/file-links.ts), streamed from disk with Range support, never copied through IPC.
 * Main asks the core which file a token names and streams it (electron/core/blobs/file-response.ts).
 */
import { protocol } from 'electron';
import { BLOB_SCHEME } from '../../shared/api/transport.js';
import { fileLinkToken } from '../core/blobs/file-link-url.js';
import { fileResponse } from '../core/blobs/file-response.js';
import type { ServedFile } from '../core/blobs/served-file.js';

/** Before the app is ready: a standard, secure scheme that fetch() may read and stream. */
export function registerFileScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: BLOB_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } }]);
}

export function serveFileLinks(resolve: (token: string) => Promise<ServedFile | null>): void {
  protocol.handle(BLOB_SCHEME, async (request) => fileResponse(await resolve(fileLinkToken(new URL(request.url).pathname)), request.method, request.headers.get('range')));
}
