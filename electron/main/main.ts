/**
 * Electron's main process: windows and process supervision only (no SQL, no crypto, no axis
 * traffic). The core, the sync process and the demo axis run as children; renderer calls are
 * relayed to the core, its events back to the window.
 */
import { app, ipcMain, Notification, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import type { ApiEvent } from '../../shared/api/contract.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallReply } from '../../shared/api/transport.js';
import { startDemoAxisChild } from '../core/host/demo-axis-child.js';
import { readHostOptions } from '../core/host/host-options.js';
import { acquireInstanceLock } from '../core/host/instance-lock.js';
import type { ChildHandle } from '../core/process/child-handle.js';
import { Supervisor } from '../core/process/supervisor.js';
import type { CoreToMain, HostRequest, MainToCore } from '../core/service/core-process-protocol.js';
import { SafeStorageSecretStore, secretsFile } from './safe-storage-secrets.js';
import { startUpdater } from './updater.js';
import { forkUtilityChild } from './utility-child.js';
import { createMainWindow, guardWebContents, isOwnFrame } from './window.js';

const bundleDir = __dirname;
const dataDir = readHostOptions(process.argv.slice(1), process.env, false).dataDir;

if (!app.requestSingleInstanceLock({ dataDir })) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

function start(): void {
  app.setPath('userData', dataDir);
  const lock = acquireInstanceLock(dataDir);
  const secrets = new SafeStorageSecretStore(secretsFile(dataDir));
  const demoAxisStops: (() => Promise<void>)[] = [];
  let window: BrowserWindow | null = null;
  const calls = new Map<number, (reply: CallReply) => void>();
  let nextCallId = 1;

  const sync = new Supervisor({
    name: 'the sync process',
    spawn: () => forkUtilityChild(path.join(bundleDir, '..', 'core', 'sync.cjs'), [], 'VanThu sync'),
    onMessage: (message) => core.send({ kind: 'sync', message } satisfies MainToCore),
    onStateChange: (state) => {
      if (state.phase === 'stopped') core.send({ kind: 'sync-stopped', reason: state.reason } satisfies MainToCore);
    },
  });

  const core = new Supervisor({
    name: 'the VanThu core',
    spawn: () => forkUtilityChild(path.join(bundleDir, '..', 'core', 'core-process.cjs'), ['--data-dir', dataDir], 'VanThu core'),
    onMessage: (raw) => void onCoreMessage(raw as CoreToMain),
  });

  /** The core's token bridge: a utilityProcess like sync, started when the core first needs it. */
  let signer: ChildHandle | null = null;
  function toSigner(message: unknown): void {
    if (!signer) {
      const child = forkUtilityChild(path.join(bundleDir, '..', 'core', 'signer.cjs'), [], 'VanThu signer');
      child.onMessage((reply) => core.send({ kind: 'signer', message: reply } satisfies MainToCore));
      child.onExit((reason) => {
        if (signer === child) signer = null;
        core.send({ kind: 'signer-exit', reason } satisfies MainToCore);
      });
      signer = child;
    }
    signer.send(message);
  }

  async function serve(request: HostRequest): Promise<unknown> {
    switch (request.op) {
      case 'secrets.get':
        return secrets.get(request.name);
      case 'secrets.set':
        return secrets.set(request.name, request.value);
      case 'demoAxis.start': {
        // The demo axis is a plain Node program: run it with Electron's embedded Node.
        const child = await startDemoAxisChild(path.join(bundleDir, '..', 'axis', 'server.cjs'), request.dataDir, { ...process.env, ELECTRON_RUN_AS_NODE: '1' });
        demoAxisStops.push(child.stop);
        return { url: child.url };
      }
    }
  }

  async function onCoreMessage(message: CoreToMain): Promise<void> {
    switch (message.kind) {
      case 'ready':
        window ??= createMainWindow(bundleDir);
        return;
      case 'fatal':
        console.error(`VanThu could not start: ${message.message}`);
        app.exit(2);
        return;
      case 'reply':
        calls.get(message.id)?.(message.reply);
        calls.delete(message.id);
        return;
      case 'event':
        window?.webContents.send(IPC_EVENT_CHANNEL, message.event);
        if (message.event.type === 'document.arrived') notifyArrival(message.event);
        return;
      case 'to-sync':
        if (message.sticky) sync.sendSticky(message.command);
        else sync.send(message.command);
        sync.start();
        return;
      case 'to-signer':
        toSigner(message.message);
        return;
      case 'signer-kill':
        signer?.kill();
        return;
      case 'update-decision':
        updater.answer(message);
        return;
      case 'host-request':
        try {
          core.send({ kind: 'host-reply', id: message.id, ok: true, value: await serve(message.request) } satisfies MainToCore);
        } catch (error) {
          core.send({ kind: 'host-reply', id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies MainToCore);
        }
    }
  }

  ipcMain.handle(IPC_CALL_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isOwnFrame(event.senderFrame?.url, bundleDir)) {
      return { ok: false, error: { code: 'forbidden', message: 'calls are accepted from the VanThu window only' } } satisfies CallReply;
    }
    const id = nextCallId++;
    return new Promise<CallReply>((resolve) => {
      calls.set(id, resolve);
      core.send({ kind: 'call', id, method: String(method), input } satisfies MainToCore);
    });
  });

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  guardWebContents();
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    event.preventDefault();
    void (async () => {
      await sync.stop();
      await core.stop({ kind: 'shutdown' } satisfies MainToCore);
      signer?.kill();
      await Promise.all(demoAxisStops.map((stop) => stop()));
      lock.release();
      app.exit(0);
    })();
  });

  /** A native notification for each new document; urgent ones stay until dismissed. */
  function notifyArrival(event: Extract<ApiEvent, { type: 'document.arrived' }>): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({
      title: event.priority > 0 ? `Văn bản khẩn: ${event.subject}` : `Văn bản mới: ${event.subject}`,
      body: event.senderName ?? '',
      urgency: event.priority > 0 ? 'critical' : 'normal',
    });
    notification.on('click', () => {
      window?.show();
      window?.focus();
    });
    notification.show();
  }

  const updater = startUpdater((message) => core.send(message));
  core.start();
}
