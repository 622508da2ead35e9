/**
 * The browser-mode transport: `POST /api/call/<method>` with the wire-encoded input, the reply a
 * wire-encoded CallReply; events from `GET /api/events` (Server-Sent Events). Every call carries
 * the session secret (browser-session.ts) as `Authorization: Bearer`; EventSource cannot send a
 * header, so each (re)opened stream first trades the session for a single-use ticket.
 */
import type { ApiEvent, ApiInput, ApiMethod, ApiOutputs } from '../../shared/api/contract.js';
import { API_ERROR_CODES, ApiError, type ApiErrorCode } from '../../shared/api/errors.js';
import { HTTP_CALL_PREFIX, HTTP_EVENT_TICKET_PATH, HTTP_EVENT_TICKET_QUERY, HTTP_EVENTS_PATH } from '../../shared/api/transport.js';
import { fromWireJson, toWireJson } from '../../shared/api/wire.js';
import { isCallReply } from './errors.js';
import type { ClientApi } from './types.js';

type EventSourceConstructor = new (url: string, init?: EventSourceInit) => EventSource;

export interface HttpTransportOptions {
  /** The session secret from the launch code (browser-session.ts). */
  session: string;
  /** The host no longer knows the session (it restarted): the page must be opened by a new link. */
  onUnauthorized?: () => void;
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
  'hub.status': true,
  'hub.files': true,
  'hub.notices': true,
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

export function createHttpTransport(options: HttpTransportOptions): ClientApi {
  const baseUrl = options.baseUrl ?? '';
  const authorization = { authorization: `Bearer ${options.session}` };
  const fetchImpl = () => options.fetch ?? globalThis.fetch;
  const reopenDelayMs = options.reopenDelayMs ?? 2_000;
  const listeners = new Set<(event: ApiEvent) => void>();
  const resyncListeners = new Set<() => void>();
  let source: EventSource | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * Whether events may have been lost since the stream was last open. True before the first open
   * too: calls answered while the ticket and the stream were on their way (a slow page load, the
   * browser's connections busy) may be older than an event sent meanwhile, which no stream carried.
   */
  let missedEvents = true;

  function dispatch(event: ApiEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('VanThu event listener failed', error);
      }
    }
  }

  /** A single-use ticket for the next stream, or null (the host is away, or forgot the session). */
  async function eventTicket(): Promise<string | null> {
    try {
      const response = await fetchImpl()(`${baseUrl}${HTTP_EVENT_TICKET_PATH}`, { method: 'POST', headers: authorization });
      if (response.status === 401) options.onUnauthorized?.();
      if (!response.ok) return null;
      const { ticket } = (await response.json()) as { ticket?: unknown };
      return typeof ticket === 'string' ? ticket : null;
    } catch {
      return null;
    }
  }

  function reopenLater(): void {
    if (listeners.size === 0 || reopenTimer !== null) return;
    reopenTimer = setTimeout(() => {
      reopenTimer = null;
      if (listeners.size > 0) openStream();
    }, reopenDelayMs);
  }

  /** Opening is asynchronous (the ticket): `opening` keeps a second subscriber from opening another. */
  let opening = false;
  function openStream(): void {
    const EventSourceImpl = options.EventSource ?? (globalThis.EventSource as EventSourceConstructor | undefined);
    if (!EventSourceImpl || source || opening) return;
    opening = true;
    void eventTicket().then((ticket) => {
      opening = false;
      if (listeners.size === 0 || source) return;
      if (ticket === null) {
        missedEvents = true;
        return reopenLater();
      }
      const stream = new EventSourceImpl(`${baseUrl}${HTTP_EVENTS_PATH}?${HTTP_EVENT_TICKET_QUERY}=${encodeURIComponent(ticket)}`);
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
        // The browser's own reconnect would present the spent ticket again: close, and reopen with a new one.
        missedEvents = true;
        stream.close();
        if (source === stream) source = null;
        reopenLater();
      };
    });
  }

  function closeStream(): void {
    if (reopenTimer !== null) clearTimeout(reopenTimer);
    reopenTimer = null;
    source?.close();
    source = null;
  }

  return {
    async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> {
      let response: Response;
      let text: string;
      try {
        response = await fetchImpl()(`${baseUrl}${HTTP_CALL_PREFIX}${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...authorization },
          body: toWireJson(input),
          credentials: 'omit',
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
      if (response.status === 401) options.onUnauthorized?.();
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
