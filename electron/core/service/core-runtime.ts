/**
 * What the hosts run: the CoreService when its database can be used, otherwise a recovery core
 * that answers app.getState with phase 'recovery' and offers the recovery screen's calls (list
 * and restore backups, start afresh), then opens the CoreService in-process. A damaged database
 * or an unwritable folder thus gives a screen that says so, never a crash loop of the core.
 */
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../../../shared/api/errors.js';
import type { RecoveryInfo } from '../../../shared/api/backup.js';
import type { ApiEvent } from '../../../shared/api/contract.js';
import type { AppState } from '../../../shared/api/state.js';
import type { CallReply } from '../../../shared/api/transport.js';
import { listBackupInfos } from '../backup/backup-service.js';
import { readBackupSettings } from '../backup/backup-settings.js';
import { replaceDatabase, restoreBackup } from '../backup/restore-backup.js';
import { DATABASE_FILE } from '../config/data-dir.js';
import { isDamagedDatabase, storageError } from '../store/storage-errors.js';
import { integrityVerdict, readSchemaPage } from '../store/database-file.js';
import { CoreService, type CoreServiceOptions } from './core-service.js';
import { BlobLinks } from '../blobs/blob-links.js';
import { fileLinkToken, fileLinkUrl } from '../blobs/file-link-url.js';
import type { ServedFile } from '../blobs/served-file.js';
import { validateCall } from './validate-input.js';
import { failedReply } from './call-reply.js';
import { recoveryReport } from './diagnostics-handlers.js';
import { logError, logWarn } from '../logging/log.js';
import { makeOwnerOnly } from '../fs/owner-only.js';
import type { AdminPolicy } from '../../../shared/api/policy.js';
import { updateDecision, type UpdateDecision } from '../update/update-guard.js';

/** Below this size the start reads every page (quick_check, well under a second); above, the schema only. */
const FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

export class CoreRuntime {
  private service: CoreService | null = null;
  private problem: RecoveryInfo | null = null;
  private readonly listeners = new Set<(event: ApiEvent) => void>();
  /** One set of file links for the service and the recovery screen (its diagnostics report). */
  private readonly files: BlobLinks;

  private constructor(
    private readonly options: CoreServiceOptions,
    private readonly fullCheckMaxBytes: number,
  ) {
    this.files = new BlobLinks((token) => fileLinkUrl(options.host.shell, token));
  }

  /** `fullCheckMaxBytes`: see checkDatabase (tests lower it to reach the mid-work path). */
  static async start(options: CoreServiceOptions, { fullCheckMaxBytes = FULL_CHECK_MAX_BYTES } = {}): Promise<CoreRuntime> {
    const runtime = new CoreRuntime(options, fullCheckMaxBytes);
    await runtime.open();
    return runtime;
  }

  /** The phase the runtime is in, for the host's log line. */
  get recovery(): RecoveryInfo | null {
    return this.problem;
  }

  /** As CoreService.subscribe: the waiting count first (none while in recovery). */
  subscribe(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.service) listener(this.service.waitingEvent());
    return () => this.listeners.delete(listener);
  }

  async call(method: unknown, input: unknown): Promise<CallReply> {
    if (this.service) {
      const reply = await this.service.call(method, input);
      // Damage found mid-work (a page the start did not read): the recovery screen, not errors on every call.
      if (!reply.ok && reply.error.code === 'damaged') await this.enterRecovery(reply.error.message);
      return reply;
    }
    try {
      return { ok: true, result: await this.recoveryCall(method, input) };
    } catch (error) {
      return failedReply(method, error);
    }
  }

  /** See CoreService.whenUpdateAllowed. In recovery nothing signs and the database cannot be read: an update may be the repair. */
  whenUpdateAllowed(policy: AdminPolicy): Promise<UpdateDecision> {
    if (this.service) return this.service.whenUpdateAllowed(policy);
    return Promise.resolve(updateDecision({ updateUrl: policy.updateUrl?.value ?? null, sending: 0, signing: 0 }));
  }

  /** The file a link names (its URL or token), for the shell that serves it. */
  resolveFile(urlOrToken: string): ServedFile | null {
    return this.files.resolve(fileLinkToken(urlOrToken));
  }

  handleSyncMessage(message: unknown): void {
    this.service?.handleSyncMessage(message);
  }

  handleSyncStopped(reason: string): void {
    this.service?.handleSyncStopped(reason);
  }

  handleDemoAxisStopped(reason: string): void {
    this.service?.handleDemoAxisStopped(reason);
  }

  async close(): Promise<void> {
    await this.service?.close();
    await this.files.close();
  }

  private async open(): Promise<void> {
    await ownerOnlyFolders(this.options.dataDir);
    try {
      probeWritable(this.options.dataDir);
      checkDatabase(path.join(this.options.dataDir, DATABASE_FILE), this.fullCheckMaxBytes);
      const service = await CoreService.open(this.options, this.files);
      // Its first event, the waiting count, reaches the subscribers already there (after a restore).
      service.subscribe((event) => this.emit(event));
      this.service = service;
      this.problem = null;
    } catch (error) {
      this.problem = startProblem(error);
      logError(`[core] cannot use the data folder (${this.problem.reason}): ${this.problem.detail}`);
    }
  }

  private async recoveryCall(method: unknown, input: unknown): Promise<unknown> {
    const call = validateCall(method, input);
    switch (call.method) {
      case 'app.getState':
        return this.recoveryState();
      case 'policy.get':
        return this.options.policy;
      case 'diagnostics.report':
        return recoveryReport({ dataDir: this.options.dataDir, version: this.options.version, shell: this.options.host.shell, policy: this.options.policy, problem: this.problem!, files: this.files });
      case 'backup.list':
        return listBackupInfos(this.options.dataDir);
      case 'backup.restore': {
        const { name } = call.input as { name: string };
        const { location } = await readBackupSettings(this.options.dataDir);
        await restoreBackup(this.options.dataDir, path.join(location, name));
        return this.reopen();
      }
      case 'recovery.startAfresh':
        await replaceDatabase(this.options.dataDir, null);
        return this.reopen();
      default:
        throw new ApiError(this.problem!.reason, `${this.problem!.detail} Use the recovery screen.`);
    }
  }

  private async enterRecovery(detail: string): Promise<void> {
    const service = this.service;
    this.service = null;
    this.problem = { reason: 'damaged', detail };
    logError(`[core] the database is damaged, recovery needed: ${detail}`);
    await service?.close().catch(() => undefined);
    this.emit({ type: 'app.state', state: this.recoveryState() });
    // Nothing can be counted in a damaged store: no stale badge meanwhile.
    this.emit({ type: 'inbox.waiting', count: 0 });
  }

  private async reopen(): Promise<AppState> {
    await this.open();
    const state = this.service ? ((await this.service.call('app.getState', {})) as { ok: true; result: AppState }).result : this.recoveryState();
    this.emit({ type: 'app.state', state });
    return state;
  }

  private recoveryState(): AppState {
    return { phase: 'recovery', recovery: this.problem!, connection: null, shell: this.options.host.shell, version: this.options.version, dataDir: this.options.dataDir };
  }

  private emit(event: ApiEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/**
 * A damaged header or schema fails here. quick_check reads every page once, so it runs at start
 * only on a small file: at a million documents (2.9 GB) it took 26 s cold, too long for a clerk's
 * every start. Damage in a page the start does not read shows up when that page is used: the
 * call fails with `damaged` and the runtime switches to the recovery screen (enterRecovery).
 */
function checkDatabase(file: string, fullCheckMaxBytes: number): void {
  if (!existsSync(file)) return; // a first start
  const db = new Database(file, { fileMustExist: true });
  try {
    readSchemaPage(db);
    if (statSync(file).size > fullCheckMaxBytes) return;
    const verdict = integrityVerdict(db, 'quick');
    if (verdict !== 'ok') throw Object.assign(new Error(`the integrity check of ${file} failed: ${verdict}`), { code: 'SQLITE_CORRUPT' });
  } finally {
    db.close();
  }
}

/**
 * The data folder and the backup location owner-only, at every start (owner-only.ts). A folder
 * that cannot be changed (read-only, another owner) is said in the log; the start goes on.
 */
async function ownerOnlyFolders(dataDir: string): Promise<void> {
  try {
    const { location } = await readBackupSettings(dataDir);
    await makeOwnerOnly([dataDir, location]);
  } catch (error) {
    logWarn(`[core] the data folder's permissions could not be made owner-only: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** SQLite only says "unable to open" on a read-only folder; a probe file says why. */
function probeWritable(dir: string): void {
  const probe = path.join(dir, `.write-probe-${process.pid}`);
  writeFileSync(probe, '');
  rmSync(probe);
}

function startProblem(error: unknown): RecoveryInfo {
  const detail = error instanceof Error ? error.message : String(error);
  if (isDamagedDatabase(error)) return { reason: 'damaged', detail };
  const storage = storageError(error);
  if (storage?.code === 'read_only' || storage?.code === 'disk_full') return { reason: storage.code, detail };
  throw error;
}
