/**
 * Keeps a background process alive. A crashed child is restarted, with a crash budget
 * (as Mailspring does: 5 exits within 5 minutes and it stays stopped until asked again), so a
 * child that dies at start-up does not spin the CPU. The reason for each exit is kept for the UI.
 * Messages that configure the child are replayed to every new incarnation.
 */
import type { ChildHandle } from './child-handle.js';

export type SupervisedState = { phase: 'running' } | { phase: 'restarting'; reason: string } | { phase: 'stopped'; reason: string };

export interface SupervisorOptions {
  name: string;
  spawn: () => ChildHandle;
  onMessage: (message: unknown) => void;
  onStateChange?: (state: SupervisedState) => void;
  maxExits?: number;
  windowMs?: number;
  restartDelayMs?: number;
  now?: () => number;
}

export class Supervisor {
  private child: ChildHandle | null = null;
  private exits: number[] = [];
  private replay: unknown[] = [];
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private exitWaiters: (() => void)[] = [];

  constructor(private readonly options: SupervisorOptions) {}

  get running(): boolean {
    return this.child !== null;
  }

  /** Starts the child, or restarts one the crash budget stopped. */
  start(): void {
    if (this.child) return;
    // A restart already scheduled would launch a second child beside this one.
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.stopping = false;
    this.exits = [];
    this.launch();
  }

  /** Sends now and to every later incarnation (e.g. configuration). Replaces an earlier message of the same `type`. */
  sendSticky(message: { type: string }): void {
    this.replay = this.replay.filter((m) => (m as { type: string }).type !== message.type);
    this.replay.push(message);
    this.child?.send(message);
  }

  send(message: unknown): void {
    this.child?.send(message);
  }

  /** Asks the child to finish (it receives `shutdownMessage`), then kills it after `graceMs`. */
  async stop(shutdownMessage: unknown = { type: 'shutdown' }, graceMs = 3000): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    child.send(shutdownMessage);
    const timer = setTimeout(() => child.kill(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  private launch(): void {
    const child = this.options.spawn();
    this.child = child;
    child.onMessage((message) => this.options.onMessage(message));
    child.onExit((reason) => this.handleExit(child, reason));
    for (const message of this.replay) child.send(message);
    this.options.onStateChange?.({ phase: 'running' });
  }

  private handleExit(child: ChildHandle, reason: string): void {
    if (this.child !== child) return;
    this.child = null;
    for (const resolve of this.exitWaiters.splice(0)) resolve();
    if (this.stopping) return;
    const now = (this.options.now ?? Date.now)();
    const windowMs = this.options.windowMs ?? 5 * 60_000;
    this.exits = [...this.exits.filter((t) => now - t < windowMs), now];
    const message = `${this.options.name} ${reason}`;
    if (this.exits.length >= (this.options.maxExits ?? 5)) {
      this.options.onStateChange?.({ phase: 'stopped', reason: message });
      return;
    }
    this.options.onStateChange?.({ phase: 'restarting', reason: message });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopping) this.launch();
    }, this.options.restartDelayMs ?? 500);
  }
}
