/**
 * The processes main runs for the core, each a utilityProcess (never Electron run as Node: the
 * packaged app's RunAsNode fuse is off): the core itself, under a supervisor, spoken to through
 * the RPC of core-process-protocol.ts; the demo axis, supervised; and the sync and signer
 * processes the core asks for. The core cannot start processes under Electron, so main starts
 * them and gives the core and each child the two ends of a MessageChannel: the core supervises
 * them and talks to them directly (what they say — the PIN, the axis secret — never passes main),
 * and main only reports their exits and kills them when asked, or when the core that asked is gone.
 */
import path from 'node:path';
import { MessageChannelMain } from 'electron';
import type { ApiEvent } from '../../shared/api/contract.js';
import type { CallReply } from '../../shared/api/transport.js';
import { RpcPeer, rpcEventMessage, type RpcHandlers } from '../../shared/rpc/rpc-peer.js';
import type { ServedFile } from '../core/blobs/served-file.js';
import { DemoAxisProcess } from '../core/host/demo-axis-child.js';
import type { ForkableProgram } from '../core/process/message-port.js';
import { PROGRAM_EXEC_ARGV } from '../core/process/program-flags.js';
import { Supervisor } from '../core/process/supervisor.js';
import type { CoreMethods, CoreToMain, MainMethods, MainToCore } from '../core/service/core-process-protocol.js';
import type { UpdateDecision } from '../core/update/update-guard.js';
import { forkUtilityChild, type UtilityChild } from './utility-child.js';

const PROGRAMS: Record<ForkableProgram, { bundle: string; serviceName: string }> = {
  sync: { bundle: 'sync.cjs', serviceName: 'VanThu sync' },
  signer: { bundle: 'signer.cjs', serviceName: 'VanThu signer' },
};

export interface CoreProcessesOptions {
  bundleDir: string;
  dataDir: string;
  /** What main does for the core besides the demo axis (kept here). */
  serve: Omit<RpcHandlers<MainMethods>, 'demoAxis.start' | 'demoAxis.stop'>;
  onReady(): void;
  onFatal(message: string): void;
  onEvent(event: ApiEvent): void;
}

/** The core's shutdown waits for its sync round to finish (the sync process has 3 s) and closes its database. */
const CORE_STOP_GRACE_MS = 10_000;

export class CoreProcesses {
  private readonly core: Supervisor;
  private readonly demoAxis: DemoAxisProcess;
  private readonly toCore: RpcPeer<MainMethods, CoreMethods, MainToCore, CoreToMain>;
  private readonly coreDir: string;
  /** The core incarnation now running, to hand ports to. */
  private coreChild: UtilityChild | null = null;
  /** The processes started for that incarnation, by the core's number for each. */
  private readonly children = new Map<number, UtilityChild>();

  constructor(private readonly options: CoreProcessesOptions) {
    this.coreDir = path.join(options.bundleDir, '..', 'core');
    const fromCore: ((message: unknown) => void)[] = [];
    this.core = new Supervisor({
      name: 'the VanThu core',
      spawn: () => {
        this.coreChild = forkUtilityChild(path.join(this.coreDir, 'core-process.cjs'), ['--data-dir', options.dataDir], 'VanThu core');
        return this.coreChild;
      },
      onMessage: (message) => fromCore.forEach((handler) => handler(message)),
      onStateChange: (state) => {
        if (state.phase === 'running') return;
        // A core that crashed answers nothing it was asked: its callers hear why instead of waiting.
        this.toCore.failPending(state.reason);
        // Its children talked only to it; the next incarnation starts its own.
        this.killChildren();
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

  /** The core stops its sync process first (the round under way finishes), then itself; then the demo axis. */
  async stop(): Promise<void> {
    await this.core.stop(rpcEventMessage({ kind: 'shutdown' } satisfies MainToCore), CORE_STOP_GRACE_MS);
    this.killChildren();
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
      case 'fork':
        this.fork(event.childId, event.program, event.args);
        return;
      case 'kill-child':
        this.children.get(event.childId)?.kill();
        return;
    }
  }

  /** Starts a process for the core and gives the two of them the ends of one channel. */
  private fork(childId: number, program: ForkableProgram, args: string[]): void {
    const known = PROGRAMS[program];
    if (!known || !this.coreChild || this.children.has(childId)) return;
    const child = forkUtilityChild(path.join(this.coreDir, known.bundle), args, known.serviceName, PROGRAM_EXEC_ARGV[program]);
    const { port1, port2 } = new MessageChannelMain();
    child.handOver({ type: 'vanthu.port' }, port1);
    this.coreChild.handOver({ type: 'vanthu.port', childId }, port2);
    child.onExit((reason) => {
      if (this.children.get(childId) !== child) return;
      this.children.delete(childId);
      this.toCore.emit({ kind: 'child-exit', childId, reason });
    });
    this.children.set(childId, child);
  }

  private killChildren(): void {
    for (const child of this.children.values()) child.kill();
    this.children.clear();
  }
}
