/**
 * The AxisClient for the VNPT VXP binding (docs/formats.md#vxp): every call signed with the agency's secret,
 * every answer's envelope checked, every failure turned into an AxisError that says whether
 * retrying can help and what the clerk can do. The secret only feeds the HMAC: it is never
 * sent, logged or put in a message.
 */
import { createHash, createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  VXP_CALLS,
  VXP_ERROR,
  VXP_HASH_HEADER,
  isRetryableVxpError,
  vxpSignRequest,
  vxpTimestamp,
  type VxpCall,
  type VxpEnvelope,
  type VxpAgencyRow,
  type VxpParams,
  type VxpReceivedRow,
  type VxpSentRow,
  type VxpSyncUnitRow,
} from '../../../../shared/axis/vxp.js';
import { writeFileDurably } from './durable-file.js';
import { nodeHttpTransport, type AxisAnswer, type HttpTransport, type Upload } from './http-transport.js';
import { multipartFile } from './multipart.js';
import { sha256OfFile } from '../../fs/file-hash.js';
import { logWarn } from '../../logging/log.js';
import { MAX_PACKAGE_BYTES } from '../edxml/receive-limits.js';
import { AxisError, type AxisClient, type AxisMessageType } from './types.js';

export interface VxpClientOptions {
  baseUrl: string;
  systemId: string;
  secret: string;
  /** How long the axis may stay silent: before answering, or between two chunks of a download. Default 60 s. */
  timeoutMs?: number;
  /** How the calls travel (default: Node's http/https); tests wrap it to count or break calls. */
  transport?: HttpTransport;
}

const SERVICE_TYPE = 'eDoc';
const DEFAULT_TIMEOUT_MS = 60_000;
/** [I] Uploads are not observable chunk by chunk; they get extra time as if the line moved at least 100 kB/s. */
const MIN_UPLOAD_BYTES_PER_SECOND = 100_000;
const MAX_DESCRIPTION_IN_MESSAGE = 300;

const MiB = 1024 * 1024;
/**
 * The most VanThu reads of an answer, per call; past it the answer is cut off unread. The lists
 * have no pages: a week offline may list thousands of packages (~350 bytes each) and the
 * directory ~111,000 agencies (~250 bytes each). Every other answer is a small envelope.
 */
const ANSWER_LIMITS: Partial<Record<VxpCall, number>> = {
  getReceivedEdocList: 32 * MiB,
  getAgenciesList: 64 * MiB,
  getAgenciesListQD20: 64 * MiB,
  getSynchronizeUnit: 64 * MiB,
};
const DEFAULT_ANSWER_LIMIT = 1 * MiB;
const answerLimit = (call: VxpCall) => ANSWER_LIMITS[call] ?? DEFAULT_ANSWER_LIMIT;

const ADVICE: Record<string, string> = {
  [VXP_ERROR.invalidFile]: 'The axis refused the request as invalid (ErrorCode 10)',
  [VXP_ERROR.badCredentials]: 'The axis refused the credentials (ErrorCode 15): check the agency code and secret in Settings',
  [VXP_ERROR.unknownRecipient]: 'The axis does not know a recipient (ErrorCode 18): check the recipient codes against the agency directory',
  [VXP_ERROR.senderNotRegistered]:
    'The axis does not accept this agency as a sender (ErrorCode 19): check that the agency code in Settings is registered and active on the axis',
  [VXP_ERROR.axisError]: 'The axis had an internal error (ErrorCode 20); VanThu will retry',
  [VXP_ERROR.fileProcessing]: 'The axis could not process the file (ErrorCode 21); VanThu will retry',
  [VXP_ERROR.notEdxml]: 'The axis says the package is not edXML (ErrorCode 22)',
  [VXP_ERROR.recipientLocked]: 'An agency is locked on the axis (ErrorCode 23): ask the axis operator, or leave it out of the recipients',
};

export function createVxpClient(options: VxpClientOptions): AxisClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = options.transport ?? nodeHttpTransport;

  async function exchange<T>(call: VxpCall, params: VxpParams, handle: (response: AxisAnswer, watchdog: Watchdog) => Promise<T>, upload?: Upload, extraMs = 0): Promise<T> {
    let signed;
    try {
      signed = vxpSignRequest({ systemid: options.systemId, timestamp: vxpTimestamp(), ...params });
    } catch (error) {
      throw new AxisError('permanent', 'invalid_request', `Cannot call /${call}: ${errorText(error)}`, { cause: error });
    }
    const headers = { ...signed.headers, [VXP_HASH_HEADER]: createHmac('sha256', options.secret).update(signed.signingString, 'utf8').digest('hex') };
    const watchdog = new Watchdog(timeoutMs + extraMs);
    let response: AxisAnswer | undefined;
    try {
      response = await transport(`${baseUrl}/${call}`, { method: VXP_CALLS[call], headers, upload, signal: watchdog.signal });
      return await handle(response, watchdog);
    } catch (error) {
      if (error instanceof AxisError || isLocalFileError(error)) throw error;
      throw watchdog.timedOut
        ? new AxisError('retryable', 'timeout', `The axis did not answer /${call} within ${Math.round((timeoutMs + extraMs) / 1000)} s; VanThu will retry.`, { cause: error })
        : new AxisError('retryable', 'network', `Cannot reach the axis at ${baseUrl} (${networkReason(error)}): check the network and the axis address in Settings; VanThu will retry.`, {
            cause: error,
          });
    } finally {
      watchdog.stop();
      // A body left unread would hold its connection; one read to the end keeps it for the next call.
      response?.discard();
    }
  }

  /** A call whose answer is an envelope; `parse` returns undefined for data of the wrong shape. */
  function callData<T>(call: VxpCall, params: VxpParams, parse: (data: unknown) => T | undefined, upload?: Upload, extraMs?: number): Promise<T> {
    return exchange(
      call,
      params,
      async (response, watchdog) => {
        const envelope = await readEnvelope(call, response, watchdog);
        const value = parse(envelope.data);
        if (value === undefined) throw badResponse(call, 'its data has an unexpected shape');
        return value;
      },
      upload,
      extraMs,
    );
  }

  return {
    listReceived: (messageType) => callData('getReceivedEdocList', { servicetype: SERVICE_TYPE, messagetype: messageType }, (data) => asReceivedRows(data, messageType)),

    download: (docId, destinationPath, maxBytes = MAX_PACKAGE_BYTES) =>
      exchange('downloadEdoc', { docId }, async (response, watchdog) => {
        if (response.status !== 200 || isJson(response)) {
          await readEnvelope('downloadEdoc', response, watchdog);
          throw badResponse('downloadEdoc', 'it sent an envelope instead of the package');
        }
        const tooLarge = () => new AxisError('permanent', 'package_too_large', `The package ${docId} is larger than ${formatMb(maxBytes)}, the most VanThu takes from the axis.`);
        if (declaredLength(response) > maxBytes) {
          response.discard();
          throw tooLarge();
        }
        return writeFileDurably(destinationPath, upTo(response.body, maxBytes, tooLarge), () => watchdog.touch());
      }),

    acknowledge: async (docId, status, description) => {
      await callData('updateStatus', { docId, status, ...(description && { description: asHeaderText(description) }) }, () => null);
    },

    send: async (pkg, messageType, to) => {
      const { size, sha256, upload } = await packageUpload(pkg);
      const params = { from: options.systemId, servicetype: SERVICE_TYPE, messagetype: messageType, to: JSON.stringify(to), 'hash-file': sha256 };
      return callData('sendEdoc', params, asDocId, upload, (size / MIN_UPLOAD_BYTES_PER_SECOND) * 1000);
    },

    sentStatus: (docId) => callData('getSentEdocList', { servicetype: SERVICE_TYPE, docId }, asArray<VxpSentRow>),

    countReceived: (messageType) =>
      callData(messageType === 'edoc' ? 'countReceiveEdoc' : 'countReceiveStatus', { servicetype: SERVICE_TYPE, messagetype: messageType }, asCount),

    listAgencies: () => callData('getAgenciesList', {}, asArray<VxpAgencyRow>),

    syncUnits: (sinceVersion) => callData('getSynchronizeUnit', sinceVersion === null ? {} : { version: String(sinceVersion) }, asSyncPage),
  };
}

/** The package as /sendEdoc's file part `file_doc`, named by its file, or by its hash (as a blob's file is) when it is only bytes. */
async function packageUpload(pkg: string | Uint8Array): Promise<{ size: number; sha256: string; upload: Upload }> {
  if (typeof pkg === 'string') {
    const { size } = await stat(pkg);
    return { size, sha256: await sha256OfFile(pkg), upload: multipartFile('file_doc', path.basename(pkg), 'application/xml', { size, open: () => createReadStream(pkg) }) };
  }
  const sha256 = createHash('sha256').update(pkg).digest('hex');
  return { size: pkg.byteLength, sha256, upload: multipartFile('file_doc', sha256, 'application/xml', pkg) };
}

/** Turns HTTP errors and FAIL envelopes into AxisErrors; returns an OK envelope. */
async function readEnvelope(call: VxpCall, response: AxisAnswer, watchdog: Watchdog): Promise<VxpEnvelope<unknown>> {
  const envelope = parseEnvelope(await readText(call, response, watchdog));
  if (response.status !== 200) throw httpError(call, response.status, envelope?.ErrorDesc);
  if (!envelope) throw badResponse(call, 'it is not a VXP envelope');
  if (envelope.status === 'OK') return envelope;
  const code = envelope.ErrorCode;
  const advice = ADVICE[code] ?? `The axis refused /${call} (ErrorCode ${code})`;
  throw new AxisError(isRetryableVxpError(code) ? 'retryable' : 'permanent', code, `${advice}.${axisSaid(call, envelope.ErrorDesc)}`, { axisSaid: envelope.ErrorDesc });
}

/**
 * Reads the body chunk by chunk, so that a long directory on a slow line is not taken for silence,
 * and at most the call's answer limit of it: an axis that announces or sends more is cut off
 * (a hostile or broken axis must not fill the memory).
 */
async function readText(call: VxpCall, response: AxisAnswer, watchdog: Watchdog): Promise<string> {
  const limit = answerLimit(call);
  const tooLarge = () =>
    new AxisError('retryable', 'answer_too_large', `The axis's answer to /${call} is larger than ${formatMb(limit)}, the most VanThu reads of it: check the axis address in Settings; VanThu will retry.`);
  if (declaredLength(response) > limit) {
    response.discard();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of upTo(response.body, limit, tooLarge)) {
    chunks.push(chunk);
    watchdog.touch();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body's chunks until `limit` bytes; one more byte throws `tooLarge()`, which cancels the body. */
async function* upTo(body: AsyncIterable<Uint8Array>, limit: number, tooLarge: () => Error): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge();
    yield chunk;
  }
}

/** The Content-Length the axis announced, or 0 when it announced none (chunked). */
function declaredLength(response: AxisAnswer): number {
  const length = Number(response.header('content-length'));
  return Number.isSafeInteger(length) && length > 0 ? length : 0;
}

const formatMb = (bytes: number) => `${Math.round(bytes / MiB)} MB`;

function parseEnvelope(text: string): VxpEnvelope<unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !('status' in value)) return undefined;
  const { status, ErrorCode, ErrorDesc, data } = value as Record<string, unknown>;
  if (status !== 'OK' && status !== 'FAIL') return undefined;
  // Some axes send the code as a number.
  return { status, ErrorCode: String(ErrorCode ?? ''), ErrorDesc: typeof ErrorDesc === 'string' ? ErrorDesc : '', data: data ?? null };
}

function httpError(call: VxpCall, status: number, description: string | undefined): AxisError {
  const retryable = status >= 500 || status === 429 || status === 408;
  const advice = retryable
    ? `The axis answered HTTP ${status} to /${call}; VanThu will retry`
    : `The axis refused /${call} with HTTP ${status}${status === 404 || status === 405 ? ': check the axis address in Settings' : ''}`;
  return new AxisError(retryable ? 'retryable' : 'permanent', `http_${status}`, `${advice}.${axisSaid(call, description)}`, { axisSaid: description ?? null });
}

function badResponse(call: VxpCall, why: string): AxisError {
  return new AxisError('retryable', 'bad_response', `The axis's answer to /${call} is not understood (${why}): check the axis address in Settings; VanThu will retry.`);
}

function axisSaid(call: VxpCall, description: string | undefined): string {
  if (!description) return '';
  const text = description.length > MAX_DESCRIPTION_IN_MESSAGE ? `${description.slice(0, MAX_DESCRIPTION_IN_MESSAGE)}…` : description;
  return ` The axis said on /${call}: ${text}`;
}

function isJson(response: AxisAnswer): boolean {
  return (response.header('content-type') ?? '').includes('json');
}

/** Errors of our own disk (while writing a download, reading an upload) are not the axis's. */
function isLocalFileError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { path?: unknown }).path === 'string';
}

function networkReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return errorText(error);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Header values are ASCII: a Vietnamese description loses its marks rather than the acknowledgement failing. */
function asHeaderText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '?');
}

// --- parsers of `data` ---

/** docId travels back in a header: printable ASCII, bounded. */
const receivedRow = z.object({
  docId: z.string().regex(/^[\x21-\x7e]{1,200}$/),
  serviceType: z.string().max(100).catch(''),
  // Not a fact to trust: fail closed downstream (an empty sender is refused, never skipped).
  from: z.string().max(200).catch(''),
  to: z.string().max(10_000).catch(''),
  created_time: z.string().max(100).catch(''),
  updated_time: z.string().max(100).catch(''),
  status: z.string().max(100).catch(''),
  status_desc: z.string().max(2_000).catch(''),
});

/**
 * The rows of a received list, each checked: a row whose docId cannot be sent back to the axis
 * (not a string, too long, not printable ASCII) can be neither downloaded nor acknowledged, so it
 * is left out and logged; any other field of the wrong shape reads as empty. The message type is
 * the one asked for.
 */
function asReceivedRows(data: unknown, messageType: AxisMessageType): VxpReceivedRow[] | undefined {
  if (!Array.isArray(data)) return undefined;
  const rows: VxpReceivedRow[] = [];
  for (const value of data) {
    const row = receivedRow.safeParse(value);
    if (row.success) rows.push({ ...row.data, messageType });
    else logWarn(`[axis] a ${messageType} list row was left out: its docId is not a printable id of at most 200 characters (${JSON.stringify(value).slice(0, 200)})`);
  }
  return rows;
}

function asArray<T>(data: unknown): T[] | undefined {
  return Array.isArray(data) ? (data as T[]) : undefined;
}

function asDocId(data: unknown): string | undefined {
  return typeof data === 'string' && data !== '' ? data : undefined;
}

function asCount(data: unknown): number | undefined {
  const count = typeof data === 'string' && /^\d+$/.test(data) ? Number(data) : data;
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? count : undefined;
}

function asSyncPage(data: unknown): { version: number; rows: VxpSyncUnitRow[] } | undefined {
  const { version, rows } = (data ?? {}) as { version?: unknown; rows?: unknown };
  return typeof version === 'number' && Array.isArray(rows) ? { version, rows: rows as VxpSyncUnitRow[] } : undefined;
}

/** Aborts a call when the axis stays silent too long; `touch` restarts the wait on progress. */
class Watchdog {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  timedOut = false;

  constructor(ms: number) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, ms);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  touch(): void {
    this.timer.refresh();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
