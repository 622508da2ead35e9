/**
 * Documents for a signed-in desk: the list, one by id, an attachment's bytes, and the snapshot a
 * desk starts from. Whether the user may see a document is asked of the store (document-access.ts,
 * one rule in SQL) on every request; a document the user may not see answers 404 exactly as one
 * that does not exist, and the attempt is logged and audited. A read of a document in a restricted
 * register is audited too, once per session (store/restricted-reads.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { z } from 'zod';
import { attachmentParam, documentIdParam, documentListQuery, snapshotQuery, type DocumentPage, type HubDocument, type SnapshotPage } from '../../../shared/hub/documents.js';
import type { FeedReset } from '../../../shared/hub/feed.js';
import type { HubBlobStore } from '../../blobs/blob-store.js';
import { HubError } from '../../errors.js';
import { mayReadDocument, readableDocumentIds, readableFile } from '../../store/document-access.js';
import { readSnapshot } from '../../store/document-snapshot.js';
import { readHubDocuments } from '../../store/hub-documents.js';
import { noteRestrictedRead } from '../../store/restricted-reads.js';
import { deny, signedInAccount } from '../access.js';

const signedIn = { access: 'signed_in' } as const;

export function documentRoutes(app: FastifyInstance, pool: pg.Pool, blobs: HubBlobStore): void {
  /** The same answer whether the document is missing or hidden, after the attempt is recorded. */
  const notFound = async (request: FastifyRequest, documentId: number, reason: string): Promise<never> => {
    const account = signedInAccount(request);
    await deny(pool, request, account.username, reason, `document:${documentId}`);
    throw new HubError('not_found', 'No such document.');
  };

  app.get<{ Querystring: z.output<typeof documentListQuery> }>('/api/documents', { schema: { querystring: documentListQuery }, config: signedIn }, async (request): Promise<DocumentPage> => {
    const { userId } = signedInAccount(request);
    const { before, limit } = request.query;
    const ids = await readableDocumentIds(pool, userId, { before: before ?? null, limit: limit + 1 });
    const page = ids.slice(0, limit);
    return { documents: await readHubDocuments(pool, page), nextBefore: ids.length > limit ? page[page.length - 1]! : null };
  });

  app.get<{ Params: z.output<typeof documentIdParam> }>('/api/documents/:id', { schema: { params: documentIdParam }, config: signedIn }, async (request): Promise<HubDocument> => {
    const { userId, sessionId, username } = signedInAccount(request);
    const { id } = request.params;
    if (!(await mayReadDocument(pool, userId, id))) return notFound(request, id, 'document_not_readable');
    const [document] = await readHubDocuments(pool, [id]);
    // Gone between the check and the read: nothing to tell apart, nothing hidden.
    if (!document) throw new HubError('not_found', 'No such document.');
    await noteRestrictedRead(pool, { sessionId, username, documentId: id, via: { document: true } });
    return document;
  });

  app.get<{ Params: z.output<typeof attachmentParam> }>('/api/documents/:id/attachments/:sha256', { schema: { params: attachmentParam }, config: signedIn }, async (request, reply) => {
    const { userId, sessionId, username } = signedInAccount(request);
    const { id, sha256 } = request.params;
    const file = await readableFile(pool, userId, id, sha256);
    if (!file) return notFound(request, id, 'attachment_not_readable');
    if (!(await blobs.has(sha256))) {
      request.log.error({ event: 'blob_missing', sha256, document: id }, 'an attachment of a document has no blob in the store');
      throw new HubError('internal', 'The hub does not have this file’s bytes; its log has the details.');
    }
    await noteRestrictedRead(pool, { sessionId, username, documentId: id, via: { file: sha256 } });
    // The bytes are checked against their name as they stream; a corrupt blob ends the response in error.
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(blobs.openRead(sha256));
  });

  app.get<{ Querystring: z.output<typeof snapshotQuery> }>('/api/snapshot', { schema: { querystring: snapshotQuery }, config: signedIn }, async (request, reply): Promise<SnapshotPage | FeedReset> => {
    const { userId } = signedInAccount(request);
    const answer = await readSnapshot(pool, { userId, ...request.query });
    return 'reset' in answer ? reply.code(410).send(answer) : answer;
  });
}
