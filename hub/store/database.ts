/**
 * The hub's connection pool to PostgreSQL (node-postgres) and its transactions. Every query of the
 * hub lives under hub/store/, as the desktop keeps its SQL under electron/core/store/.
 */
import pg from 'pg';

export type Queryable = pg.Pool | pg.PoolClient;
export type { PoolConfig } from 'pg';

export const MIN_SERVER_VERSION = 150000;

export class UnsupportedServerError extends Error {
  constructor(readonly found: string) {
    super(`The PostgreSQL server runs version ${found}; the hub needs PostgreSQL 15 or newer. Upgrade the server or point DATABASE_URL at a newer one.`);
    this.name = 'UnsupportedServerError';
  }
}

/**
 * A connection with PostgreSQL's JIT turned off before the pool hands it out. The hub's queries
 * take milliseconds; the JIT, deciding by estimated cost, compiled the access rule's plans at
 * every execution and spent 200 of a page's 247 ms doing so (docs/architecture.md, "Document
 * access"). A SET after connecting rather than a startup option, which connection poolers may
 * refuse; awaited here, so no query of the pool's user runs before it.
 */
class HubClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): void;
  override connect(given?: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): Promise<pg.Client> | void {
    const callback = given as ((err: Error | null, c?: pg.Client) => void) | undefined;
    const ready = super.connect().then(async () => {
      await this.query('SET jit = off');
      return this;
    });
    if (!callback) return ready;
    ready.then(
      (client) => callback(null, client),
      (error: Error) => callback(error),
    );
  }
}

/** A pool whose server was checked to be new enough; every connection names itself in pg_stat_activity. */
export async function openPool(config: pg.PoolConfig): Promise<pg.Pool> {
  const pool = new pg.Pool({ max: 10, application_name: 'vanthu-hub', connectionTimeoutMillis: 10_000, Client: HubClient, ...config });
  // An idle client whose server went away (a restart, a failover) must not take the hub down.
  pool.on('error', () => undefined);
  try {
    const { rows } = await pool.query<{ version: string; text: string }>("SELECT current_setting('server_version_num') AS version, current_setting('server_version') AS text");
    if (Number(rows[0]!.version) < MIN_SERVER_VERSION) throw new UnsupportedServerError(rows[0]!.text);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/**
 * Runs `work` on one connection whose prepared statements use their generic plan, made once per
 * connection, instead of being planned again at each execution. PostgreSQL keeps re-planning a
 * named statement whose generic plan it estimates costlier than a custom one, as it does for
 * every statement with the access rule inlined: planning then took 5–30 ms of a list page whose
 * execution took 1.5 ms (docs/architecture.md, "Document access"). Only for statements whose best
 * plan does not depend on their parameters' values. Inside a caller's transaction the setting is
 * undone with it; on a connection of the pool's own, a connection that could not be reset is
 * closed rather than given back.
 */
export async function withGenericPlans<T>(db: Queryable, work: (client: Queryable) => Promise<T>): Promise<T> {
  const own = db instanceof pg.Pool ? await db.connect() : null;
  const client = own ?? (db as pg.PoolClient);
  try {
    await client.query('SET plan_cache_mode = force_generic_plan');
    return await work(client);
  } finally {
    const resetFailed = await client.query('RESET plan_cache_mode').then(
      () => undefined,
      (error: Error) => error,
    );
    own?.release(resetFailed);
  }
}

/** Runs `work` in one transaction on one connection; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Creates `name` on the server `admin` is connected to, unless it exists. */
export async function ensureDatabase(admin: Queryable, name: string): Promise<void> {
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (rowCount) return;
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} ENCODING 'UTF8' TEMPLATE template0`);
  } catch (error) {
    // Another hub made it between the check and the CREATE.
    if ((error as { code?: string }).code !== '42P04') throw error;
  }
}
