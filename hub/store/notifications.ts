/**
 * The one connection per hub instance that LISTENs for what other instances committed: new change
 * numbers and ended sessions (both NOTIFYed by the triggers of migration 040, at commit). If
 * PostgreSQL drops it (a restart, a failover, a network cut), it connects again by itself and says
 * so, because anything NOTIFYed meanwhile is lost and the caller must catch up by number.
 */
import pg from 'pg';

export const CHANGES_CHANNEL = 'vanthu_changes';
export const SESSION_ENDED_CHANNEL = 'vanthu_session_ended';

export interface NotificationHandlers {
  /** Some transaction committed changes (the numbers are read from the table, not carried here). */
  change(): void;
  sessionEnded(sessionId: string): void;
  /** Listening again after a gap: notifications may have been missed. */
  resumed(): void;
  /** Lost, or failed to reconnect (it keeps trying). */
  trouble(error: Error): void;
}

/** A dead TCP connection sends no error: a query this often proves the connection is alive. */
const PROBE_MS = 20_000;
const RETRY_MS = [100, 250, 500, 1000, 2000, 5000];

export class NotificationListener {
  private client: pg.Client | null = null;
  private closed = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private probeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly handlers: NotificationHandlers,
  ) {}

  /** Resolves once listening; a first connection that fails rejects (the hub cannot start without its database). */
  async start(): Promise<void> {
    await this.connect();
  }

  get listening(): boolean {
    return this.client !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.probeTimer) clearInterval(this.probeTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    // pg-pool keeps the password out of its options' enumerable keys (so they can be logged): copy it by name.
    const client = new pg.Client({ ...this.config, password: this.config.password, keepAlive: true, application_name: 'vanthu-hub listener' });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the LISTEN connection ended')));
    client.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) this.handlers.change();
      else if (message.channel === SESSION_ENDED_CHANNEL && message.payload) this.handlers.sessionEnded(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}; LISTEN ${SESSION_ENDED_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempt = 0;
    this.probeTimer = setInterval(() => {
      client.query('SELECT 1').catch((error: Error) => this.lost(client, error));
    }, PROBE_MS).unref();
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    if (this.probeTimer) clearInterval(this.probeTimer);
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.handlers.trouble(error);
    this.retry();
  }

  private retry(): void {
    if (this.closed) return;
    const delay = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)]!;
    this.retryTimer = setTimeout(() => {
      this.connect().then(
        () => {
          if (!this.closed) this.handlers.resumed();
        },
        (error: unknown) => {
          this.handlers.trouble(error instanceof Error ? error : new Error(String(error)));
          this.retry();
        },
      );
    }, delay);
    this.retryTimer.unref();
  }
}
