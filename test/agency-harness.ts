/**
 * An agency as the exchange tests need it: its own data folder, the real CoreService, and the
 * real SyncEngine talking to the real reference axis over loopback. The sync engine runs in the
 * test's process instead of a child (the e2e tests run the real processes); everything else is
 * what a clerk's machine runs.
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
import { SyncEngine } from '../electron/core/exchange/sync-engine.js';
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
  /** The sync engine's: free space receiving leaves, first wait on a full disk. */
  keepFreeBytes?: number;
  diskRecheckMs?: number;
  /** The axis client's fetch, e.g. to count the calls it makes. */
  fetchImpl?: typeof fetch;
}

export async function startAgency(axisUrl: string, credential: AgencyCredential, options: AgencyOptions = {}): Promise<TestAgency> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), `vanthu-agency-${credential.code}-`)));
  let engine: SyncEngine | null = null;
  let engineDb: Db | null = null;
  let core: CoreService | null = null;
  let rounds = 0;
  let lastPhase = '';
  const events: ApiEvent[] = [];

  const host: CoreHost = {
    shell: 'browser',
    secrets: new FileSecretStore(path.join(dataDir, 'secrets.json')),
    configureSync: (command) => {
      void engine?.stop();
      engineDb?.close();
      engineDb = openDatabase(command.databaseFile, { migrate: false });
      engine = new SyncEngine({
        db: engineDb,
        blobs: new BlobStore(path.join(dataDir, 'blobs')),
        client: createVxpClient({ baseUrl: command.axis.url, systemId: command.axis.systemId, secret: command.axis.secret, timeoutMs: 5000, fetchImpl: options.fetchImpl }),
        selfId: command.axis.systemId,
        report: (message) => {
          // A round is over when 'syncing' gives way to its outcome.
          if (message.type === 'status') {
            if (lastPhase === 'syncing' && message.status.phase !== 'syncing') rounds++;
            lastPhase = message.status.phase;
          }
          core?.handleSyncMessage(message);
        },
        // The tests drive the rounds; no background polling in between.
        pollMs: 3_600_000,
        random: () => 0.5,
        keepFreeBytes: options.keepFreeBytes,
        diskRecheckMs: options.diskRecheckMs,
      });
      engine.start();
    },
    sendToSync: () => {},
    startDemoAxis: () => Promise.reject(new Error('no demo axis in these tests')),
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
  const waitRound = async (after: number) => {
    const started = Date.now();
    while (rounds <= after) {
      if (Date.now() - started > 20_000) throw new Error('the sync round did not finish');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  if (options.connect !== false) {
    await call('setup.connectAxis', { axisUrl, agencyCode: credential.code, secret: credential.secret });
    await waitRound(0);
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
      const before = rounds;
      engine!.kick();
      await waitRound(before);
    },
    close: async () => {
      await engine?.stop();
      engineDb?.close();
      await core?.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
