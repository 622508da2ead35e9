import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api/errors.js';
import type { ApiEvent } from '../../shared/api/contract.js';
import { toWireJson } from '../../shared/api/wire.js';
import { createHttpTransport } from './http-transport.js';

function reply(body: unknown, status = 200): Response {
  return new Response(toWireJson(body), { status, headers: { 'content-type': 'application/json' } });
}

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function callError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const SESSION = 'c2Vzc2lvbi1zZWNyZXQtb2YtdGhpcy10YWItMDEyMzQ1Njc';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('HTTP transport calls', () => {
  it('posts the wire-encoded input to /api/call/<method> with the session, never a cookie, and decodes the result', async () => {
    const fetchMock = stubFetch(reply({ ok: true, result: { id: 3, name: 'a.pdf' } }));
    const api = createHttpTransport({ session: SESSION });
    const bytes = new Uint8Array([1, 2, 3]);
    const result = await api.call('attachments.add', { documentId: 1, name: 'a.pdf', contentType: 'application/pdf', bytes });

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/call/attachments.add');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('omit');
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${SESSION}`);
    expect(JSON.parse(init?.body as string)).toEqual({ documentId: 1, name: 'a.pdf', contentType: 'application/pdf', bytes: { $bytes: 'AQID' } });
    expect(result).toEqual({ id: 3, name: 'a.pdf' });
  });

  it('tells the page when the host no longer knows the session (401)', async () => {
    stubFetch(reply({ ok: false, error: { code: 'unauthorized', message: 'missing or wrong access secret' } }, 401));
    const onUnauthorized = vi.fn();
    expect((await callError(createHttpTransport({ session: SESSION, onUnauthorized }).call('quarantine.list', {}))).code).toBe('unauthorized');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('throws the error the host reports, with its field errors', async () => {
    stubFetch(reply({ ok: false, error: { code: 'invalid_input', message: 'bad', fields: { secret: 'too short' } } }, 400));
    const error = await callError(createHttpTransport({ session: SESSION }).call('setup.connectAxis', { axisUrl: 'http://x', agencyCode: 'A', secret: 'x' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('bad');
    expect(error.fields).toEqual({ secret: 'too short' });
  });

  it('accepts a bare error body on a non-ok status', async () => {
    stubFetch(reply({ code: 'not_found', message: 'no such document' }, 404));
    const error = await callError(createHttpTransport({ session: SESSION }).call('documents.get', { id: 9 }));
    expect(error.code).toBe('not_found');
  });

  it('treats ok:false as an error even with status 200', async () => {
    stubFetch(reply({ ok: false, error: { code: 'conflict', message: 'already' } }));
    expect((await callError(createHttpTransport({ session: SESSION }).call('quarantine.list', {}))).code).toBe('conflict');
  });

  it('maps the status when the body is not an API error', async () => {
    stubFetch(new Response('Unauthorized', { status: 401 }));
    expect((await callError(createHttpTransport({ session: SESSION }).call('quarantine.list', {}))).code).toBe('unauthorized');
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect((await callError(createHttpTransport({ session: SESSION }).call('quarantine.list', {}))).code).toBe('unavailable');
    stubFetch(new Response('', { status: 500 }));
    expect((await callError(createHttpTransport({ session: SESSION }).call('quarantine.list', {}))).code).toBe('internal');
  });

  it('reports a malformed successful reply as internal', async () => {
    stubFetch(new Response('not json', { status: 200 }));
    expect((await callError(createHttpTransport({ session: SESSION }).call('quarantine.list', {}))).code).toBe('internal');
    stubFetch(reply({ result: [] }));
    expect((await callError(createHttpTransport({ session: SESSION }).call('quarantine.list', {}))).code).toBe('internal');
  });

  it('reports a network failure as unavailable', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    const error = await callError(createHttpTransport({ session: SESSION }).call('sync.now', {}));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('Failed to fetch');
  });
});

class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  message(data: string) {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  fail(closed: boolean) {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

describe('HTTP transport events', () => {
  let tickets = 0;
  afterEach(() => {
    FakeEventSource.instances = [];
    tickets = 0;
    vi.useRealTimers();
  });

  /** The host's ticket endpoint: a new single-use ticket per request, for the session only. */
  const ticketFetch = vi.fn(async (url: string, init?: RequestInit) => {
    expect(url).toBe('/api/events/ticket');
    expect(init?.method).toBe('POST');
    if (new Headers(init?.headers).get('authorization') !== `Bearer ${SESSION}`) return new Response('', { status: 401 });
    return new Response(JSON.stringify({ ticket: `ticket-${++tickets}` }), { status: 200 });
  });
  const transport = () => createHttpTransport({ session: SESSION, fetch: ticketFetch as unknown as typeof fetch, EventSource: FakeEventSource as unknown as typeof EventSource, reopenDelayMs: 1000 });
  /** Lets the ticket request resolve. */
  const settle = () => vi.waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));

  it('opens one stream for all listeners with a single-use ticket, parses events and closes with the last listener', async () => {
    const api = transport();
    const a: ApiEvent[] = [];
    const b: ApiEvent[] = [];
    const offA = api.subscribe((e) => a.push(e));
    const offB = api.subscribe((e) => b.push(e));
    await settle();
    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0]!;
    expect(source.url).toBe('/api/events?ticket=ticket-1');

    source.open();
    source.message(JSON.stringify({ type: 'documents.changed', ids: [4] }));
    source.message('not json');
    source.message(JSON.stringify({ type: 'something.new' }));
    expect(a).toEqual([{ type: 'documents.changed', ids: [4] }]);
    expect(b).toEqual(a);

    offA();
    expect(source.closed).toBe(false);
    offB();
    expect(source.closed).toBe(true);
  });

  it('passes on the arrival and quarantine events', async () => {
    const api = transport();
    const seen: ApiEvent[] = [];
    api.subscribe((e) => seen.push(e));
    await settle();
    const source = FakeEventSource.instances[0]!;
    source.open();
    const arrived: ApiEvent = { type: 'document.arrived', id: 7, subject: 'V/v họp', senderName: 'UBND tỉnh Nghệ An', priority: 3 };
    source.message(JSON.stringify(arrived));
    source.message(JSON.stringify({ type: 'quarantine.changed' }));
    expect(seen).toEqual([arrived, { type: 'quarantine.changed' }]);
  });

  it('the first opening asks for a resync: an event sent before the stream was open reached no one', async () => {
    const api = transport();
    const resync = vi.fn();
    api.onResync(resync);
    api.subscribe(() => {});
    await settle();
    const source = FakeEventSource.instances[0]!;
    expect(resync).not.toHaveBeenCalled();
    source.open();
    expect(resync).toHaveBeenCalledTimes(1);
    source.message(JSON.stringify({ type: 'quarantine.changed' }));
    expect(resync).toHaveBeenCalledTimes(1);
  });

  it('after a break, reopens with a new ticket (the spent one would be refused) and asks for a resync', async () => {
    const api = transport();
    const resync = vi.fn();
    api.onResync(resync);
    api.subscribe(() => {});
    await settle();
    const first = FakeEventSource.instances[0]!;
    first.open();
    resync.mockClear();
    vi.useFakeTimers();
    first.fail(false);
    expect(first.closed).toBe(true);
    expect(FakeEventSource.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    vi.useRealTimers();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    const second = FakeEventSource.instances[1]!;
    expect(second.url).toBe('/api/events?ticket=ticket-2');
    second.open();
    expect(resync).toHaveBeenCalledTimes(1);
  });
});
