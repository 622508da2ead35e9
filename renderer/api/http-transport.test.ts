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

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('HTTP transport calls', () => {
  it('posts the wire-encoded input to /api/call/<method> and decodes the result', async () => {
    const fetchMock = stubFetch(reply({ ok: true, result: { info: { id: 3 }, bytes: new Uint8Array([37, 80, 68, 70]) } }));
    const api = createHttpTransport();
    const bytes = new Uint8Array([1, 2, 3]);
    const result = await api.call('attachments.add', { documentId: 1, name: 'a.pdf', contentType: 'application/pdf', bytes });

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/call/attachments.add');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(init?.body as string)).toEqual({ documentId: 1, name: 'a.pdf', contentType: 'application/pdf', bytes: { $bytes: 'AQID' } });
    expect((result as unknown as { bytes: Uint8Array }).bytes).toEqual(new Uint8Array([37, 80, 68, 70]));
  });

  it('throws the error the host reports, with its field errors', async () => {
    stubFetch(reply({ ok: false, error: { code: 'invalid_input', message: 'bad', fields: { secret: 'too short' } } }, 400));
    const error = await callError(createHttpTransport().call('setup.connectAxis', { axisUrl: 'http://x', agencyCode: 'A', secret: 'x' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('bad');
    expect(error.fields).toEqual({ secret: 'too short' });
  });

  it('accepts a bare error body on a non-ok status', async () => {
    stubFetch(reply({ code: 'not_found', message: 'no such document' }, 404));
    const error = await callError(createHttpTransport().call('documents.get', { id: 9 }));
    expect(error.code).toBe('not_found');
  });

  it('treats ok:false as an error even with status 200', async () => {
    stubFetch(reply({ ok: false, error: { code: 'conflict', message: 'already' } }));
    expect((await callError(createHttpTransport().call('quarantine.list', {}))).code).toBe('conflict');
  });

  it('maps the status when the body is not an API error', async () => {
    stubFetch(new Response('Unauthorized', { status: 401 }));
    expect((await callError(createHttpTransport().call('quarantine.list', {}))).code).toBe('unauthorized');
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect((await callError(createHttpTransport().call('quarantine.list', {}))).code).toBe('unavailable');
    stubFetch(new Response('', { status: 500 }));
    expect((await callError(createHttpTransport().call('quarantine.list', {}))).code).toBe('internal');
  });

  it('reports a malformed successful reply as internal', async () => {
    stubFetch(new Response('not json', { status: 200 }));
    expect((await callError(createHttpTransport().call('quarantine.list', {}))).code).toBe('internal');
    stubFetch(reply({ result: [] }));
    expect((await callError(createHttpTransport().call('quarantine.list', {}))).code).toBe('internal');
  });

  it('reports a network failure as unavailable', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    const error = await callError(createHttpTransport().call('sync.now', {}));
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
  afterEach(() => {
    FakeEventSource.instances = [];
    vi.useRealTimers();
  });

  const transport = () => createHttpTransport({ EventSource: FakeEventSource as unknown as typeof EventSource, reopenDelayMs: 1000 });

  it('opens one stream for all listeners, parses events and closes with the last listener', () => {
    const api = transport();
    const a: ApiEvent[] = [];
    const b: ApiEvent[] = [];
    const offA = api.subscribe((e) => a.push(e));
    const offB = api.subscribe((e) => b.push(e));
    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0]!;
    expect(source.url).toBe('/api/events');

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

  it('passes on the arrival and quarantine events', () => {
    const api = transport();
    const seen: ApiEvent[] = [];
    api.subscribe((e) => seen.push(e));
    const source = FakeEventSource.instances[0]!;
    source.open();
    const arrived: ApiEvent = { type: 'document.arrived', id: 7, subject: 'V/v họp', senderName: 'UBND tỉnh Nghệ An', priority: 3 };
    source.message(JSON.stringify(arrived));
    source.message(JSON.stringify({ type: 'quarantine.changed' }));
    expect(seen).toEqual([arrived, { type: 'quarantine.changed' }]);
  });

  it('asks for a resync when the stream comes back after a break', () => {
    const api = transport();
    const resync = vi.fn();
    api.onResync(resync);
    api.subscribe(() => {});
    const source = FakeEventSource.instances[0]!;
    source.open();
    expect(resync).not.toHaveBeenCalled();
    source.fail(false);
    source.open();
    expect(resync).toHaveBeenCalledTimes(1);
  });

  it('reopens a stream the browser closed for good', () => {
    vi.useFakeTimers();
    const api = transport();
    const resync = vi.fn();
    api.onResync(resync);
    api.subscribe(() => {});
    FakeEventSource.instances[0]!.fail(true);
    expect(FakeEventSource.instances).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(FakeEventSource.instances).toHaveLength(2);
    FakeEventSource.instances[1]!.open();
    expect(resync).toHaveBeenCalledTimes(1);
  });
});
