/**
 * The hub's embedded database: a PostgreSQL cluster of its own in the hub's data folder, made by
 * the system's initdb and run with pg_ctl, as the desktop embeds SQLite. It listens on a free
 * loopback port only (no Unix socket: its path would depend on how deep the data folder is), and
 * asks a password that is kept beside it for the hub's user alone, so another account on the same
 * server cannot connect. docs/architecture.md, "Agency hub", says how it starts and stops.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, chmod, chown, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { PoolConfig } from 'pg';
import { findPostgresBinaries, postgresProgram } from './binaries.js';
import { serverAccount, type ServerAccount } from './server-account.js';

export const CLUSTER_SUPERUSER = 'vanthu_hub';

export interface PrivateClusterOptions {
  /** The cluster's folder (PGDATA). Made at the first start. */
  dir: string;
  /** The superuser's password, readable by the hub's user only. */
  passwordFile: string;
  /** Default: findPostgresBinaries(). */
  binDir?: string;
  /** Default: serverAccount(); null runs the server as this process's user. */
  account?: ServerAccount | null;
  /**
   * false for throwaway clusters (tests): no fsync, so a power cut may lose them. The hub's own
   * cluster is always durable.
   */
  durable?: boolean;
  /** PostgreSQL's own default (100) unless given: a cluster the whole test run shares needs more. */
  maxConnections?: number;
}

export class ClusterStartError extends Error {
  constructor(message: string, readonly serverLog: string) {
    super(serverLog ? `${message}\nThe end of the server's log:\n${serverLog}` : message);
    this.name = 'ClusterStartError';
  }
}

interface CommandResult {
  code: number;
  output: string;
}

export class PrivateCluster {
  readonly dir: string;
  private readonly binDir: string;
  private readonly account: ServerAccount | null;
  private readonly durable: boolean;
  private runningPort: number | null = null;

  constructor(private readonly options: PrivateClusterOptions) {
    this.dir = path.resolve(options.dir);
    this.binDir = options.binDir ?? findPostgresBinaries();
    this.account = options.account === undefined ? serverAccount() : options.account;
    this.durable = options.durable ?? true;
  }

  get logFile(): string {
    return path.join(this.dir, 'server.log');
  }

  /** The port of the server this object started; null while stopped. */
  get port(): number | null {
    return this.runningPort;
  }

  /**
   * Makes the cluster if there is none, stops a server left running by a hub that died, and
   * starts it on a free loopback port (or on `port`: a restart that keeps it lets open pools reconnect).
   */
  async start(options: { port?: number } = {}): Promise<void> {
    await this.prepareParent();
    if (!existsSync(path.join(this.dir, 'PG_VERSION'))) await this.initialise();
    // The caller holds the data folder's lock, so a server running here was left by a hub that
    // was killed: stop it (a fast, clean shutdown) and start it again with this hub's settings.
    if (await this.isRunning()) await this.stop();
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      const settings = [
        `-p ${port}`,
        ...(this.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
        ...(this.options.maxConnections ? [`-c max_connections=${this.options.maxConnections}`] : []),
      ];
      const result = await this.pgCtl(['start', '-D', this.dir, '-w', '-t', '120', '-l', this.logFile, '-o', settings.join(' ')]);
      if (result.code === 0) {
        this.runningPort = port;
        return;
      }
      const serverLog = await this.logTail();
      // Another program took the port between our probe and the server's bind: try another.
      if (attempt < 3 && options.port === undefined && /could not bind|address already in use/i.test(serverLog)) continue;
      throw new ClusterStartError(`PostgreSQL did not start in ${this.dir}: ${result.output.trim()}`, serverLog);
    }
  }

  /** A fast shutdown: open transactions roll back, committed ones are on disk. */
  async stop(): Promise<void> {
    const result = await this.pgCtl(['stop', '-D', this.dir, '-m', 'fast', '-w', '-t', '60']);
    this.runningPort = null;
    if (result.code !== 0 && (await this.isRunning())) throw new Error(`PostgreSQL in ${this.dir} did not stop: ${result.output.trim()}`);
  }

  async isRunning(): Promise<boolean> {
    if (!existsSync(path.join(this.dir, 'PG_VERSION'))) return false;
    return (await this.pgCtl(['status', '-D', this.dir])).code === 0;
  }

  /**
   * The port of a server another process of this hub started (postmaster.pid's fourth line), so
   * that `npm run hub -- user add` can work beside a running hub.
   */
  async runningServerPort(): Promise<number | null> {
    if (!(await this.isRunning())) return null;
    const lines = (await readFile(path.join(this.dir, 'postmaster.pid'), 'utf8')).split('\n');
    const port = Number(lines[3]);
    return Number.isInteger(port) && port > 0 ? port : null;
  }

  /** How to connect to `database` on the server listening on `port`. */
  async connection(database: string, port: number | null = this.runningPort): Promise<PoolConfig> {
    if (port === null) throw new Error('The private PostgreSQL server is not running.');
    const password = (await readFile(this.options.passwordFile, 'utf8')).trim();
    return { host: '127.0.0.1', port, user: CLUSTER_SUPERUSER, password, database };
  }

  /** The folder above the cluster must let the server's account reach it. */
  private async prepareParent(): Promise<void> {
    const parent = path.dirname(this.dir);
    await mkdir(parent, { recursive: true });
    if (!this.account) return;
    const mode = (await stat(parent)).mode;
    // Traverse only (no listing): the server account reaches its own folder and nothing else.
    if ((mode & 0o001) === 0) await chmod(parent, (mode & 0o777) | 0o001);
    const probe = await this.run('test', ['-x', parent]);
    if (probe.code !== 0) {
      throw new ClusterStartError(
        `The account "${this.account.name}" that runs PostgreSQL cannot reach ${parent} (a folder above it is closed to other users, as /root is). ` +
          'Put the hub\'s data folder where that account can reach it (e.g. --data-dir /var/lib/vanthu-hub), run the hub as an ordinary user, or set DATABASE_URL.',
        '',
      );
    }
  }

  /** initdb into a staging folder, renamed into place when complete: a crash leaves no half cluster. */
  private async initialise(): Promise<void> {
    const staging = `${this.dir}.initializing`;
    const passwordInput = `${this.dir}.password-input`;
    await rm(staging, { recursive: true, force: true });
    if ((await readdir(this.dir).catch(() => [])).length > 0) {
      throw new ClusterStartError(`${this.dir} holds files but no PostgreSQL cluster (no PG_VERSION). Move them away, or choose another --data-dir.`, '');
    }
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(staging, { mode: 0o700 });
    const password = randomBytes(24).toString('base64url');
    await writeFile(passwordInput, `${password}\n`, { mode: 0o600 });
    try {
      await this.giveToServer(staging);
      await this.giveToServer(passwordInput);
      const args = ['-D', staging, '-U', CLUSTER_SUPERUSER, `--pwfile=${passwordInput}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-instructions'];
      const result = await this.run(postgresProgram(this.binDir, 'initdb'), this.durable ? args : [...args, '--no-sync']);
      if (result.code !== 0) throw new ClusterStartError(`initdb could not make a PostgreSQL cluster in ${staging}: ${result.output.trim()}`, '');
    } finally {
      await rm(passwordInput, { force: true });
    }
    const conf = path.join(staging, 'postgresql.conf');
    await appendFile(conf, "\n# Written by the VanThu hub: loopback only, with a password (docs/architecture.md, \"Agency hub\").\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n");
    await this.giveToServer(conf);
    const passwordTemp = `${this.options.passwordFile}.tmp`;
    await writeFile(passwordTemp, `${password}\n`, { mode: 0o600 });
    await rename(passwordTemp, this.options.passwordFile);
    await rename(staging, this.dir);
  }

  private async giveToServer(file: string): Promise<void> {
    if (this.account) await chown(file, this.account.uid, this.account.gid);
  }

  private async logTail(): Promise<string> {
    try {
      return (await readFile(this.logFile, 'utf8')).split('\n').slice(-15).join('\n').trim();
    } catch {
      return '';
    }
  }

  private pgCtl(args: string[]): Promise<CommandResult> {
    return this.run(postgresProgram(this.binDir, 'pg_ctl'), args);
  }

  /** Runs a server program as the server's account, in the cluster's parent folder. */
  private run(program: string, args: string[]): Promise<CommandResult> {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C', ...(process.platform === 'win32' ? { SystemRoot: process.env.SystemRoot } : {}) };
    return new Promise((resolve) => {
      execFile(
        program,
        args,
        { cwd: path.dirname(this.dir), env, ...(this.account ? { uid: this.account.uid, gid: this.account.gid } : {}), timeout: 180_000, windowsHide: true },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, output: `${stdout}${stderr}${error && typeof error.code !== 'number' ? error.message : ''}` });
        },
      );
    });
  }
}

/** A loopback port nobody listens on now (the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
