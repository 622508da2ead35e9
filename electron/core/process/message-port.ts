/**
 * The direct channels between the core and the processes main starts for it under Electron
 * (docs/architecture.md#processes). Main creates a MessageChannel per child, hands one end to the
 * child and the other to the core, and from then on only starts, kills and reports exits: every
 * message between the core and its child goes through the port.
 */
import type { ChildHandle } from './child-handle.js';

/** The slice of Electron's MessagePortMain used here (no electron import in the core). */
export interface UtilityMessagePort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

/** The processes the core may ask main to start; main maps each to its bundle. */
export type ForkableProgram = 'sync' | 'signer';

/** Sent by main with a port: to a child ("your core is there") or to the core ("child `id` is there"). */
export interface PortHandover {
  type: 'vanthu.port';
  /** The core's number for the child; absent when the receiver is the child itself. */
  childId?: number;
}

export function isPortHandover(value: unknown): value is PortHandover {
  return (value as { type?: unknown } | null)?.type === 'vanthu.port';
}

/** How the core asks main for a child and hears of its exit. */
export interface ChildLauncher {
  fork(childId: number, program: ForkableProgram, args: readonly string[]): void;
  kill(childId: number): void;
}

/**
 * The core's side of the children main starts for it: each looks like any ChildHandle (what
 * browser mode gets from child_process.fork), so the same supervisors and clients run in both
 * shells. Messages sent before the port arrives wait for it.
 */
export class ChildrenStartedByMain {
  private nextId = 1;
  private readonly children = new Map<number, PortedChild>();

  constructor(private readonly launcher: ChildLauncher) {}

  fork(program: ForkableProgram, args: readonly string[]): ChildHandle {
    const id = this.nextId++;
    const child = new PortedChild(() => this.launcher.kill(id));
    this.children.set(id, child);
    this.launcher.fork(id, program, args);
    return child;
  }

  /** Main handed over the port of child `childId`. */
  attach(childId: number, port: UtilityMessagePort): void {
    const child = this.children.get(childId);
    if (child) child.attach(port);
    else port.close();
  }

  /** Main saw child `childId` exit. */
  exited(childId: number, reason: string): void {
    this.children.get(childId)?.exited(reason);
    this.children.delete(childId);
  }
}

class PortedChild implements ChildHandle {
  private port: UtilityMessagePort | null = null;
  private gone = false;
  private readonly waiting: unknown[] = [];
  private readonly messageHandlers: ((message: unknown) => void)[] = [];
  private readonly exitHandlers: ((reason: string) => void)[] = [];

  constructor(readonly kill: () => void) {}

  send(message: unknown): void {
    if (this.gone) return;
    if (this.port) this.port.postMessage(message);
    else this.waiting.push(message);
  }

  onMessage(handler: (message: unknown) => void): void {
    this.messageHandlers.push(handler);
  }

  onExit(handler: (reason: string) => void): void {
    this.exitHandlers.push(handler);
  }

  attach(port: UtilityMessagePort): void {
    this.port = port;
    port.on('message', (event) => this.messageHandlers.forEach((handler) => handler(event.data)));
    port.start();
    for (const message of this.waiting.splice(0)) port.postMessage(message);
  }

  exited(reason: string): void {
    if (this.gone) return;
    this.gone = true;
    this.port?.close();
    this.port = null;
    this.exitHandlers.forEach((handler) => handler(reason));
  }
}
