/**
 * Demo mode's embedded reference axis, a child process supervised like the sync process: a crash
 * restarts it (with the same crash budget), on the port it first got, so the sync process's saved
 * address stays right. Once the budget is spent it stays stopped until the core asks for it again
 * ("Đồng bộ ngay"). It is a Node child in browser mode and a utilityProcess under Electron (never
 * Electron run as Node: the packaged app's RunAsNode fuse is off).
 */
import type { ChildHandle } from '../process/child-handle.js';
import { Supervisor, type SupervisedState } from '../process/supervisor.js';

const READY_TIMEOUT_MS = 20_000;

export interface DemoAxisOptions {
  /** Starts `server.cjs` with these arguments (a Node child; under Electron a utilityProcess). */
  spawn(args: string[]): ChildHandle;
  onStateChange?(state: SupervisedState): void;
  /** Tests shorten the restart delay and the crash window. */
  restartDelayMs?: number;
}

interface Waiter {
  resolve(url: string): void;
  reject(error: Error): void;
}

export class DemoAxisProcess {
  private supervisor: Supervisor | null = null;
  private dataDir: string | null = null;
  private port = 0;
  private url: string | null = null;
  private waiters: Waiter[] = [];

  constructor(private readonly options: DemoAxisOptions) {}

  /** Starts the axis on `dataDir`, or finds it running; resolves with its URL once it listens. */
  async start(dataDir: string): Promise<{ url: string }> {
    if (this.dataDir !== dataDir) {
      await this.stop();
      this.dataDir = dataDir;
      this.port = 0;
      this.supervisor = this.supervise(dataDir);
    }
    if (this.supervisor!.running && this.url) return { url: this.url };
    const ready = this.listening();
    this.supervisor!.start();
    return { url: await ready };
  }

  async stop(): Promise<void> {
    const supervisor = this.supervisor;
    this.supervisor = null;
    this.dataDir = null;
    this.url = null;
    this.fail(new Error('The demo axis was stopped.'));
    await supervisor?.stop();
  }

  private supervise(dataDir: string): Supervisor {
    return new Supervisor({
      name: 'the demo axis',
      restartDelayMs: this.options.restartDelayMs,
      // The port it first got: a restart keeps the address the sync process was given.
      spawn: () => this.options.spawn(['--demo', '--quiet', '--data-dir', dataDir, '--port', String(this.port)]),
      onMessage: (message) => {
        const m = message as { type?: string; url?: string; port?: number };
        if (m.type !== 'axis.listening' || typeof m.url !== 'string') return;
        this.url = m.url;
        if (typeof m.port === 'number') this.port = m.port;
        for (const waiter of this.waiters.splice(0)) waiter.resolve(m.url);
      },
      onStateChange: (state) => {
        if (state.phase !== 'running') this.url = null;
        if (state.phase === 'stopped') this.fail(new Error(`The demo axis could not be started: ${state.reason}.`));
        this.options.onStateChange?.(state);
      },
    });
  }

  private listening(): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`The demo axis did not start within ${READY_TIMEOUT_MS / 1000} seconds.`));
      }, READY_TIMEOUT_MS);
      const waiter: Waiter = {
        resolve: (url) => {
          clearTimeout(timer);
          resolve(url);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private fail(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}
