/**
 * The one API between the renderer and the VanThu core. Both transports (the Electron preload
 * and the browser-mode HTTP host) carry exactly these calls and events, and the core validates
 * every input against these schemas before a handler sees it: the renderer is never trusted.
 */
import { z } from 'zod';
import type { Agency } from '../domain/agency.js';
import type { AppState } from './state.js';
import type { SyncStatus } from './sync-status.js';
import { MAX_ATTACHMENT_BYTES } from './limits.js';
import type { AttachmentContent, AttachmentInfo, DocumentDetail, DocumentSummary } from './documents.js';


const recordId = z.number().int().positive();
const typedAgencyCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dots, dashes or underscores');

/** Attachment names end up as files on Windows: no paths, no control or reserved characters. */
export const attachmentName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((name) => !/[\\/:*?"<>|]/.test(name) && ![...name].some((ch) => ch.charCodeAt(0) < 32), 'must not contain \\ / : * ? " < > | or control characters')
  .refine((name) => !/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name), 'is a reserved Windows device name')
  .refine((name) => name !== '.' && name !== '..' && !name.endsWith('.'), 'must not be . or .. or end with a dot');

const noInput = z.object({}).strict();

export const apiInputs = {
  'app.getState': noInput,
  'setup.useDemo': noInput,
  'setup.connectAxis': z
    .object({
      axisUrl: z.url({ protocol: /^https?$/ }).max(500),
      agencyCode: typedAgencyCode,
      secret: z.string().min(8).max(512),
    })
    .strict(),
  'agencies.search': z
    .object({
      query: z.string().max(200),
      limit: z.number().int().min(1).max(500),
      offset: z.number().int().min(0).max(1_000_000),
    })
    .strict(),
  'drafts.list': noInput,
  'drafts.create': z
    .object({
      subject: z.string().trim().min(1).max(500),
      summary: z.string().trim().max(2000),
    })
    .strict(),
  'documents.get': z.object({ id: recordId }).strict(),
  'attachments.add': z
    .object({
      documentId: recordId,
      name: attachmentName,
      contentType: z.string().max(100).regex(/^[\w.+-]+\/[\w.+-]+$/),
      bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.length > 0 && bytes.length <= MAX_ATTACHMENT_BYTES, 'must be 1 byte to 100 MB'),
    })
    .strict(),
  'attachments.read': z.object({ attachmentId: recordId }).strict(),
  'sync.getStatus': noInput,
  'sync.now': noInput,
} as const;

export type ApiMethod = keyof typeof apiInputs;
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiInputs)[M]>;
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof apiInputs)[M]>;

export interface ApiOutputs {
  'app.getState': AppState;
  'setup.useDemo': AppState;
  'setup.connectAxis': AppState;
  'agencies.search': { rows: Agency[]; total: number };
  'drafts.list': DocumentSummary[];
  'drafts.create': DocumentDetail;
  'documents.get': DocumentDetail;
  'attachments.add': AttachmentInfo;
  'attachments.read': AttachmentContent;
  'sync.getStatus': SyncStatus;
  'sync.now': SyncStatus;
}

export const API_METHODS = Object.keys(apiInputs) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiInputs, name);
}

/** Events the core pushes to every open window. */
export type ApiEvent =
  | { type: 'app.state'; state: AppState }
  | { type: 'sync.status'; status: SyncStatus }
  | { type: 'agencies.changed' }
  | { type: 'documents.changed'; ids: number[] };

/** What a renderer sees, whichever transport carries it. */
export interface VanThuApi {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}
