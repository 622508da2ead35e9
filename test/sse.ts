/**
 * A Server-Sent Events client for tests, over fetch: the events as they arrive (with the time
 * each arrived), and whether the server ended the stream. Parses what the hub's feed sends
 * (id, event, data, comments), as EventSource would.
 */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
  /** performance.now() when it arrived. */
  at: number;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  /** Resolves when the server ends the stream (or it breaks); never rejects. */
  readonly ended: Promise<number>;
  private readonly abort = new AbortController();
  private wakeUp: (() => void) | null = null;

  private constructor(
    readonly status: number,
    body: ReadableStream<Uint8Array> | null,
    private readonly onEvent?: (event: SseEvent) => void,
  ) {
    this.ended = this.consume(body);
  }

  /** `onEvent`: called as each event arrives (the benchmark times deliveries with it). */
  static async open(url: string, token: string, lastEventId?: string, onEvent?: (event: SseEvent) => void): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: abort.signal,
    });
    const client = new SseClient(response.status, response.body, onEvent);
    client.abort.signal.addEventListener('abort', () => abort.abort());
    return client;
  }

  /** Waits until `count` events named `event` have arrived. */
  async waitFor(event: string, count = 1, timeoutMs = 10_000): Promise<SseEvent[]> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.events.filter((e) => e.event === event);
      if (found.length >= count) return found;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`waited ${timeoutMs} ms for ${count} "${event}" event(s); got ${JSON.stringify(this.events.map((e) => [e.event, e.id]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  changes(): { seq: number; kind: string; subject: string; payload: unknown }[] {
    return this.events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data) as { seq: number; kind: string; subject: string; payload: unknown });
  }

  close(): void {
    this.abort.abort();
  }

  private async consume(body: ReadableStream<Uint8Array> | null): Promise<number> {
    if (!body) return performance.now();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.take(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted by close(), or the connection broke: either way the stream is over.
    }
    this.wakeUp?.();
    return performance.now();
  }

  private take(block: string): void {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || line === '') continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0 && id === null) return;
    const arrived = { id, event, data: data.join('\n'), at: performance.now() };
    this.events.push(arrived);
    this.onEvent?.(arrived);
    this.wakeUp?.();
  }
}
