/**
 * Request/response and one-way events over any message channel (a Node child's IPC, an Electron
 * utilityProcess or MessagePort, a worker port). Each side is a peer: it may call the other's
 * methods and serve its own. Both sides name the methods and events in one map of types, so a
 * caller and its server cannot drift apart.
 *
 * Written here rather than taken from a library: the ones made for this (comlink, birpc) proxy
 * objects through `Proxy` and structured-clone functions, which the utilityProcess and Node IPC
 * channels cannot carry, and none fails every pending call when the process behind the channel
 * exits, which is what a supervisor needs.
 */

/** One direction's methods: name → input and output. */
export type RpcMethods = Record<string, { input: unknown; output: unknown }>;

/** For a side that serves (or calls) nothing. */
export type NoRpcMethods = Record<never, { input: unknown; output: unknown }>;

/** What the peer needs of a channel. */
export interface RpcChannel {
  send(message: unknown): void;
  onMessage(handler: (message: unknown) => void): void;
}

export type RpcHandlers<M extends RpcMethods> = { [K in keyof M]: (input: M[K]['input']) => M[K]['output'] | Promise<M[K]['output']> };

export interface RpcPeerOptions<Serve extends RpcMethods, EventIn> {
  /** The methods the other side may call; a peer that serves none leaves this out. */
  handlers?: RpcHandlers<Serve>;
  onEvent?(event: EventIn): void;
  /** Turns a handler's failure into what crosses the channel (structured-clonable); the message by default. */
  encodeError?(error: unknown): unknown;
  /** Turns it back into the error the caller sees; an {@link RpcRemoteError} by default. */
  decodeError?(encoded: unknown, method: string): Error;
}

/** The other side's handler failed. */
export class RpcRemoteError extends Error {
  constructor(
    message: string,
    readonly method: string,
  ) {
    super(message);
    this.name = 'RpcRemoteError';
  }
}

/** No answer came in time; the request may still run on the other side. */
export class RpcTimeoutError extends Error {
  constructor(
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(`No answer to ${method} within ${Math.round(timeoutMs / 1000)} s.`);
    this.name = 'RpcTimeoutError';
  }
}

/** The channel closed (or the process behind it exited) before the answer came. */
export class RpcClosedError extends Error {
  constructor(
    readonly method: string,
    readonly reason: string,
  ) {
    super(`${method} was not answered: ${reason}.`);
    this.name = 'RpcClosedError';
  }
}

type Envelope =
  | { rpc: 'request'; id: number; method: string; input: unknown }
  | { rpc: 'response'; id: number; ok: true; output: unknown }
  | { rpc: 'response'; id: number; ok: false; error: unknown }
  | { rpc: 'event'; event: unknown };

/** shared/ has no Node or DOM types; every runtime it runs in has these two. */
const timers = globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };

interface Pending {
  method: string;
  resolve(output: unknown): void;
  reject(error: Error): void;
  timer: unknown;
}

/** An event as it crosses the channel, for a sender that is not a peer (a supervisor's shutdown message). */
export function rpcEventMessage(event: unknown): unknown {
  return { rpc: 'event', event } satisfies Envelope;
}

export function isRpcEnvelope(message: unknown): boolean {
  const rpc = (message as { rpc?: unknown } | null)?.rpc;
  return rpc === 'request' || rpc === 'response' || rpc === 'event';
}

export class RpcPeer<Serve extends RpcMethods, Call extends RpcMethods, EventOut = never, EventIn = never> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closedReason: string | null = null;

  constructor(
    private readonly channel: RpcChannel,
    private readonly options: RpcPeerOptions<Serve, EventIn> = {},
  ) {
    channel.onMessage((message) => this.receive(message));
  }

  /** Calls the other side; rejects with its error, an {@link RpcTimeoutError} or an {@link RpcClosedError}. */
  request<K extends keyof Call & string>(method: K, input: Call[K]['input'], options: { timeoutMs?: number } = {}): Promise<Call[K]['output']> {
    if (this.closedReason !== null) return Promise.reject(new RpcClosedError(method, this.closedReason));
    const id = this.nextId++;
    return new Promise<Call[K]['output']>((resolve, reject) => {
      const timeoutMs = options.timeoutMs;
      const timer =
        timeoutMs === undefined
          ? null
          : timers.setTimeout(() => {
              this.pending.delete(id);
              reject(new RpcTimeoutError(method, timeoutMs));
            }, timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.channel.send({ rpc: 'request', id, method, input } satisfies Envelope);
    });
  }

  emit(event: EventOut): void {
    if (this.closedReason === null) this.channel.send({ rpc: 'event', event } satisfies Envelope);
  }

  /** How many requests wait for an answer. */
  get waiting(): number {
    return this.pending.size;
  }

  /**
   * The process behind the channel is gone (it may come back, as under a supervisor): every
   * pending caller gets an {@link RpcClosedError} saying why; later requests go out as usual.
   */
  failPending(reason: string): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      if (pending.timer !== null) timers.clearTimeout(pending.timer);
      pending.reject(new RpcClosedError(pending.method, reason));
    }
  }

  /** For good: pending and later requests fail with `reason`, nothing more is sent. */
  close(reason: string): void {
    this.closedReason ??= reason;
    this.failPending(reason);
  }

  private receive(message: unknown): void {
    if (!isRpcEnvelope(message)) return;
    const envelope = message as Envelope;
    if (envelope.rpc === 'event') {
      this.options.onEvent?.(envelope.event as EventIn);
    } else if (envelope.rpc === 'request') {
      void this.serve(envelope.id, envelope.method, envelope.input);
    } else {
      const pending = this.pending.get(envelope.id);
      if (!pending) return;
      this.pending.delete(envelope.id);
      if (pending.timer !== null) timers.clearTimeout(pending.timer);
      if (envelope.ok) pending.resolve(envelope.output);
      else pending.reject(this.options.decodeError?.(envelope.error, pending.method) ?? new RpcRemoteError(String(envelope.error), pending.method));
    }
  }

  private async serve(id: number, method: string, input: unknown): Promise<void> {
    let reply: Envelope;
    try {
      const handler = (this.options.handlers as Record<string, ((input: unknown) => unknown) | undefined> | undefined)?.[method];
      if (!handler || !Object.hasOwn(this.options.handlers!, method)) throw new Error(`No such method: ${method}`);
      reply = { rpc: 'response', id, ok: true, output: await handler(input) };
    } catch (error) {
      reply = { rpc: 'response', id, ok: false, error: this.options.encodeError ? this.options.encodeError(error) : error instanceof Error ? error.message : String(error) };
    }
    if (this.closedReason === null) this.channel.send(reply);
  }
}
