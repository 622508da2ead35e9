/**
 * The VanThu core: every API call lands here, validated, whichever transport carried it. It owns
 * the database and the blob folder; exchange with the axis happens in the sync process, which
 * this service configures and listens to.
 */
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors.js';
import type { ApiEvent, ApiMethod } from '../../../shared/api/contract.js';
import type { AdminPolicy, AdminPolicyReading } from '../../../shared/api/policy.js';
import type { AppState, Connection } from '../../../shared/api/state.js';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../../shared/api/sync-status.js';
import type { CallReply } from '../../../shared/api/transport.js';
import { BLOBS_DIR, DATABASE_FILE, DEMO_AXIS_DIR } from '../config/data-dir.js';
import { axisSecretName } from '../config/secret-store.js';
import { isSyncMessage } from '../exchange/sync-protocol.js';
import { findAgency, searchAgencies } from '../store/agencies.js';
import { appendAudit } from '../store/audit-log.js';
import { BlobStore } from '../store/blob-store.js';
import { BlobLinks } from '../blobs/blob-links.js';
import { fileLinkToken, fileLinkUrl } from '../blobs/file-link-url.js';
import type { ServedFile } from '../blobs/served-file.js';
import { openDatabase, writeTransaction, type Db } from '../store/database.js';
import { readValue, writeValue } from '../store/key-value.js';
import { BackupService, listBackupInfos } from '../backup/backup-service.js';
import type { CoreHost } from './core-host.js';
import { checkAxisConnection, readDemoAgencies } from './axis-setup.js';
import { validateCall } from './validate-input.js';
import { failedReply } from './call-reply.js';
import { documentHandlers } from './document-handlers.js';
import { exchangeHandlers } from './exchange-handlers.js';
import { conflictHandlers } from './conflict-handlers.js';
import { signingHandlers } from './signing-handlers.js';
import { registerHandlers } from './register-handlers.js';
import { reportHandlers } from './report-handlers.js';
import { diagnosticsHandlers } from './diagnostics-handlers.js';
import { SignerClient } from '../signing/pkcs11/signer-client.js';
import type { CoreContext, HandlerMap } from './handlers.js';
import { DocumentVerifier } from './document-verifier.js';
import { trustAnchorsDir, verificationHandlers } from './verification-handlers.js';
import { unverifiedIncoming } from '../store/verifications.js';
import { httpRevocationChecker } from '../verification/index.js';
import { logError, logWarn } from '../logging/log.js';
import { isPlainHttpOffMachine } from '../policy/plain-http.js';
import { InFlightCounter } from '../process/in-flight-counter.js';
import { policyNow, requireAxisPolicy, requireDemoAllowed, requireSecureAxisUrl } from '../policy/apply-policy.js';
import { countWaitingIncoming } from '../store/documents.js';
import { desktopHandlers } from './desktop-handlers.js';
import { UpdateGuard, type UpdateDecision } from '../update/update-guard.js';

const CONNECTION_KEY = 'connection';


export interface CoreServiceOptions {
  dataDir: string;
  version: string;
  host: CoreHost;
  /** Read once by the host at start (loadAdminPolicy), so a restored database keeps the same policy. */
  policy: AdminPolicyReading;
}

export class CoreService {
  private readonly listeners = new Set<(event: ApiEvent) => void>();
  private syncStatus: SyncStatus = INITIAL_SYNC_STATUS;
  private readonly actor = `user:${os.userInfo().username}`;

  private readonly context: CoreContext;
  private readonly signer: SignerClient;
  private readonly verifier: DocumentVerifier;
  private readonly handlers: HandlerMap<ApiMethod>;
  private readonly backups: BackupService;
  /** The last count of waiting incoming documents told to subscribers. */
  private waiting = 0;

  private constructor(
    private readonly options: CoreServiceOptions,
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly files: BlobLinks,
  ) {
    this.signer = new SignerClient({ spawn: () => options.host.spawnSigner() });
    this.verifier = new DocumentVerifier({ db, blobs, trustAnchorsDir: trustAnchorsDir(options.dataDir), revocation: () => httpRevocationChecker(), emit: (event) => this.emit(event) });
    this.context = {
      signer: this.signer,
      signing: new InFlightCounter(),
      verifier: this.verifier,
      db,
      blobs,
      files,
      dataDir: options.dataDir,
      actor: this.actor,
      emit: (event) => this.emit(event),
      kickSync: () => {
        if (this.connection()) options.host.sendToSync({ type: 'kick' });
      },
      connection: () => this.connection(),
      policy: options.policy,
    };
    this.backups = new BackupService({ db, blobs, dataDir: options.dataDir, appVersion: options.version, onError: (error) => logError('[core] scheduled backup failed', error) });
    this.handlers = this.buildHandlers();
  }

  /**
   * Opens (and migrates) the store, then reconnects the sync process if setup was done. `files`:
   * the links the page reads files by (CoreRuntime keeps one set across a restore).
   */
  static async open(options: CoreServiceOptions, files = new BlobLinks((token) => fileLinkUrl(options.host.shell, token))): Promise<CoreService> {
    const db = openDatabase(path.join(options.dataDir, DATABASE_FILE));
    const blobs = new BlobStore(path.join(options.dataDir, BLOBS_DIR));
    await blobs.init();
    // There from the first start, so that IT staff find where the national roots go.
    await mkdir(trustAnchorsDir(options.dataDir), { recursive: true });
    const service = new CoreService(options, db, blobs, files);
    // Arrived while the core was not running (or before verification existed).
    service.verifier.schedule(unverifiedIncoming(db));
    await service.resume();
    service.backups.startSchedule();
    service.waiting = countWaitingIncoming(db);
    return service;
  }

  /** The file a link names (its URL or token), for the shell that serves it. */
  resolveFile(urlOrToken: string): ServedFile | null {
    return this.files.resolve(fileLinkToken(urlOrToken));
  }

  get databaseFile(): string {
    return path.join(this.options.dataDir, DATABASE_FILE);
  }

  /** A new subscriber (a window, the tray) first hears how many documents wait, then every change. */
  subscribe(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    listener(this.waitingEvent());
    return () => this.listeners.delete(listener);
  }

  waitingEvent(): ApiEvent {
    return { type: 'inbox.waiting', count: this.waiting };
  }

  /** Runs one API call; never throws: failures become an error reply with a stable code. */
  async call(method: unknown, input: unknown): Promise<CallReply> {
    try {
      const call = validateCall(method, input);
      const handler = this.handlers[call.method] as (input: unknown) => Promise<unknown> | unknown;
      return { ok: true, result: await handler(call.input) };
    } catch (error) {
      return failedReply(method, error);
    }
  }

  /**
   * For the updater in main: resolves once no send and no signature is under way, with the
   * guard's verdict at that moment (at once when the policy sets no update URL).
   */
  async whenUpdateAllowed(policy: AdminPolicy): Promise<UpdateDecision> {
    const guard = new UpdateGuard({ db: this.db, signing: this.context.signing, policy });
    if (guard.updateUrl) await guard.whenIdle();
    return guard.canInstallNow();
  }

  /** Messages from the sync process, relayed by the host. */
  handleSyncMessage(message: unknown): void {
    if (!isSyncMessage(message)) return;
    if (message.type === 'status') {
      this.syncStatus = message.status;
      this.emit({ type: 'sync.status', status: message.status });
    } else if (message.type === 'arrived') {
      this.verifier.schedule([message.id]);
      this.emit({ type: 'document.arrived', id: message.id, subject: message.subject, senderName: message.senderName, priority: message.priority });
    } else if (message.what === 'agencies') {
      this.emit({ type: 'agencies.changed' });
      this.emit({ type: 'app.state', state: this.state() });
    } else if (message.what === 'quarantine') {
      this.emit({ type: 'quarantine.changed' });
    } else if (message.what === 'documents') {
      this.emit({ type: 'documents.changed', ids: message.ids });
    }
  }

  /** The sync process stopped for good (crash budget spent): say so instead of looking idle. */
  handleSyncStopped(reason: string): void {
    this.syncStatus = { ...this.syncStatus, phase: 'stopped', progress: null, message: `Sync stopped: ${reason}. Use “sync now” to start it again.` };
    this.emit({ type: 'sync.status', status: this.syncStatus });
  }

  /** Releases the token (the signer process exits) and closes the store. */
  async close(): Promise<void> {
    await this.files.settle();
    await this.backups.close();
    await this.verifier.close();
    await this.signer.close();
    this.db.close();
  }

  private emit(event: ApiEvent): void {
    for (const listener of this.listeners) listener(event);
    if (mayChangeWaiting(event)) this.recountWaiting();
  }

  /** Told only when the number moved: a sync round reports many changes that leave it alone. */
  private recountWaiting(): void {
    const count = countWaitingIncoming(this.db);
    if (count === this.waiting) return;
    this.waiting = count;
    this.emit(this.waitingEvent());
  }

  private connection(): Connection | null {
    return readValue<Connection>(this.db, 'settings', CONNECTION_KEY);
  }

  private state(): AppState {
    const saved = this.connection();
    // A real axis gives no name at setup; the directory does once it is synced.
    const connection = saved && !saved.agencyName ? { ...saved, agencyName: findAgency(this.db, saved.agencyCode)?.name ?? null } : saved;
    return { phase: connection ? 'ready' : 'setup', connection, shell: this.options.host.shell, version: this.options.version, dataDir: this.options.dataDir };
  }

  private async resume(): Promise<void> {
    const connection = this.connection();
    if (!connection) return;
    if (connection.kind === 'demo') {
      // The embedded axis listens on a fresh port each launch.
      const { url } = await this.options.host.startDemoAxis(path.join(this.options.dataDir, DEMO_AXIS_DIR));
      this.saveConnection({ ...connection, axisUrl: url }, null);
    }
    await this.configureSync();
  }

  private async configureSync(): Promise<void> {
    const connection = this.connection();
    if (!connection) return;
    const secret = await this.options.host.secrets.get(axisSecretName(connection.agencyCode));
    if (!secret) {
      this.syncStatus = { ...INITIAL_SYNC_STATUS, phase: 'error', message: 'The axis secret is missing from this computer: connect to the axis again in Settings.' };
      return;
    }
    if (isPlainHttpOffMachine(connection.axisUrl)) {
      // A connection saved before plain http was refused: not used, unless IT allows it, said at every start.
      if (this.options.policy.policy.allowHttp?.value !== true) {
        this.syncStatus = {
          ...INITIAL_SYNC_STATUS,
          phase: 'error',
          message: `The axis address ${connection.axisUrl} is plain http to another computer, which VanThu does not use: ask IT for the axis's https:// address, or to allow plain http with the AllowHttp policy.`,
        };
        return;
      }
      logWarn(`[policy] AllowHttp: the axis at ${connection.axisUrl} is reached over plain http, without TLS`);
    }
    this.options.host.configureSync({ type: 'configure', databaseFile: this.databaseFile, axis: { url: connection.axisUrl, systemId: connection.agencyCode, secret } });
  }

  private saveConnection(connection: Connection, auditAction: string | null): void {
    writeTransaction(this.db, () => {
      writeValue(this.db, 'settings', CONNECTION_KEY, connection);
      if (auditAction) appendAudit(this.db, { actor: this.actor, action: auditAction, details: { axisUrl: connection.axisUrl, agencyCode: connection.agencyCode } });
    });
  }

  private async finishSetup(connection: Connection, secret: string, auditAction: string): Promise<AppState> {
    await this.options.host.secrets.set(axisSecretName(connection.agencyCode), secret);
    this.saveConnection(connection, auditAction);
    await this.configureSync();
    const state = this.state();
    this.emit({ type: 'app.state', state });
    return state;
  }

  private requireSetupPending(): void {
    if (this.connection()) throw new ApiError('conflict', 'This data folder is already connected to an axis.');
  }

  private buildHandlers(): HandlerMap<ApiMethod> {
    const pickModule = this.options.host.pickPkcs11Module?.bind(this.options.host);
    const signing = signingHandlers(this.context, pickModule);
    return {
    'app.getState': () => this.state(),

    'setup.useDemo': async () => {
      this.requireSetupPending();
      requireDemoAllowed(this.options.policy);
      const axisDir = path.join(this.options.dataDir, DEMO_AXIS_DIR);
      const { url } = await this.options.host.startDemoAxis(axisDir);
      const [self] = await readDemoAgencies(axisDir);
      if (!self) throw new ApiError('unavailable', 'The demo axis started without its sample agencies.');
      return this.finishSetup({ kind: 'demo', axisUrl: url, agencyCode: self.code, agencyName: self.name }, self.secret, 'setup.demo');
    },

    'setup.connectAxis': async ({ axisUrl, agencyCode, secret }) => {
      this.requireSetupPending();
      requireAxisPolicy(this.options.policy, axisUrl, agencyCode);
      requireSecureAxisUrl(this.options.policy, axisUrl);
      await checkAxisConnection(axisUrl, agencyCode, secret);
      return this.finishSetup({ kind: 'axis', axisUrl, agencyCode, agencyName: null }, secret, 'setup.axis');
    },

    'policy.get': () => policyNow(this.options.policy, this.connection()),

    'agencies.search': ({ query, limit, offset }) => searchAgencies(this.db, query, limit, offset),

    ...documentHandlers(this.context),
    ...exchangeHandlers(this.context),
    ...conflictHandlers(this.context),
    ...signing,
    ...verificationHandlers(this.context),
    ...registerHandlers(this.context),
    ...reportHandlers(this.context),
    ...diagnosticsHandlers(this.context, {
      version: this.options.version,
      shell: this.options.host.shell,
      axisSecret: (agencyCode) => this.options.host.secrets.get(axisSecretName(agencyCode)),
      syncStatus: () => this.syncStatus,
      listTokens: async () => signing['signing.listTokens']({}),
    }),
    ...desktopHandlers(this.options.host),

    'sync.getStatus': () => this.syncStatus,

    'backup.now': () => this.backups.now(),
    'backup.list': () => listBackupInfos(this.options.dataDir),
    'backup.restore': () => {
      throw new ApiError('conflict', 'A backup is restored from the recovery screen, or with `npm run restore` while VanThu is closed: the running app keeps its database open.');
    },
    'recovery.startAfresh': () => {
      throw new ApiError('conflict', 'The database is sound: starting afresh is offered only on the recovery screen.');
    },

    'sync.now': () => {
      if (!this.connection()) throw new ApiError('not_configured', 'Choose demo or connect to an axis first.');
      this.options.host.sendToSync({ type: 'syncNow' });
      return this.syncStatus;
    },
    };
  }
}

/**
 * Every way an incoming document enters or leaves 'arrived' says so: an arrival, the clerk's
 * response and the sync process's changes (a sender's revoke) all emit documents.changed.
 */
function mayChangeWaiting(event: ApiEvent): boolean {
  return event.type === 'document.arrived' || event.type === 'documents.changed';
}
