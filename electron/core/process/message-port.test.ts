/**
 * The direct channels between the core and the children main starts for it under Electron. No
 * Electron binary runs here, so Node's MessageChannel (the same structured-clone ports) stands in
 * for MessageChannelMain, and a small stand-in for main starts "children" in this process: what
 * is checked is that the core's messages and the child's replies go through the port — main sees
 * only starts, kills and exits — and that nothing sent before the port arrives is lost.
 */
import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { RpcPeer, type NoRpcMethods } from '../../../shared/rpc/rpc-peer.js';
import { ChildrenStartedByMain, type ForkableProgram, type PortHandover, type UtilityMessagePort } from './message-port.js';
import { linkOverParentPort, type UtilityParentPort } from './parent-link.js';

/** Electron's MessagePortMain shape over a Node port: listeners get `{ data }`. */
function electronShaped(port: MessagePort): UtilityMessagePort {
  return {
    postMessage: (message) => port.postMessage(message),
    on: (_event, listener) => port.on('message', (data: unknown) => listener({ data })),
    start: () => port.start(),
    close: () => port.close(),
  };
}

/** A child's `process.parentPort`, which main posts to. */
class FakeParentPort extends EventEmitter implements UtilityParentPort {
  readonly toMain: unknown[] = [];
  postMessage(message: unknown): void {
    this.toMain.push(message);
  }
  deliver(data: unknown, ports: UtilityMessagePort[] = []): void {
    this.emit('message', { data, ports });
  }
}

type EchoMethods = { sign: { input: { pin: Uint8Array; text: string }; output: string } };

/** Main's part: starts the child, hands out the two ends, records everything it is asked. */
function mainStandIn(startChild: (parentPort: FakeParentPort) => void) {
  const seenByMain: unknown[] = [];
  const parents = new Map<number, FakeParentPort>();
  const launcher = {
    fork: (childId: number, program: ForkableProgram, args: readonly string[]) => {
      seenByMain.push({ fork: childId, program, args });
      const parentPort = new FakeParentPort();
      parents.set(childId, parentPort);
      startChild(parentPort);
      const { port1, port2 } = new MessageChannel();
      // The core's end first: whatever it queued must wait for the child's end to be taken.
      children.attach(childId, electronShaped(port2));
      parentPort.deliver({ type: 'vanthu.port' } satisfies PortHandover, [electronShaped(port1)]);
    },
    kill: (childId: number) => {
      seenByMain.push({ kill: childId });
      children.exited(childId, 'killed');
    },
  };
  const children: ChildrenStartedByMain = new ChildrenStartedByMain(launcher);
  return { children, seenByMain, parents };
}

function signerChild(parentPort: FakeParentPort): void {
  new RpcPeer<EchoMethods, NoRpcMethods, never, never>(linkOverParentPort(parentPort), {
    handlers: { sign: ({ pin, text }) => `${text} signed with a PIN of ${pin.length} digits` },
  });
}

describe('a child main starts for the core', () => {
  it('talks with the core over its port: its requests and answers, the PIN among them, never reach main', async () => {
    const { children, seenByMain, parents } = mainStandIn(signerChild);
    const handle = children.fork('signer', ['--data-dir', '/data']);
    const signer = new RpcPeer<NoRpcMethods, EchoMethods, never, never>({ send: (message) => handle.send(message), onMessage: (handler) => handle.onMessage(handler) }, { handlers: {} });

    const answer = await signer.request('sign', { pin: new Uint8Array([1, 2, 3, 4, 5, 6]), text: 'Công văn' });

    expect(answer).toBe('Công văn signed with a PIN of 6 digits');
    expect(seenByMain).toEqual([{ fork: 1, program: 'signer', args: ['--data-dir', '/data'] }]);
    expect(parents.get(1)!.toMain).toEqual([]);
  });

  it('gets what the core sent before the port arrived, in order', async () => {
    const received: unknown[] = [];
    let startPort: (() => void) | null = null;
    const children = new ChildrenStartedByMain({
      fork: () => {
        startPort = () => {
          const { port1, port2 } = new MessageChannel();
          port1.on('message', (message: unknown) => received.push(message));
          children.attach(1, electronShaped(port2));
        };
      },
      kill: () => undefined,
    });
    const handle = children.fork('sync', []);
    handle.send({ type: 'configure', n: 1 });
    handle.send({ type: 'kick', n: 2 });
    startPort!();
    handle.send({ type: 'kick', n: 3 });
    await expect.poll(() => received).toEqual([
      { type: 'configure', n: 1 },
      { type: 'kick', n: 2 },
      { type: 'kick', n: 3 },
    ]);
  });

  it('keeps a reply the child made before its port arrived, and sends it once the port is there', async () => {
    const parentPort = new FakeParentPort();
    const link = linkOverParentPort<unknown, unknown>(parentPort);
    link.send({ early: true });
    const { port1, port2 } = new MessageChannel();
    const atCore: unknown[] = [];
    port2.on('message', (message: unknown) => atCore.push(message));
    parentPort.deliver({ type: 'vanthu.port' } satisfies PortHandover, [electronShaped(port1)]);
    await expect.poll(() => atCore).toEqual([{ early: true }]);
    expect(parentPort.toMain).toEqual([]);
    port2.close();
  });

  it('reports its exit once and drops what is sent afterwards; a kill goes to main by number', async () => {
    const { children, seenByMain } = mainStandIn(signerChild);
    const handle = children.fork('signer', []);
    const exits: string[] = [];
    handle.onExit((reason) => exits.push(reason));
    handle.kill();
    children.exited(1, 'exited with code 0');
    expect(() => handle.send({ after: 'exit' })).not.toThrow();
    expect(exits).toEqual(['killed']);
    expect(seenByMain).toEqual([{ fork: 1, program: 'signer', args: [] }, { kill: 1 }]);
  });

  it('closes a port for a child it does not know (never started by this core incarnation)', async () => {
    const children = new ChildrenStartedByMain({ fork: () => undefined, kill: () => undefined });
    const { port1, port2 } = new MessageChannel();
    const closed = new Promise<void>((resolve) => port1.once('close', () => resolve()));
    children.attach(7, electronShaped(port2));
    await closed;
  });
});
