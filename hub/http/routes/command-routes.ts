/**
 * Desk writes: `POST /api/commands` (one command or a batch, each applied at most once: see
 * hub/commands/apply-command.ts) and `PUT /api/blobs/:sha256` (a file a command will name, e.g. a
 * signed revision, kept only if its bytes hash to the address). Who may do what is decided by
 * each command's handler; these routes only require a signed-in desk.
 */
import type { FastifyInstance } from 'fastify';
import { Transform, type Readable } from 'node:stream';
import type { z } from 'zod';
import { blobAddress, commandRequest, MAX_BLOB_UPLOAD_BYTES, type BlobUploaded, type CommandBatchOutcome, type CommandOutcome, type CommandRequest } from '../../../shared/hub/commands.js';
import { BlobMismatchError, type HubBlobStore } from '../../blobs/blob-store.js';
import type { CommandApplier } from '../../commands/apply-command.js';
import { HubError } from '../../errors.js';
import { signedInAccount } from '../access.js';

const signedIn = { access: 'signed_in' } as const;
const UPLOAD_TYPES = ['application/pdf', 'application/octet-stream'];

const tooLarge = () => new HubError('invalid_input', `The file is larger than the hub takes (${MAX_BLOB_UPLOAD_BYTES / (1024 * 1024)} MiB).`);

/** Passes the body through, failing once more than the limit has come (a body without Content-Length too). */
function limited(body: Readable): Readable {
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > MAX_BLOB_UPLOAD_BYTES ? tooLarge() : null, chunk);
    },
  });
  body.on('error', (error) => counter.destroy(error));
  return body.pipe(counter);
}

export function commandRoutes(app: FastifyInstance, commands: CommandApplier, blobs: HubBlobStore): void {
  app.post<{ Body: CommandRequest }>('/api/commands', { schema: { body: commandRequest }, config: signedIn }, async (request): Promise<CommandOutcome | CommandBatchOutcome> => {
    const account = signedInAccount(request);
    const body = request.body;
    if (!('commands' in body)) return commands.apply(account, body);
    const outcomes: CommandOutcome[] = [];
    for (const command of body.commands) outcomes.push(await commands.apply(account, command));
    return { outcomes };
  });

  void app.register(async (uploads) => {
    // The body stays a stream: a large PDF is hashed and written as it comes, never held in memory.
    uploads.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
    uploads.put<{ Params: z.output<typeof blobAddress>; Body: Readable }>(
      '/api/blobs/:sha256',
      { schema: { params: blobAddress }, config: signedIn },
      async (request): Promise<BlobUploaded> => {
        if (Number(request.headers['content-length'] ?? 0) > MAX_BLOB_UPLOAD_BYTES) throw tooLarge();
        if (!request.body) throw new HubError('invalid_input', 'Send the file as the body of the request.');
        try {
          return await blobs.putExpected(limited(request.body), request.params.sha256);
        } catch (error) {
          if (error instanceof BlobMismatchError) throw new HubError('invalid_input', error.message);
          throw error;
        }
      },
    );
  });
}
