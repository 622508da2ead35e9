/**
 * Writes from a desk to the hub are commands: made and numbered at the desk (a UUIDv7, so a desk
 * offline for a week still queues in order), sent until the hub answers, and applied by the hub
 * at most once per id after its permission and state checks. Sending the same id again returns
 * the first answer. A refusal carries a reason the desk shows in its queue. docs/architecture.md,
 * "Agency hub".
 */
import { z } from 'zod';
import { attachmentContentType, attachmentName } from '../api/attachment-schema.js';
import { draftFieldsSchema } from '../api/draft-field-schema.js';
import { MAX_ATTACHMENT_BYTES } from '../api/limits.js';
import { noticesReadPayload } from './deadlines.js';
import { workflowCommandPayloads } from './workflow-commands.js';

const documentId = z.number().int().positive().max(2_147_483_647);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
/** An agency's code on the axis, as the directory lists it. */
const agencyCode = z.string().regex(/^[\p{L}\p{N}._-]{1,64}$/u, 'an agency code from the directory');
/** Version 7 (time-ordered) UUIDs only: the hub orders one desk's commands by them. */
export const commandId = z.uuid({ version: 'v7' });

export const commandPayloads = {
  /** The clerk registers an arrival (số đến) in the agency's incoming register. */
  'arrival.accept': z.object({ documentId }).strict(),
  /**
   * Create (documentId null; `clientKey` names it until the hub gives an id) or change a draft. A
   * new draft may answer an arrival (`answers`, "Soạn trả lời"): it is sent as the reply to it.
   * `internal` marks it an internal document (văn bản nội bộ), sent to units of the agency.
   */
  'draft.save': z
    .object({ documentId: documentId.nullable(), clientKey: z.uuid(), fields: draftFieldsSchema.partial(), answers: documentId.optional(), internal: z.boolean().optional() })
    .strict(),
  /** A file added to a draft being edited: its bytes (`sha256`, `size`) are uploaded first (PUT /api/blobs/<sha256>). */
  'draft.attach': z
    .object({
      documentId,
      name: attachmentName,
      contentType: attachmentContentType,
      sha256,
      size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
    })
    .strict(),
  /** Give a document to units and people (they see it from then on). */
  'document.share': z
    .object({ documentId, units: z.array(documentId).max(100).default([]), users: z.array(documentId).max(500).default([]) })
    .strict(),
  /**
   * A signature made at a desk: the blob `revisionSha256` (uploaded first) must be an incremental
   * update of exactly `baseSha256`, the attachment's current revision, adding a signature that verifies.
   */
  'revision.upload': z.object({ documentId, attachmentId: documentId, baseSha256: sha256, revisionSha256: sha256 }).strict(),
  /** The handling of an arrival inside the agency (shared/hub/workflow.ts). */
  ...workflowCommandPayloads,
  /**
   * The clerk numbers a draft the leader signed: the next number of the agency's default outgoing
   * register (or of `registerId`), taken in the hub's transaction; the seal (a `revision.upload` by
   * the clerk) then fills it in.
   */
  'draft.number': z.object({ documentId, registerId: documentId.optional() }).strict(),
  /** The clerk sends a sealed draft to other agencies (their axis codes) through the hub's exchange. */
  'draft.send': z
    .object({ documentId, recipients: z.array(agencyCode).min(1).max(500) })
    .strict()
    .refine((payload) => new Set(payload.recipients).size === payload.recipients.length, { message: 'each recipient once', path: ['recipients'] }),
  /** The clerk delivers a sealed internal draft to units of the agency, inside the hub (never over the axis). */
  'draft.sendInternal': z
    .object({ documentId, units: z.array(documentId).min(1).max(100) })
    .strict()
    .refine((payload) => new Set(payload.units).size === payload.units.length, { message: 'each unit once', path: ['units'] }),
  /** The person read deadline notices at one desk: the hub tells his other desks (shared/hub/deadlines.ts NOTICES_READ). */
  'notices.read': noticesReadPayload,
} as const;

export type CommandKind = keyof typeof commandPayloads;
export const COMMAND_KINDS = Object.keys(commandPayloads) as CommandKind[];

export const deskCommand = z.discriminatedUnion(
  'kind',
  COMMAND_KINDS.map((kind) => z.object({ id: commandId, kind: z.literal(kind), payload: commandPayloads[kind] }).strict()) as unknown as [
    z.ZodObject<{ id: typeof commandId; kind: z.ZodLiteral<CommandKind>; payload: z.ZodType }>,
  ],
);
export type DeskCommand = { [K in CommandKind]: { id: string; kind: K; payload: z.output<(typeof commandPayloads)[K]> } }[CommandKind];

/**
 * Why the hub did not apply a command: `forbidden` (this user may not), `not_found` (no such
 * document, or not one this user may see: the two are not told apart; also a work item not of
 * that document), `stale` (the document moved on: e.g. already accepted, the signed base is no
 * longer the current revision, a work item already done or passed on), `invalid` (the hub's
 * checks failed: e.g. the revision is not an incremental update or its signature fails, a deadline
 * later than the one it was passed on under).
 */
export const COMMAND_REFUSALS = ['forbidden', 'not_found', 'stale', 'invalid'] as const;
export type CommandRefusal = (typeof COMMAND_REFUSALS)[number];

export type CommandOutcome =
  | { id: string; state: 'applied'; appliedAt: string; /** e.g. the new document's id. */ result: Record<string, unknown> }
  | { id: string; state: 'refused'; appliedAt: string; reason: CommandRefusal; message: string };

/** Several commands in one request, applied in order; the answer lists their outcomes in that order. */
export const MAX_COMMANDS_PER_REQUEST = 50;
export const deskCommandBatch = z.object({ commands: z.array(deskCommand).min(1).max(MAX_COMMANDS_PER_REQUEST) }).strict();
/** POST /api/commands takes one command (answered by its outcome) or a batch (answered by this). */
export const commandRequest = z.union([deskCommand, deskCommandBatch]);
/** commandRequest's output, with each command typed by its kind (the schema's own type is looser). */
export type CommandRequest = DeskCommand | { commands: DeskCommand[] };
export interface CommandBatchOutcome {
  outcomes: CommandOutcome[];
}

/**
 * A file a desk uploads before the command that names it (PUT /api/blobs/<sha256>, the bytes as
 * the body, application/pdf or application/octet-stream): the hub keeps it only if it hashes to
 * its address. A signed PDF larger than this is refused.
 */
export const MAX_BLOB_UPLOAD_BYTES = 100 * 1024 * 1024;
export const blobAddress = z.object({ sha256 }).strict();
export interface BlobUploaded {
  sha256: string;
  size: number;
}
