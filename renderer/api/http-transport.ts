/**
 * The browser-mode transport: `POST /api/call/<method>` with the wire-encoded input, the reply a
 * wire-encoded CallReply; events from `GET /api/events` (Server-Sent Events). The per-launch
 * token travels as the session cookie the host set when the launch link was opened.
 */
import type { ApiEvent, ApiInput, ApiMethod, ApiOutputs } from '../../shared/api/contract.js';
import { API_ERROR_CODES, ApiError, type ApiErrorCode } from '../../shared/api/errors.js';
import { HTTP_CALL_PREFIX, HTTP_EVENTS_PATH } from '../../shared/api/transport.js';
import { fromWireJson, toWireJson } from '../../shared/api/wire.js';
import { isCallReply } from './errors.js';
import type { ClientApi } from './types.js';

type EventSourceConstructor = new (url: string, init?: EventSourceInit) => EventSource;

export interface HttpTransportOptions {
  /** Prefix of the API paths; '' (same origin) in the app. */
  baseUrl?: string;
  /** Defaults to the global fetch, looked up at each call. */
  fetch?: typeof fetch;
  /** Defaults to the global EventSource. */
  EventSource?: EventSourceConstructor;
  /** Delay before reopening an event stream the browser gave up on (ms). */
  reopenDelayMs?: number;
}

/** Every event type of the contract (a Record, so that a new one cannot be forgotten here). */
const KNOWN_EVENTS: Record<ApiEvent['type'], true> = {
  'app.state': true,
  'sync.status': true,
  'agencies.changed': true,
  'documents.changed': true,
  'document.arrived': true,
  'quarantine.changed': true,
  'inbox.waiting': true,
  'intake.changed': true,
  'texts.progress': true,
  // Sent by Electron's main process only; a browser-mode host never streams them.
  'menu.command': true,
  'document.open': true,
};
const EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(KNOWN_EVENTS));

/** The error code a bare HTTP status means, when the body does not say. */
export function codeForStatus(status: number): ApiErrorCode {
  if (status === 400 || status === 413 || status === 422) return 'invalid_input';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}

function isErrorBody(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' && (API_ERROR_CODES as readonly string[]).includes(code);
}

function errorFromReply(status: number, reply: unknown): ApiError {
  const body = isCallReply(reply) && !reply.ok ? reply.error : reply;
  if (isErrorBody(body)) return ApiError.fromBody(body);
  return new ApiError(codeForStatus(status), `HTTP ${status} from the VanThu host`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function parseEvent(data: unknown): ApiEvent | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = fromWireJson(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && EVENT_TYPES.has(type) ? (value as ApiEvent) : null;
}

export function createHttpTransport(options: HttpTransportOptions = {}): ClientApi {
  const baseUrl = options.baseUrl ?? '';
  const reopenDelayMs = options.reopenDelayMs ?? 5_000;
  const listeners = new Set<(event: ApiEvent) => void>();
  const resyncListeners = new Set<() => void>();
  let source: EventSource | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | null = null;
  /** Whether events may have been lost since the stream was last open. */
  let missedEvents = false;

  function dispatch(event: ApiEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('VanThu event listener failed', error);
      }
    }
  }

  function openStream(): void {
    const EventSourceImpl = options.EventSource ?? (globalThis.EventSource as EventSourceConstructor | undefined);
    if (!EventSourceImpl || source) return;
    const stream = new EventSourceImpl(`${baseUrl}${HTTP_EVENTS_PATH}`);
    source = stream;
    stream.onopen = () => {
      if (!missedEvents) return;
      missedEvents = false;
      for (const listener of [...resyncListeners]) listener();
    };
    stream.onmessage = (message: MessageEvent) => {
      const event = parseEvent(message.data);
      if (event) dispatch(event);
    };
    stream.onerror = () => {
      missedEvents = true;
      // The browser reconnects by itself unless the host answered with an error status; then
      // the stream is closed for good and we open a new one later (the host may be restarting).
      if (stream.readyState === 2 /* CLOSED */) {
        stream.close();
        if (source === stream) source = null;
        if (listeners.size > 0 && reopenTimer === null) {
          reopenTimer = setTimeout(() => {
            reopenTimer = null;
            if (listeners.size > 0) openStream();
          }, reopenDelayMs);
        }
      }
    };
  }

  function closeStream(): void {
    if (reopenTimer !== null) clearTimeout(reopenTimer);
    reopenTimer = null;
    source?.close();
    source = null;
  }

  return {
    async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> {
      const fetchImpl = options.fetch ?? globalThis.fetch;
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(`${baseUrl}${HTTP_CALL_PREFIX}${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: toWireJson(input),
          credentials: 'same-origin',
        });
        text = await response.text();
      } catch (error) {
        throw new ApiError('unavailable', `The VanThu host could not be reached (${method}): ${describe(error)}`);
      }
      let reply: unknown;
      try {
        reply = text === '' ? undefined : fromWireJson(text);
      } catch {
        reply = undefined;
      }
      if (!response.ok) throw errorFromReply(response.status, reply);
      if (!isCallReply(reply)) throw new ApiError('internal', `Malformed reply to ${method} from the VanThu host`);
      if (!reply.ok) throw errorFromReply(response.status, reply);
      return reply.result as ApiOutputs[M];
    },

    subscribe(listener: (event: ApiEvent) => void): () => void {
      listeners.add(listener);
      openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) closeStream();
      };
    },

    onResync(listener: () => void): () => void {
      resyncListeners.add(listener);
      return () => resyncListeners.delete(listener);
    },
  };
}
