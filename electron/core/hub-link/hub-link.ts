/**
 * The desk's link to the agency hub: sign-in and sign-out, the session token kept in the secret
 * store (the OS keychain under Electron; never in SQLite, never logged), the feed follower and
 * the command sender running while signed in, and the status the status bar shows.
 * docs/architecture.md, "The desk in agency mode".
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { HubCommandItem, HubLinkStatus } from '../../../shared/api/hub-link.js';
import type { CommandKind } from '../../../shared/hub/commands.js';
import type { SecretStore } from '../config/secret-store.js';
import type { Db } from '../store/database.js';
import { countCommands, countQueuedCommands, dismissCommand, enqueueCommand, lastCommandId, listCommands, markHubSignedOut, readHubLink, saveHubSignIn, type QueuedCommand } from '../store/hub-replica.js';
import { CommandIds } from './command-ids.js';
import { sendCommands } from './command-sender.js';
import { followFeed, type FollowerReport, type LinkBackoff } from './feed-follower.js';
import { HubClient, HubRefusedError, HubSessionEndedError, HubUnreachableError } from './hub-client.js';
import { Wakeup } from './wakeup.js';

export const hubSessionSecretName = (hubUrl: string) => `hub-session:${hubUrl}`;

/** A desk that lost the hub tries again after 1 s, doubling to 1 minute (with jitter). */
const DEFAULT_BACKOFF: LinkBackoff = { baseMs: 1_000, maxMs: 60_000 };
const SIGN_OUT_TIMEOUT_MS = 5_000;

export interface HubLinkOptions {
  db: Db;
  secrets: SecretStore;
  /** Every change of the status (null: no hub link). */
  statusChanged(status: HubLinkStatus | null): void;
  /** Documents of the replica the feed or a snapshot changed (none named: any may have). */
  documentsChanged(ids: number[]): void;
  /** Deadline notices the feed just brought for the person (hub-notices.ts), by key. */
  noticesArrived(keys: string[]): void;
  log(message: string): void;
  pageLimit?: number;
  waitSeconds?: number;
  backoff?: LinkBackoff;
  /** Before a queued command is sent, what must reach the hub first (hub-link/revision-files.ts). */
  beforeSend?(client: HubClient, command: QueuedCommand, signal: AbortSignal): Promise<void>;
}

type Progress = Pick<HubLinkStatus, 'phase' | 'behind' | 'behindAtLeast' | 'snapshotDocuments' | 'lastContactAt' | 'nextAttemptAt' | 'detail'>;

export class HubLink {
  private running: { abort: AbortController; done: Promise<void> } | null = null;
  private progress: Progress = { phase: 'signed_out', behind: null, behindAtLeast: false, snapshotDocuments: null, lastContactAt: null, nextAttemptAt: null, detail: null };
  private readonly senderWakeup = new Wakeup();
  private readonly followerWakeup = new Wakeup();
  private ids: CommandIds | null = null;
  /** The signed-in session's client while the loops run: calls made for the user (signing) go through it. */
  private session: HubClient | null = null;

  constructor(private readonly options: HubLinkOptions) {}

  /** At the core's start: follows the hub again if this desk was signed in. */
  async start(): Promise<void> {
    const link = readHubLink(this.options.db);
    if (!link?.signedIn) {
      this.update({ phase: 'signed_out' });
      return;
    }
    const token = await this.options.secrets.get(hubSessionSecretName(link.hubUrl));
    if (!token) {
      markHubSignedOut(this.options.db);
      this.update({ phase: 'signed_out', detail: `No session for ${link.hubUrl} is kept on this computer (the keychain was reset or the data folder was copied from another computer): sign in again.` });
      return;
    }
    this.run(link.hubUrl, token, link.owner!.id);
  }

  /**
   * Signs in at the hub with a password and starts following it. Another user, or another hub,
   * starts from an empty replica (saveHubSignIn); a desk with commands still queued for one hub is
   * not moved to another, so that they are not lost or sent to the wrong agency.
   */
  async signIn(hubUrl: string, username: string, password: string): Promise<HubLinkStatus> {
    const current = readHubLink(this.options.db);
    if (current && current.hubUrl !== hubUrl && countQueuedCommands(this.options.db) > 0) {
      throw new ApiError('conflict', `This desk still has work queued for ${current.hubUrl}: sign in there again so that it is sent, before connecting to ${hubUrl}.`, { hubUrl: `queued for ${current.hubUrl}` });
    }
    let signedIn;
    try {
      signedIn = await new HubClient(hubUrl).signInWithPassword(username, password);
    } catch (error) {
      throw signInError(hubUrl, error);
    }
    await this.stopRunning();
    await this.options.secrets.set(hubSessionSecretName(hubUrl), signedIn.token);
    const { id, username: name, displayName, unitId, roles } = signedIn.user;
    const kept = saveHubSignIn(this.options.db, hubUrl, { id, username: name, displayName, unitId, roles }, new Date());
    this.options.log(`[hub] signed in at ${hubUrl} as ${name} (${kept === 'kept' ? 'replica kept' : 'new replica'})`);
    this.progress = { ...this.progress, behind: null, snapshotDocuments: null, lastContactAt: new Date().toISOString(), detail: null, nextAttemptAt: null };
    this.run(hubUrl, signedIn.token, id);
    return this.status()!;
  }

  /** Ends the session at the hub (if it answers soon) and forgets it here; the replica and the queue stay for the next sign-in. */
  async signOut(): Promise<HubLinkStatus | null> {
    const link = readHubLink(this.options.db);
    if (!link) return null;
    await this.stopRunning();
    const name = hubSessionSecretName(link.hubUrl);
    const token = await this.options.secrets.get(name);
    if (token) {
      await new HubClient(link.hubUrl, token).signOut(AbortSignal.timeout(SIGN_OUT_TIMEOUT_MS)).catch((error: unknown) => this.options.log(`[hub] the hub did not confirm the sign-out (the session ends by itself): ${String(error)}`));
    }
    await this.forgetSession(link.hubUrl);
    this.options.log(`[hub] signed out of ${link.hubUrl}`);
    this.update({ phase: 'signed_out', detail: null, nextAttemptAt: null, behind: null, snapshotDocuments: null });
    return this.status();
  }

  /** Queues a command (also offline); the sender takes it when the hub answers. */
  queueCommand(kind: CommandKind, payload: unknown): HubCommandItem {
    const link = readHubLink(this.options.db);
    if (!link?.signedIn || !link.owner) throw new ApiError('not_configured', 'Sign in to the agency server first: work is queued under the person signed in.');
    this.ids ??= new CommandIds(lastCommandId(this.options.db));
    const id = this.ids.next();
    enqueueCommand(this.options.db, { id, kind, payload, userId: link.owner.id }, new Date());
    this.senderWakeup.wake();
    this.update({});
    return listCommands(this.options.db, link.owner.id, 1)[0]!;
  }

  /** The hub as the signed-in user, or null when nobody is signed in here. */
  client(): HubClient | null {
    return this.session;
  }

  /** The signed-in user, also while the hub is out of reach; null when signed out. */
  user(): HubLinkStatus['user'] {
    const link = readHubLink(this.options.db);
    return link?.signedIn ? link.owner : null;
  }

  /** Puts a refused command away (the person read it); false when there was none to put away. */
  dismissCommand(id: string): boolean {
    const owner = readHubLink(this.options.db)?.owner;
    if (!owner || !dismissCommand(this.options.db, owner.id, id, new Date())) return false;
    this.update({});
    return true;
  }

  commands(limit: number): HubCommandItem[] {
    const owner = readHubLink(this.options.db)?.owner;
    return owner ? listCommands(this.options.db, owner.id, limit) : [];
  }

  /** "Đồng bộ ngay": the follower and the sender try again now instead of at the end of their back-off. */
  retryNow(): void {
    this.followerWakeup.wake();
    this.senderWakeup.wake();
  }

  status(): HubLinkStatus | null {
    const link = readHubLink(this.options.db);
    if (!link) return null;
    const counts = link.owner ? countCommands(this.options.db, link.owner.id) : { queued: 0, refused: 0 };
    return { hubUrl: link.hubUrl, user: link.signedIn ? link.owner : null, ...this.progress, ...counts };
  }

  async close(): Promise<void> {
    await this.stopRunning();
  }

  private run(hubUrl: string, token: string, userId: number): void {
    const abort = new AbortController();
    const client = new HubClient(hubUrl, token);
    this.session = client;
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    this.update({ phase: 'connecting', detail: null, nextAttemptAt: null });
    const follower = followFeed(
      {
        db: this.options.db,
        client,
        pageLimit: this.options.pageLimit ?? 500,
        waitSeconds: this.options.waitSeconds ?? 25,
        backoff,
        wakeup: this.followerWakeup,
        report: (report) => this.followerReport(report),
        documentsChanged: (ids) => this.options.documentsChanged(ids),
        noticesArrived: (keys) => this.options.noticesArrived(keys),
      },
      abort.signal,
    );
    const sender = sendCommands(
      {
        db: this.options.db,
        client,
        userId,
        backoff,
        wakeup: this.senderWakeup,
        changed: (problem) => this.update(problem ? { detail: problem.detail } : {}),
        ...(this.options.beforeSend ? { beforeSend: (command: QueuedCommand, signal: AbortSignal) => this.options.beforeSend!(client, command, signal) } : {}),
      },
      abort.signal,
    );
    const done = Promise.all([follower, sender]).then(
      () => undefined,
      async (error: unknown) => {
        abort.abort();
        await Promise.allSettled([follower, sender]);
        if (error instanceof HubSessionEndedError) {
          this.options.log(`[hub] the hub ended this desk's session: ${error.message}`);
          await this.forgetSession(hubUrl);
          this.update({ phase: 'signed_out', detail: error.message, nextAttemptAt: null });
        } else {
          this.options.log(`[hub] the link to ${hubUrl} stopped: ${String(error)}`);
          this.update({ phase: 'offline', detail: String(error) });
        }
      },
    );
    this.running = { abort, done };
  }

  private followerReport(report: FollowerReport): void {
    const wasOffline = this.progress.phase === 'offline' || this.progress.phase === 'connecting';
    const contact = report.contact ? { lastContactAt: new Date().toISOString() } : {};
    if (report.phase === 'offline' || 'detail' in report) {
      this.update({ ...contact, phase: report.phase, detail: report.detail, nextAttemptAt: report.nextAttemptAt.toISOString() });
      return;
    }
    if (report.phase === 'catching_up') {
      this.update({ ...contact, phase: 'catching_up', behind: report.behind, behindAtLeast: report.behindAtLeast, snapshotDocuments: report.snapshotDocuments, detail: null, nextAttemptAt: null });
    } else {
      this.update({ ...contact, phase: 'online', behind: null, behindAtLeast: false, snapshotDocuments: null, detail: null, nextAttemptAt: null });
    }
    // Back in touch: commands waiting out a back-off go now.
    if (wasOffline) this.senderWakeup.wake();
  }

  private update(change: Partial<Progress>): void {
    this.progress = { ...this.progress, ...change };
    this.options.statusChanged(this.status());
  }

  private async forgetSession(hubUrl: string): Promise<void> {
    // The secret store keeps names; an empty value is no session.
    await this.options.secrets.set(hubSessionSecretName(hubUrl), '');
    this.session = null;
    markHubSignedOut(this.options.db);
  }

  private async stopRunning(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (!running) return;
    running.abort.abort();
    await running.done;
  }
}

/** A sign-in that failed, in the words the connect form shows (the detail for "Chi tiết"). */
function signInError(hubUrl: string, error: unknown): ApiError {
  if (error instanceof HubRefusedError) {
    if (error.error === 'sign_in_failed' || error.status === 401) return new ApiError('unauthorized', `The agency server refused the username or password. ${error.message}`, { password: 'wrong username or password' });
    return new ApiError('invalid_input', `The agency server at ${hubUrl} refused the sign-in: ${error.message}`, { hubUrl: 'refused' });
  }
  if (error instanceof HubUnreachableError) {
    if (error.retryAfterMs !== null) return new ApiError('unavailable', `Too many tries: the agency server asks to wait ${Math.ceil(error.retryAfterMs / 1000)} s. ${error.message}`);
    return new ApiError('unavailable', `The agency server at ${hubUrl} does not answer: check the address and the network. ${error.message}`, { hubUrl: 'no answer' });
  }
  return new ApiError('unavailable', `The answer of ${hubUrl} is not an agency server's: ${String(error)}`, { hubUrl: 'not an agency server' });
}
