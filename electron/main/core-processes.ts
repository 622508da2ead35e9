/**
 * The processes main runs for the core, each a utilityProcess (never Electron run as Node: the
 * packaged app's RunAsNode fuse is off): the core itself, under a supervisor, spoken to through
 * the RPC of core-process-protocol.ts; the sync process and the demo axis, supervised; and the
 * signer, started when the core first needs it. The core cannot fork processes under Electron, so
 * main relays its sync and signer messages.
 */
import path from 'node:path';
import type { ApiEvent } from '../../shared/api/contract.js';
import type { CallReply } from '../../shared/api/transport.js';
import { RpcPeer, rpcEventMessage, type RpcHandlers } from '../../shared/rpc/rpc-peer.js';
import type { ServedFile } from '../core/blobs/served-file.js';
import { superviseSync, type SupervisedSync } from '../core/exchange/supervised-sync.js';
import { DemoAxisProcess } from '../core/host/demo-axis-child.js';
import type { ChildHandle } from '../core/process/child-handle.js';
import { Supervisor } from '../core/process/supervisor.js';
import type { CoreMethods, CoreToMain, MainMethods, MainToCore } from '../core/service/core-process-protocol.js';
import type { UpdateDecision } from '../core/update/update-guard.js';
import { forkUtilityChild } from './utility-child.js';

export interface CoreProcessesOptions {
  bundleDir: string;
  dataDir: string;
  /** What main does for the core besides the demo axis (kept here). */
  serve: Omit<RpcHandlers<MainMethods>, 'demoAxis.start' | 'demoAxis.stop'>;
  onReady(): void;
  onFatal(message: string): void;
  onEvent(event: ApiEvent): void;
}

export class CoreProcesses {
  private readonly core: Supervisor;
  private readonly sync: SupervisedSync;
  private readonly demoAxis: DemoAxisProcess;
  private readonly toCore: RpcPeer<MainMethods, CoreMethods, MainToCore, CoreToMain>;
  private signer: ChildHandle | null = null;

  constructor(private readonly options: CoreProcessesOptions) {
    const coreDir = path.join(options.bundleDir, '..', 'core');
    const fromCore: ((message: unknown) => void)[] = [];
    this.core = new Supervisor({
      name: 'the VanThu core',
      spawn: () => forkUtilityChild(path.join(coreDir, 'core-process.cjs'), ['--data-dir', options.dataDir], 'VanThu core'),
      onMessage: (message) => fromCore.forEach((handler) => handler(message)),
      // A core that crashed answers nothing it was asked: its callers hear why instead of waiting.
      onStateChange: (state) => {
        if (state.phase !== 'running') this.toCore.failPending(state.reason);
      },
    });
    this.sync = superviseSync({
      spawn: () => forkUtilityChild(path.join(coreDir, 'sync.cjs'), [], 'VanThu sync'),
      onMessage: (message) => this.toCore.emit({ kind: 'sync', message }),
      onStateChange: (state) => {
        if (state.phase === 'stopped') this.toCore.emit({ kind: 'sync-stopped', reason: state.reason });
      },
    });
    this.demoAxis = new DemoAxisProcess({
      spawn: (args) => forkUtilityChild(path.join(options.bundleDir, '..', 'axis', 'server.cjs'), args, 'VanThu demo axis'),
      onStateChange: (state) => {
        if (state.phase === 'stopped') this.toCore.emit({ kind: 'demo-axis-stopped', reason: state.reason });
      },
    });
    this.toCore = new RpcPeer<MainMethods, CoreMethods, MainToCore, CoreToMain>(
      { send: (message) => this.core.send(message), onMessage: (handler) => fromCore.push(handler) },
      {
        handlers: { ...options.serve, 'demoAxis.start': ({ dataDir }) => this.demoAxis.start(dataDir), 'demoAxis.stop': () => this.demoAxis.stop() },
        onEvent: (event) => this.fromCore(event),
      },
    );
  }

  start(): void {
    this.core.start();
  }

  /** A renderer call; a core that is down answers 'unavailable'. */
  call(method: string, input: unknown): Promise<CallReply> {
    return this.toCore.request('call', { method, input }).catch((error: unknown): CallReply => ({ ok: false, error: { code: 'unavailable', message: error instanceof Error ? error.message : String(error) } }));
  }

  /** The file behind a link's token; a core that restarts meanwhile, or a busy one: null (a 404, not a hang). */
  file(token: string): Promise<ServedFile | null> {
    return this.toCore.request('file', { token }, { timeoutMs: 10_000 }).catch((): ServedFile | null => null);
  }

  /** May an update install now? Answered once no send or signature is under way. */
  updateWhenIdle(): Promise<UpdateDecision> {
    return this.toCore.request('updateWhenIdle', null);
  }

  /** Sync first (it finishes its round), then the core, the signer and the demo axis. */
  async stop(): Promise<void> {
    await this.sync.stop();
    await this.core.stop(rpcEventMessage({ kind: 'shutdown' } satisfies MainToCore));
    this.signer?.kill();
    await this.demoAxis.stop();
  }

  private fromCore(event: CoreToMain): void {
    switch (event.kind) {
      case 'ready':
        this.options.onReady();
        return;
      case 'fatal':
        this.options.onFatal(event.message);
        return;
      case 'event':
        this.options.onEvent(event.event);
        return;
      case 'to-sync':
        if (event.command.type === 'configure') this.sync.configure(event.command);
        else this.sync.send(event.command);
        return;
      case 'to-signer':
        this.toSigner(event.message);
        return;
      case 'signer-kill':
        this.signer?.kill();
        return;
    }
  }

  /** The core's token bridge: a utilityProcess like sync, started when the core first needs it. */
  private toSigner(message: unknown): void {
    if (!this.signer) {
      const child = forkUtilityChild(path.join(this.options.bundleDir, '..', 'core', 'signer.cjs'), ['--data-dir', this.options.dataDir], 'VanThu signer');
      child.onMessage((reply) => this.toCore.emit({ kind: 'signer', message: reply }));
      child.onExit((reason) => {
        if (this.signer === child) this.signer = null;
        this.toCore.emit({ kind: 'signer-exit', reason });
      });
      this.signer = child;
    }
    this.signer.send(message);
  }
}
