/**
 * An agency as the exchange tests need it: its own data folder, the real CoreService, and the
 * real sync process (dist/core/sync.cjs, forked and supervised as the browser-mode host does)
 * talking to the real reference axis over loopback. Only a test that injects faults into the
 * exchange itself (a counting fetch, a tiny disk reserve) runs the SyncEngine in its own process.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiEvent, ApiInput, ApiMethod, ApiOutputs } from '../shared/api/contract.js';
import type { ApiErrorBody } from '../shared/api/errors.js';
import type { AgencyCredential } from '../axis/directory.js';
import type { AdminPolicyReading } from '../shared/api/policy.js';
import { FileSecretStore } from '../electron/core/config/secret-store.js';
import { forkNodeChild } from '../electron/core/process/node-child.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import type { HttpTransport } from '../electron/core/exchange/axis-client/http-transport.js';
import { SyncEngine } from '../electron/core/exchange/sync-engine.js';
import { sqliteExchangeStore } from '../electron/core/store/sqlite-exchange-store.js';
import type { SyncCommand, SyncMessage } from '../electron/core/exchange/sync-protocol.js';
import { superviseSync } from '../electron/core/exchange/supervised-sync.js';
import { CoreService } from '../electron/core/service/core-service.js';
import { NO_POLICY } from '../electron/core/policy/load-policy.js';
import type { CoreHost } from '../electron/core/service/core-host.js';
import { BlobStore } from '../electron/core/store/blob-store.js';
import { openDatabase, type Db } from '../electron/core/store/database.js';

export interface TestAgency {
  code: string;
  dataDir: string;
  core: CoreService;
  events: ApiEvent[];
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]>;
  /** The bytes behind a file link of a reply (file-links.ts), as the shell serves them. */
  file(link: { url: string }): Promise<Buffer>;
  /** Exchanges with the axis now and waits until the round is over. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

const SIGNER_BUNDLE = fileURLToPath(new URL('../dist/core/signer.cjs', import.meta.url));
const SYNC_BUNDLE = fileURLToPath(new URL('../dist/core/sync.cjs', import.meta.url));

/** The API error a call was refused with (`call()` puts it on the error); fails when the call succeeded. */
export async function refusal(call: Promise<unknown>): Promise<ApiErrorBody> {
  const error = await call.then(
    () => null,
    (failure: { body?: ApiErrorBody }) => failure.body ?? null,
  );
  if (!error) throw new Error('the call was not refused');
  return error;
}

export interface AgencyOptions {
  /** Added to the signer process's environment (SOFTHSM2_CONF, VANTHU_PKCS11_MODULE for test tokens). */
  signerEnv?: NodeJS.ProcessEnv;
  /** The admin policy the core applies (none by default). */
  policy?: AdminPolicyReading;
  /** false leaves the first-run setup to the test. */
  connect?: boolean;
  /** A folder to use as the data folder (e.g. on a small disk), left in place by close(); a new temp folder, removed by close(), by default. */
  dataDir?: string;
  /** Faults injected into the exchange: the SyncEngine then runs in the test's process, not as the sync process. */
  inProcessSync?: {
    /** Free space receiving leaves, first wait on a full disk. */
    keepFreeBytes?: number;
    diskRecheckMs?: number;
    /** How the axis client's calls travel, e.g. wrapped to count them. */
    transport?: HttpTransport;
  };
}

/** Where the agency's exchange runs: how the core reaches it, and how a test drives its rounds. */
interface SyncRunner {
  configure(command: Extract<SyncCommand, { type: 'configure' }>): void;
  /** What the core sends. */
  send(command: Exclude<SyncCommand, { type: 'configure' }>): void;
  /** A round now, for the test. */
  kick(): void;
  stop(): Promise<void>;
}

/** The real sync process, as the browser-mode host runs it (electron/processes/browser-host.ts). */
function syncProcess(report: (message: SyncMessage) => void, onStopped: (reason: string) => void): SyncRunner {
  const sync = superviseSync({
    // The tests drive the rounds; no background polling in between.
    spawn: () => forkNodeChild(SYNC_BUNDLE, [], { ...process.env, VANTHU_SYNC_POLL_MS: '3600000' }),
    onMessage: (message) => report(message as SyncMessage),
    onStateChange: (state) => {
      if (state.phase === 'stopped') onStopped(state.reason);
    },
  });
  return { ...sync, kick: () => sync.send({ type: 'kick' }) };
}

/** The SyncEngine in the test's own process, for the faults a process boundary would hide. */
function syncInTest(dataDir: string, faults: NonNullable<AgencyOptions['inProcessSync']>, report: (message: SyncMessage) => void): SyncRunner {
  let engine: SyncEngine | null = null;
  let engineDb: Db | null = null;
  const release = async () => {
    await engine?.stop();
    engine = null;
    engineDb?.close();
    engineDb = null;
  };
  return {
    configure: (command) => {
      void engine?.stop();
      engineDb?.close();
      engineDb = openDatabase(command.databaseFile, { migrate: false });
      engine = new SyncEngine({
        store: sqliteExchangeStore(engineDb),
        blobs: new BlobStore(path.join(dataDir, 'blobs')),
        client: createVxpClient({ baseUrl: command.axis.url, systemId: command.axis.systemId, secret: command.axis.secret, timeoutMs: 5000, transport: faults.transport }),
        selfId: command.axis.systemId,
        report,
        pollMs: 3_600_000,
        random: () => 0.5,
        keepFreeBytes: faults.keepFreeBytes,
        diskRecheckMs: faults.diskRecheckMs,
      });
      void engine.start();
    },
    // Only the test starts rounds here; a pause is the engine's stop, answered as the sync process answers.
    send: (command) => {
      if (command.type === 'pause') void release().then(() => report({ type: 'paused' }));
    },
    kick: () => engine?.kick(),
    stop: release,
  };
}

export async function startAgency(axisUrl: string, credential: AgencyCredential, options: AgencyOptions = {}): Promise<TestAgency> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), `vanthu-agency-${credential.code}-`)));
  let core: CoreService | null = null;
  let started = 0;
  let finished = 0;
  let lastPhase = '';
  const events: ApiEvent[] = [];

  const report = (message: SyncMessage) => {
    // A round starts with 'syncing' and is over when 'syncing' gives way to its outcome.
    if (message.type === 'status') {
      if (lastPhase !== 'syncing' && message.status.phase === 'syncing') started++;
      if (lastPhase === 'syncing' && message.status.phase !== 'syncing') finished++;
      lastPhase = message.status.phase;
    }
    core?.handleSyncMessage(message);
  };
  const sync = options.inProcessSync ? syncInTest(dataDir, options.inProcessSync, report) : syncProcess(report, (reason) => core?.handleSyncStopped(reason));

  const host: CoreHost = {
    shell: 'browser',
    secrets: new FileSecretStore(path.join(dataDir, 'secrets.json')),
    configureSync: (command) => sync.configure(command),
    sendToSync: (command) => sync.send(command),
    startDemoAxis: () => Promise.reject(new Error('no demo axis in these tests')),
    stopDemoAxis: () => Promise.resolve(),
    // The built bundle, as the app runs it (node scripts/build.mjs first; npm test does).
    spawnSigner: () => forkNodeChild(SIGNER_BUNDLE, ['--data-dir', dataDir], { ...process.env, ...options.signerEnv }),
  };

  core = await CoreService.open({ dataDir, version: 'test', host, policy: options.policy ?? NO_POLICY });
  core.subscribe((event) => events.push(event));
  const call = async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> => {
    const reply = await core!.call(method, input);
    if (!reply.ok) throw Object.assign(new Error(`${method}: ${reply.error.code} ${reply.error.message} ${JSON.stringify(reply.error.fields ?? {})}`), { body: reply.error });
    return reply.result as ApiOutputs[M];
  };
  /** Until round number `round` (counted from 1) is over: rounds start and end in order. */
  const waitRound = async (round: number) => {
    const since = Date.now();
    while (finished < round) {
      if (Date.now() - since > 20_000) throw new Error('the sync round did not finish');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  if (options.connect !== false) {
    await call('setup.connectAxis', { axisUrl, agencyCode: credential.code, secret: credential.secret });
    await waitRound(1);
  }

  return {
    code: credential.code,
    dataDir,
    core,
    events,
    call,
    file: async ({ url }) => {
      const served = core!.resolveFile(url);
      if (!served) throw new Error(`no file behind the link ${url}`);
      return readFile(served.path);
    },
    sync: async () => {
      // The next round to start: this kick's, or the one run again after a round under way.
      const round = started + 1;
      sync.kick();
      await waitRound(round);
    },
    close: async () => {
      await sync.stop();
      await core?.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * IT's AllowUnsignedSending policy: exchange tests send unsigned documents (the signing tests sign
 * them), numbered from the outgoing register when they are sent.
 */
export const UNSIGNED_SENDING: AdminPolicyReading = { policy: { allowUnsignedSending: { value: true, source: 'file' } }, problems: [], file: 'test-policy.json' };

/**
 * Accepts (03) an incoming document the way a clerk does when its signatures are not all valid:
 * the verdict is checked now and confirmed as shown.
 */
export async function acceptDocument(agency: TestAgency, id: number, extra: { register?: number } = {}): Promise<ApiOutputs['documents.respond']> {
  const verdict = await agency.call('documents.verify', { id });
  return agency.call('documents.respond', { id, status: '03', description: '', acceptVerdict: verdict.indication, ...extra });
}
