/**
 * An HTTP relay between a desk and a real hub, for what a network does to a desk: drop every
 * connection (a cut), cut one answer after the hub gave it, hold an answer while the desk's
 * process is killed, or change a file's bytes on the way (a hostile or broken proxy). Everything
 * else is passed to the hub as it is.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RelayedRequest {
  method: string;
  pathname: string;
  /** The query string, with its `?` (or empty). */
  search: string;
  body: string;
}

export class HubRelay {
  private down = false;
  /** Every request passed to the hub, in order. */
  readonly seen: RelayedRequest[] = [];
  /** Changes the body of a hub answer before the desk gets it. */
  rewrite: ((request: RelayedRequest, body: Buffer) => Buffer) | null = null;
  /** The hub answered, and the connection is then cut instead of answering (the answer is lost). */
  cutAnswer: ((request: RelayedRequest) => boolean) | null = null;
  /** The hub answered, and the answer is held (never sent) until `releaseHeld()` cuts it. */
  holdAnswer: ((request: RelayedRequest) => boolean) | null = null;
  /** Answers held, with the hub's status: the hub has answered these. */
  readonly held: { request: RelayedRequest; status: number }[] = [];
  private readonly open = new Set<http.ServerResponse>();
  private readonly holding = new Set<http.ServerResponse>();
  private server!: http.Server;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    this.server = http.createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Cuts every connection now and refuses new ones until `up()`. */
  cut(): void {
    this.down = true;
    for (const response of this.open) response.socket?.destroy();
  }

  up(): void {
    this.down = false;
  }

  releaseHeld(): void {
    for (const response of this.holding) response.socket?.destroy();
    this.holding.clear();
  }

  async close(): Promise<void> {
    this.cut();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (this.down) return void request.socket.destroy();
    this.open.add(response);
    response.on('close', () => this.open.delete(response));
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(request.url!, this.url);
    const relayed: RelayedRequest = { method: request.method ?? 'GET', pathname: url.pathname, search: url.search, body: body.toString() };
    this.seen.push(relayed);
    try {
      const forwarded = await fetch(new URL(url.pathname + url.search, this.target), {
        method: request.method,
        headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)) as [string, string][]),
        body: body.length > 0 ? body : undefined,
      });
      let answer: Buffer = Buffer.from(await forwarded.arrayBuffer());
      if (this.down || this.cutAnswer?.(relayed)) return void response.socket?.destroy();
      if (this.holdAnswer?.(relayed)) {
        this.held.push({ request: relayed, status: forwarded.status });
        this.holding.add(response);
        return;
      }
      if (this.rewrite) answer = this.rewrite(relayed, answer);
      const retryAfter = forwarded.headers.get('retry-after');
      response.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json', ...(retryAfter ? { 'retry-after': retryAfter } : {}) }).end(answer);
    } catch {
      response.socket?.destroy();
    }
  }
}
