/**
 * The VanThu core: every API call lands here, validated, whichever transport carried it. It owns
 * the database and the blob folder; exchange with the axis happens in the sync process, which
 * this service configures and listens to.
 */
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors.js';
import type { ApiEvent, ApiMethod, ApiParsedInput } from '../../../shared/api/contract.js';
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
import { sqliteExchangeStore } from '../store/sqlite-exchange-store.js';
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
import { recordsHandlers } from './records-handlers.js';
import { conflictHandlers } from './conflict-handlers.js';
import { signingHandlers } from './signing-handlers.js';
import { draftWorkflowHandlers } from './draft-workflow-handlers.js';
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
import { discardDemoData, keepDemoData } from '../store/demo-data.js';
import { backfillReceivedHeaders } from './received-header-backfill.js';
import { sweepBlobs } from '../store/blob-sweep.js';
import { referencedBlobs } from '../store/referenced-blobs.js';
import { isPlainHttpOffMachine } from '../policy/plain-http.js';
import { InFlightCounter } from '../process/in-flight-counter.js';
import { policyNow, requireAxisPolicy, requireDemoAllowed, requireSecureAxisUrl, requireStandaloneAllowed } from '../policy/apply-policy.js';
import { desktopHandlers } from './desktop-handlers.js';
import { clerkDeskHandlers } from './clerk-desk-handlers.js';
import { arrivalWorkHandlers } from './arrival-work.js';
import { pendingOutboxCount } from '../store/outbox.js';
import { UpdateGuard, type UpdateDecision } from '../update/update-guard.js';
import { IntakeRuntime } from '../intake/intake-runtime.js';
import { intakeHandlers } from './intake-handlers.js';
import { HubLink } from '../hub-link/hub-link.js';
import { readHubLink } from '../store/hub-replica.js';
import { hubLinkHandlers } from './hub-link-handlers.js';
import { uploadCommandFile } from '../hub-link/revision-files.js';
import { hubSigningHandlers } from './hub-signing.js';
import { arrivedNotices, hubNoticeHandlers } from './hub-notices.js';
// The desk in agency mode: its mailboxes from the replica, standalone-only calls refused.
import { documentSource, isAgencyDesk } from './document-source.js';
import { refuseStandaloneOnly } from './agency-mode.js';
import { hubFileHandlers } from './hub-file-handlers.js';
import { hubReportHandlers } from './hub-report-handlers.js';
import { hubAgencyHandlers } from './hub-agency-handlers.js';
import { hubAuditHandlers } from './hub-audit-handlers.js';
import { hubRegisterHandlers } from './hub-register-handlers.js';
import { FilesOnDemand } from '../hub-link/files-on-demand.js';

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
  private readonly intake: IntakeRuntime;
  /** Agency mode: the link to the agency server (idle in standalone mode). */
  private readonly hubLink: HubLink;
  /** Agency mode: hub documents' files fetched when opened, pinned ones kept offline. */
  private readonly hubFiles: FilesOnDemand;
  private readonly handlers: HandlerMap<ApiMethod>;
  private readonly backups: BackupService;
  /** The last count of waiting incoming documents told to subscribers. */
  private waiting = 0;
  private pauseWaiters: (() => void)[] = [];
  private readonly closing = new AbortController();
  private headerBackfill: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: CoreServiceOptions,
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly files: BlobLinks,
  ) {
    this.signer = new SignerClient({ spawn: () => options.host.spawnSigner() });
    this.verifier = new DocumentVerifier({ db, blobs, trustAnchorsDir: trustAnchorsDir(options.dataDir), revocation: () => httpRevocationChecker(), emit: (event) => this.emit(event) });
    this.intake = new IntakeRuntime({ db, blobs, actor: this.actor, emit: (event) => this.emit(event), log: (message) => logError(`[core] ${message}`) });
    this.context = {
      intake: this.intake,
      signer: this.signer,
      signing: new InFlightCounter(),
      verifier: this.verifier,
      db,
      exchange: sqliteExchangeStore(db),
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
    this.hubLink = new HubLink({
      db,
      secrets: options.host.secrets,
      statusChanged: (status) => {
        this.emit({ type: 'hub.status', status });
        // Back online, a feed page applied (a pinned document may have a new file), a sign-in: pinned files to fetch.
        this.hubFiles.wake();
      },
      documentsChanged: (ids) => this.emit({ type: 'documents.changed', ids }),
      noticesArrived: (keys) => this.emit({ type: 'hub.notices', arrived: arrivedNotices(db, keys) }),
      log: (message) => logWarn(message),
      beforeSend: uploadCommandFile(blobs),
    });
    this.hubFiles = new FilesOnDemand({ db, blobs, client: () => this.hubLink.client(), changed: (documentId) => this.emit({ type: 'hub.files', documentId }), log: (message) => logWarn(message) });
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
    service.startHeaderBackfill();
    service.intake.start();
    await service.resume();
    await service.hubLink.start();
    service.hubFiles.start();
    service.backups.startSchedule();
    service.waiting = documentSource(db).waiting();
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
      if (isAgencyDesk(this.db)) refuseStandaloneOnly(call.method);
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
    // A child's last messages can be delivered after its exit, when the core has already closed.
    if (!isSyncMessage(message) || this.closing.signal.aborted) return;
    if (message.type === 'paused') {
      for (const resolve of this.pauseWaiters.splice(0)) resolve();
    } else if (message.type === 'status') {
      // The queue length as the core's own store has it now: the same count as the send queue screen's.
      this.syncStatus = { ...message.status, queueLength: pendingOutboxCount(this.db) };
      this.emit({ type: 'sync.status', status: this.syncStatus });
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
    const message = `Sync stopped: ${reason}. Use “sync now” to start it again.`;
    this.syncStatus = { ...this.syncStatus, phase: 'stopped', progress: null, message, problem: { code: 'sync_stopped', axisUrl: this.connection()?.axisUrl ?? null, detail: message } };
    this.emit({ type: 'sync.status', status: this.syncStatus });
  }

  /** The demo's embedded axis kept crashing and its supervisor gave up: "Đồng bộ ngay" starts it again. */
  handleDemoAxisStopped(reason: string): void {
    const message = `The demo axis stopped: ${reason}. Use “sync now” to start it again.`;
    this.syncStatus = { ...this.syncStatus, phase: 'stopped', progress: null, message, problem: { code: 'demo_axis_stopped', axisUrl: this.connection()?.axisUrl ?? null, detail: message } };
    this.emit({ type: 'sync.status', status: this.syncStatus });
  }

  /** Received before the whole header was kept: read again from their packages, in the background. */
  private startHeaderBackfill(): void {
    this.headerBackfill = backfillReceivedHeaders(this.db, this.blobs, this.closing.signal).then(
      (ids) => {
        if (ids.length > 0) this.emit({ type: 'documents.changed', ids });
      },
      (error: unknown) => logError('[core] keeping the headers of earlier arrivals failed', error),
    );
  }

  /** Releases the token (the signer process exits) and closes the store. */
  async close(): Promise<void> {
    this.closing.abort();
    await this.headerBackfill;
    await this.files.settle();
    await this.backups.close();
    await this.verifier.close();
    await this.intake.stop();
    await this.hubFiles.close();
    await this.hubLink.close();
    await this.signer.close();
    this.db.close();
  }

  private emit(event: ApiEvent): void {
    for (const listener of this.listeners) listener(event);
    if (mayChangeWaiting(event)) this.recountWaiting();
  }

  /** Told only when the number moved: a sync round reports many changes that leave it alone. */
  private recountWaiting(): void {
    const count = documentSource(this.db).waiting();
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
    // Agency mode: a desk that signed in at a hub once is set up (signed out, it offers to sign in again).
    return { phase: connection || readHubLink(this.db) ? 'ready' : 'setup', connection, shell: this.options.host.shell, version: this.options.version, dataDir: this.options.dataDir };
  }

  private async resume(): Promise<void> {
    const connection = this.connection();
    if (!connection) return;
    if (connection.kind === 'demo') await this.startDemoAxis();
    await this.configureSync();
  }

  /**
   * The embedded axis running (started, found running, or started again after its supervisor
   * gave up). It listens on a fresh port each launch, so the saved address follows it: true when
   * that address changed.
   */
  private async startDemoAxis(): Promise<boolean> {
    const connection = this.connection();
    if (connection?.kind !== 'demo') return false;
    const { url } = await this.options.host.startDemoAxis(path.join(this.options.dataDir, DEMO_AXIS_DIR));
    if (url === connection.axisUrl) return false;
    this.saveConnection({ ...connection, axisUrl: url }, null);
    return true;
  }

  private async configureSync(): Promise<void> {
    const connection = this.connection();
    if (!connection) return;
    const secret = await this.options.host.secrets.get(axisSecretName(connection.agencyCode));
    if (!secret) {
      const message = 'The axis secret is missing from this computer: connect to the axis again in Settings.';
      this.syncStatus = { ...INITIAL_SYNC_STATUS, phase: 'error', message, problem: { code: 'secret_missing', axisUrl: connection.axisUrl, detail: message } };
      return;
    }
    if (isPlainHttpOffMachine(connection.axisUrl)) {
      // A connection saved before plain http was refused: not used, unless IT allows it, said at every start.
      if (this.options.policy.policy.allowHttp?.value !== true) {
        const message = `The axis address ${connection.axisUrl} is plain http to another computer, which VanThu does not use: ask IT for the axis's https:// address, or to allow plain http with the AllowHttp policy.`;
        this.syncStatus = { ...INITIAL_SYNC_STATUS, phase: 'error', message, problem: { code: 'plain_http', axisUrl: connection.axisUrl, detail: message } };
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

  /** The sync process finishes its round and stops, so that nothing it stores crosses the switch. */
  private pauseSync(): Promise<void> {
    return new Promise((resolve) => {
      // A sync process that does not answer (not running, or hung) must not block the clerk.
      const timer = setTimeout(() => {
        logWarn('[core] the sync process did not confirm the pause within 15 s; switching anyway');
        resolve();
      }, 15_000);
      this.pauseWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.options.host.sendToSync({ type: 'pause' });
    });
  }

  /**
   * Settings › Kết nối trục liên thông: from the demo to a real axis (keeping or discarding the
   * demo's data), or another address or secret for the same agency on a real axis. The new
   * credentials are tried first; nothing changes if the axis refuses them.
   */
  private async changeConnection(input: ApiParsedInput<'setup.changeConnection'>): Promise<AppState> {
    const current = this.connection();
    if (!current) throw new ApiError('not_configured', 'This data folder is not set up yet: choose demo or connect on the first-run screen.');
    requireAxisPolicy(this.options.policy, input.axisUrl, input.agencyCode);
    if (current.kind === 'axis' && input.agencyCode !== current.agencyCode) {
      throw new ApiError('conflict', `This data folder belongs to agency ${current.agencyCode}: another agency needs its own data folder.`, { agencyCode: `must be ${current.agencyCode}` });
    }
    const leavingDemo = current.kind === 'demo';
    if (leavingDemo && !input.demoData) throw new ApiError('invalid_input', 'Say whether the demo data is kept or discarded.', { demoData: 'keep or discard' });
    await checkAxisConnection(input.axisUrl, input.agencyCode, input.secret);
    await this.options.host.secrets.set(axisSecretName(input.agencyCode), input.secret);
    await this.pauseSync();
    if (leavingDemo) await this.options.host.stopDemoAxis();
    const now = new Date();
    const connection: Connection = { kind: 'axis', axisUrl: input.axisUrl, agencyCode: input.agencyCode, agencyName: null };
    const outcome = writeTransaction(this.db, () => {
      const demoData = !leavingDemo ? null : input.demoData === 'keep' ? keepDemoData(this.db, now.toISOString()) : discardDemoData(this.db);
      writeValue(this.db, 'settings', CONNECTION_KEY, connection);
      appendAudit(
        this.db,
        {
          actor: this.actor,
          action: leavingDemo ? 'setup.leaveDemo' : 'setup.axis.change',
          details: { from: { kind: current.kind, axisUrl: current.axisUrl, agencyCode: current.agencyCode }, to: { axisUrl: connection.axisUrl, agencyCode: connection.agencyCode }, ...(demoData && { demoData: input.demoData, ...demoData }) },
        },
        now,
      );
      return demoData;
    });
    if (leavingDemo && input.demoData === 'discard') {
      await rm(path.join(this.options.dataDir, DEMO_AXIS_DIR), { recursive: true, force: true });
      await sweepBlobs(this.blobs.root, new Set(referencedBlobs(this.db)));
    }
    await this.configureSync();
    const state = this.state();
    this.emit({ type: 'app.state', state });
    if (outcome) {
      this.emit({ type: 'documents.changed', ids: [] });
      this.emit({ type: 'agencies.changed' });
      this.emit({ type: 'quarantine.changed' });
    }
    return state;
  }

  private requireSetupPending(): void {
    if (this.connection()) throw new ApiError('conflict', 'This data folder is already connected to an axis.');
    if (readHubLink(this.db)) throw new ApiError('conflict', 'This data folder is a desk of an agency server: the server exchanges with the axis.');
    requireStandaloneAllowed(this.options.policy);
  }

  private buildHandlers(): HandlerMap<ApiMethod> {
    const pickModule = this.options.host.pickPkcs11Module?.bind(this.options.host);
    const signing = signingHandlers(this.context, { software: { name: 'VanThu', version: this.options.version }, pickFile: pickModule });
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

    'setup.changeConnection': (input) => this.changeConnection(input),

    'policy.get': () => policyNow(this.options.policy, this.connection()),

    'agencies.search': ({ query, limit, offset }) => searchAgencies(this.db, query, limit, offset),

    ...documentHandlers(this.context),
    ...exchangeHandlers(this.context),
    ...conflictHandlers(this.context),
    ...signing,
    ...draftWorkflowHandlers(this.context),
    ...verificationHandlers(this.context),
    ...registerHandlers(this.context),
    ...reportHandlers(this.context),
    ...recordsHandlers(this.context),
    ...intakeHandlers(this.context),
    ...diagnosticsHandlers(this.context, {
      version: this.options.version,
      shell: this.options.host.shell,
      axisSecret: (agencyCode) => this.options.host.secrets.get(axisSecretName(agencyCode)),
      syncStatus: () => this.syncStatus,
      listTokens: async () => signing['signing.listTokens']({}),
    }),
    ...desktopHandlers(this.options.host),
    ...clerkDeskHandlers(this.context),
    ...arrivalWorkHandlers(this.context),
    ...hubLinkHandlers(this.context, this.hubLink, () => {
      const state = this.state();
      this.emit({ type: 'app.state', state });
      // Another user's replica was cleared: the files it held go.
      void this.hubFiles.evict();
      return state;
    }),
    ...hubSigningHandlers(this.context, this.hubLink, this.hubFiles),
    ...hubNoticeHandlers(this.context, this.hubLink),
    ...hubFileHandlers(this.context, this.hubFiles),
    ...hubReportHandlers(this.context, this.hubLink),
    ...hubAuditHandlers(this.context, this.hubLink),
    ...hubRegisterHandlers(this.hubLink),
    ...hubAgencyHandlers(this.hubLink),

    'sync.getStatus': () => ({ ...this.syncStatus, queueLength: pendingOutboxCount(this.db) }),

    'backup.now': () => this.backups.now(),
    'backup.list': () => listBackupInfos(this.options.dataDir),
    'backup.restore': () => {
      throw new ApiError('conflict', 'A backup is restored from the recovery screen, or with `npm run restore` while VanThu is closed: the running app keeps its database open.');
    },
    'recovery.startAfresh': () => {
      throw new ApiError('conflict', 'The database is sound: starting afresh is offered only on the recovery screen.');
    },

    'sync.now': async () => {
      const connection = this.connection();
      if (!connection && readHubLink(this.db)) {
        this.hubLink.retryNow();
        return this.syncStatus;
      }
      if (!connection) throw new ApiError('not_configured', 'Choose demo or connect to an axis first.');
      // A demo axis its supervisor gave up on starts again here.
      if (await this.startDemoAxis()) await this.configureSync();
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
