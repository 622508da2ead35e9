/**
 * Browser mode: this process is the core. It serves the renderer and the API on 127.0.0.1,
 * and supervises the sync process and, in demo mode, the embedded reference axis, as Node
 * children. Under Electron the same core runs in a utilityProcess instead (core-process.ts).
 */
import { mkdirSync } from 'node:fs';
import { writeJsonFile } from '../core/config/json-file.js';
import path from 'node:path';
import { FileSecretStore } from '../core/config/secret-store.js';
import { SECRETS_FILE } from '../core/config/data-dir.js';
import { forkNodeChild } from '../core/process/node-child.js';
import { PROGRAM_EXEC_ARGV } from '../core/process/program-flags.js';
import { superviseCoreChildren } from '../core/service/core-children.js';
import { CoreRuntime } from '../core/service/core-runtime.js';
import type { CoreHost } from '../core/service/core-host.js';
import { DemoAxisProcess } from '../core/host/demo-axis-child.js';
import { startHttpHost } from '../core/host/http-host.js';
import { acquireInstanceLock, DataDirInUseError } from '../core/host/instance-lock.js';
import { AccessKeys } from '../core/host/access-keys.js';
import { HOST_FILE, launchRunningInstance, type HostRecord } from '../core/host/running-instance.js';
import { readHostOptions } from '../core/host/host-options.js';
import { openInBrowser } from '../core/host/open-in-browser.js';
import { logError, logWarn, useLogFile } from '../core/logging/log.js';
import { loadAdminPolicy } from '../core/policy/load-policy.js';

declare const VANTHU_VERSION: string;

async function main(): Promise<void> {
  // Everything this process and its children create is owner-only (database, journals, logs, blobs).
  process.umask(0o077);
  const options = readHostOptions(process.argv.slice(2));
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  useLogFile(options.dataDir, 'host');
  let lock: ReturnType<typeof acquireInstanceLock>;
  try {
    lock = acquireInstanceLock(options.dataDir);
  } catch (error) {
    // Started again on the same folder (the tab was closed, its session gone): a new link to the running one.
    if (!(error instanceof DataDirInUseError) || !(await launchRunningInstance(options.dataDir, error.ownerPid, options.open))) throw error;
    return;
  }
  const bundleDir = __dirname;

  let core: CoreRuntime | null = null;
  const children = superviseCoreChildren({
    dataDir: options.dataDir,
    fork: (program, args) => forkNodeChild(path.join(bundleDir, `${program}.cjs`), args, process.env, PROGRAM_EXEC_ARGV[program]),
    onSyncMessage: (message) => core?.handleSyncMessage(message),
    onSyncStopped: (reason) => core?.handleSyncStopped(reason),
  });

  const demoAxis = new DemoAxisProcess({
    spawn: (args) => forkNodeChild(path.join(bundleDir, '..', 'axis', 'server.cjs'), args),
    onStateChange: (state) => {
      if (state.phase === 'stopped') core?.handleDemoAxisStopped(state.reason);
      else if (state.phase === 'restarting') logWarn(`[host] ${state.reason}; restarting it`);
    },
  });

  const host: CoreHost = {
    shell: 'browser',
    secrets: new FileSecretStore(path.join(options.dataDir, SECRETS_FILE)),
    configureSync: children.configureSync,
    sendToSync: children.sendToSync,
    spawnSigner: children.spawnSigner,
    startDemoAxis: (axisDir) => demoAxis.start(axisDir),
    stopDemoAxis: () => demoAxis.stop(),
  };

  core = await CoreRuntime.start({ dataDir: options.dataDir, version: VANTHU_VERSION, host, policy: await loadAdminPolicy() });
  const keys = new AccessKeys();
  const http = await startHttpHost({ core, staticDir: path.join(bundleDir, '..', 'renderer'), port: options.port, keys });
  // A read-only folder gets no host.json; the recovery screen says what is wrong.
  const writable = !core.recovery || core.recovery.reason !== 'read_only';
  if (writable) await writeJsonFile(path.join(options.dataDir, HOST_FILE), { pid: process.pid, url: http.url, launcherKey: keys.launcherKey } satisfies HostRecord);
  if (core.recovery) logError(`VanThu starts on its recovery screen: ${core.recovery.detail}`);
  console.log(`VanThu is ready in browser mode. Open: ${http.launchUrl()}`);
  console.log(`Data folder: ${options.dataDir}`);
  // A code of its own: whichever of the printed and the opened link is used first, the other still works.
  if (options.open && writable) openInBrowser(options.dataDir, http.launchUrl());

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await http.close();
    await children.stopSync();
    await demoAxis.stop();
    await core?.close();
    lock.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  logError(`VanThu could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
