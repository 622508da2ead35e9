import { describe, expect, it, vi } from 'vitest';
import { RpcClosedError, RpcPeer, RpcRemoteError, RpcTimeoutError, type NoRpcMethods as Nothing, type RpcChannel } from './rpc-peer.js';

type Calc = {
  add: { input: { a: number; b: number }; output: number };
  slow: { input: { ms: number; value: string }; output: string };
  fail: { input: { message: string }; output: never };
};

/** Two ends of a channel that deliver asynchronously, in order, like a port does. */
function channelPair(): { left: RpcChannel; right: RpcChannel; sent: unknown[] } {
  const handlers: [((m: unknown) => void)[], ((m: unknown) => void)[]] = [[], []];
  const sent: unknown[] = [];
  const end = (self: 0 | 1): RpcChannel => ({
    send: (message) => {
      sent.push(message);
      const copy = structuredClone(message);
      setTimeout(() => handlers[self === 0 ? 1 : 0].forEach((h) => h(copy)), 0);
    },
    onMessage: (handler) => handlers[self].push(handler),
  });
  return { left: end(0), right: end(1), sent };
}

function calcServer(channel: RpcChannel): RpcPeer<Calc, Nothing> {
  return new RpcPeer<Calc, Nothing>(channel, {
    handlers: {
      add: ({ a, b }) => a + b,
      slow: ({ ms, value }) => new Promise<string>((resolve) => setTimeout(() => resolve(value), ms)),
      fail: ({ message }) => {
        throw new Error(message);
      },
    },
  });
}

describe('RpcPeer', () => {
  it('answers each request with its own result, whatever order the answers come in', async () => {
    const { left, right } = channelPair();
    calcServer(right);
    const client = new RpcPeer<Nothing, Calc>(left);
    const slow = client.request('slow', { ms: 50, value: 'first asked' });
    const fast = client.request('slow', { ms: 0, value: 'second asked' });
    const order: string[] = [];
    await Promise.all([slow.then((v) => order.push(v)), fast.then((v) => order.push(v))]);
    expect(order).toEqual(['second asked', 'first asked']);
    expect(await client.request('add', { a: 2, b: 3 })).toBe(5);
    expect(client.waiting).toBe(0);
  });

  it('delivers events in the order they were emitted', async () => {
    const { left, right } = channelPair();
    const seen: number[] = [];
    const received = new Promise<void>((resolve) => {
      new RpcPeer<Nothing, Nothing, never, number>(right, {
        onEvent: (n) => {
          seen.push(n);
          if (seen.length === 5) resolve();
        },
      });
    });
    const sender = new RpcPeer<Nothing, Nothing, number>(left);
    for (let n = 1; n <= 5; n++) sender.emit(n);
    await received;
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it("rejects with the server's error, and an unknown method by name", async () => {
    const { left, right } = channelPair();
    calcServer(right);
    const client = new RpcPeer<Nothing, Calc & { missing: { input: null; output: null } }>(left);
    await expect(client.request('fail', { message: 'the disk is full' })).rejects.toThrow(new RpcRemoteError('the disk is full', 'fail'));
    await expect(client.request('missing', null)).rejects.toThrow('No such method: missing');
    // Not an own method: no prototype function is callable from the other side.
    const probe = new RpcPeer<Nothing, { toString: { input: null; output: string } }>(left);
    await expect(probe.request('toString', null)).rejects.toThrow('No such method: toString');
  });

  it('carries an encoded error and gives the caller the decoded one', async () => {
    class CodedError extends Error {
      constructor(readonly code: string) {
        super(`failed: ${code}`);
      }
    }
    const { left, right } = channelPair();
    new RpcPeer<Calc, Nothing>(right, {
      handlers: {
        add: () => {
          throw new CodedError('pin_incorrect');
        },
        slow: () => '',
        fail: () => {
          throw new Error('x');
        },
      },
      encodeError: (error) => ({ code: (error as CodedError).code }),
    });
    const client = new RpcPeer<Nothing, Calc>(left, { decodeError: (encoded) => new CodedError((encoded as { code: string }).code) });
    const error = await client.request('add', { a: 1, b: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('pin_incorrect');
  });

  it('gives every caller a clear error when the process behind the channel goes away', async () => {
    const { left, right } = channelPair();
    calcServer(right);
    const client = new RpcPeer<Nothing, Calc>(left);
    const first = client.request('slow', { ms: 10_000, value: 'never' });
    const second = client.request('slow', { ms: 10_000, value: 'never' });
    expect(client.waiting).toBe(2);
    client.failPending('the core exited with code 1');
    await expect(first).rejects.toThrow(new RpcClosedError('slow', 'the core exited with code 1'));
    await expect(second).rejects.toThrow('slow was not answered: the core exited with code 1.');
    expect(client.waiting).toBe(0);
    // A supervisor restarts the process: the channel works again.
    expect(await client.request('add', { a: 1, b: 2 })).toBe(3);
  });

  it('once closed, fails later requests at once and sends nothing more', async () => {
    const { left, right, sent } = channelPair();
    calcServer(right);
    const client = new RpcPeer<Nothing, Calc, string>(left);
    const pending = client.request('slow', { ms: 10_000, value: 'never' });
    client.close('the window closed');
    await expect(pending).rejects.toBeInstanceOf(RpcClosedError);
    const before = sent.length;
    await expect(client.request('add', { a: 1, b: 2 })).rejects.toThrow('add was not answered: the window closed.');
    client.emit('ignored');
    expect(sent.length).toBe(before);
  });

  it('times a request out, and ignores its late answer', async () => {
    vi.useFakeTimers();
    try {
      const { left, right } = channelPair();
      calcServer(right);
      const client = new RpcPeer<Nothing, Calc>(left);
      const late = client.request('slow', { ms: 5_000, value: 'late' }, { timeoutMs: 1_000 });
      const outcome = late.catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(1_000);
      const error = await outcome;
      expect(error).toBeInstanceOf(RpcTimeoutError);
      expect((error as RpcTimeoutError).message).toBe('No answer to slow within 1 s.');
      expect(client.waiting).toBe(0);
      // The answer that comes after the deadline resolves nothing and breaks nothing.
      await vi.advanceTimersByTimeAsync(5_000);
      const answered = client.request('add', { a: 4, b: 4 }, { timeoutMs: 1_000 });
      await vi.advanceTimersByTimeAsync(10);
      expect(await answered).toBe(8);
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves messages that are not its own to other listeners of the channel', async () => {
    const { left, right } = channelPair();
    const other: unknown[] = [];
    right.onMessage((m) => {
      if ((m as { type?: string }).type) other.push(m);
    });
    calcServer(right);
    left.send({ type: 'configure' });
    const client = new RpcPeer<Nothing, Calc>(left);
    expect(await client.request('add', { a: 1, b: 1 })).toBe(2);
    expect(other).toEqual([{ type: 'configure' }]);
  });
});
